import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  MissingAuthenticationError,
  SigV4VerificationError,
  toAppSyncIdentity,
  verifySigV4Request,
  type CredentialSource,
  type Principal,
} from '@notifier/local-iam';
import type { GraphQLRequestBody } from './executor';
import type { FaultInjector } from './faults';
import { isSecureTransport, sourceIpOf } from './http-handler';
import type { SubscriberConnection, createSubscriptionHub } from './subscriptions';
import { textFrame } from './text-frame';

/** The subprotocol AppSync's real-time endpoint speaks. */
export const REALTIME_SUBPROTOCOL = 'graphql-ws';
const HEADER_SUBPROTOCOL_PREFIX = 'header-';
const UNAUTHORIZED_CONNECT = 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException';
/**
 * Largest real-time message a client may send, by default: AppSync's messages are bounded by its
 * 240 kB subscription payload quota, and a `start` (a subscription document and its signature) is far smaller.
 */
export const DEFAULT_MAX_REALTIME_MESSAGE_BYTES = 256 * 1024;
/** Interval of `ka` messages, by default (AppSync's). */
export const DEFAULT_KEEP_ALIVE_INTERVAL_MS = 60_000;
/** `connectionTimeoutMs` announced in `connection_ack`, by default (AppSync's). */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;
/** Close code for a connection that sent no `connection_init` in time (as graphql-ws servers use it). */
const CLOSE_INIT_TIMEOUT = 4408;

/** Options of {@link createRealtimeServer}. */
export interface RealtimeOptions {
  hub: ReturnType<typeof createSubscriptionHub>;
  credentials: CredentialSource<Principal>;
  region: string;
  now: () => Date;
  faults: FaultInjector;
  /**
   * Interval of `ka` messages.
   * @default 60000
   */
  keepAliveIntervalMs?: number;
  /**
   * `connectionTimeoutMs` announced in `connection_ack`; also how long a connection may stay open
   * without sending `connection_init` before it is closed (code 4408).
   * @default 300000
   */
  connectionTimeoutMs?: number;
  /**
   * Largest message a client may send; a larger one closes its connection with code 1009.
   * @default 262144 (256 KiB)
   */
  maxMessageBytes?: number;
}

type Outgoing = Record<string, unknown>;

function decodeBase64Json(value: string): Record<string, unknown> | undefined {
  try {
    const normalized = value.replace(/-/g, '+').replace(/_/g, '/');
    const parsed: unknown = JSON.parse(Buffer.from(normalized, 'base64').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  // No prototype: the names come from the client, and `constructor` or `__proto__` must stay plain keys.
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

function isGraphQLRequest(value: unknown): value is GraphQLRequestBody {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { query, variables, operationName } = value as Record<string, unknown>;
  return (
    typeof query === 'string' &&
    (variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables))) &&
    (operationName === undefined || operationName === null || typeof operationName === 'string')
  );
}

interface ConnectAuth {
  headers: Record<string, string>;
  payload: string;
}

function connectAuthOf(req: IncomingMessage): ConnectAuth | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const fromProtocol = protocols.find((p) => p.startsWith(HEADER_SUBPROTOCOL_PREFIX));
  const encoded = url.searchParams.get('header') ?? (fromProtocol ? fromProtocol.slice(HEADER_SUBPROTOCOL_PREFIX.length) : undefined);
  if (!encoded) return undefined;
  const headers = decodeBase64Json(encoded);
  if (!headers) return undefined;
  const payloadParam = url.searchParams.get('payload');
  const payload = payloadParam ? Buffer.from(payloadParam, 'base64').toString('utf8') : '{}';
  return { headers: lowerCaseHeaders(headers), payload };
}

/**
 * AppSync's real-time endpoint (`/graphql/realtime`, also `/graphql` as some clients derive it):
 * subprotocol `graphql-ws`; the connect authorization from `?header=` or a `header-<base64url>`
 * subprotocol is an IAM-signed POST to `/graphql/connect` with body `{}`; each `start` carries an
 * IAM signature over its `data` string at `/graphql`. Messages: `connection_init` ->
 * `connection_ack` (`connectionTimeoutMs`), `ka`, `start` -> `start_ack` | `error`, `data`,
 * `stop` -> `complete`, `connection_error`.
 *
 * @example
 * ```ts
 * const realtime = createRealtimeServer({ hub, credentials: registry, region, now, faults });
 * server.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
 * ```
 */
export function createRealtimeServer(options: RealtimeOptions): {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
  connectionCount(): number;
} {
  const { hub, credentials, region, now, faults } = options;
  const keepAliveIntervalMs = options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS;
  const connectionTimeoutMs = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  const wss = new WebSocketServer({
    noServer: true,
    // AppSync messages are small JSON texts sent to many sockets at once: compressing each one for
    // each socket would cost more CPU than the loopback or LAN it saves. Data frames are also
    // written to the socket directly (see sendData), which needs ws to never queue frames.
    perMessageDeflate: false,
    // ws would otherwise buffer up to 100 MiB per message from any client.
    maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_REALTIME_MESSAGE_BYTES,
    // A client that offers other subprotocols only gets the first one echoed, so that it completes the
    // handshake (clients refuse a handshake that picks none of theirs) and can read the
    // connection_error that follows; onConnection refuses every protocol but graphql-ws.
    handleProtocols: (protocols) => (protocols.has(REALTIME_SUBPROTOCOL) ? REALTIME_SUBPROTOCOL : ([...protocols][0] ?? false)),
  });

  // Fan-out writes many small frames to many sockets. Corking a socket until the end of the current
  // event-loop turn lets every frame published to it in that turn (several mutations, several
  // subscriptions) leave in one write instead of one system call each.
  const corked = new Set<Duplex>();
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    for (const socket of corked) socket.uncork();
    corked.clear();
  };
  const corkUntilTurnEnds = (socket: Duplex): void => {
    if (corked.has(socket)) return;
    socket.cork();
    corked.add(socket);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  const verify = (headers: Record<string, string>, path: string, body: string): Principal =>
    verifySigV4Request({ method: 'POST', path, headers, body }, { credentials, region, now });

  const onConnection = (ws: WebSocket, req: IncomingMessage, socket: Duplex): void => {
    if (ws.protocol !== REALTIME_SUBPROTOCOL) {
      // AppSync's answers: no Sec-WebSocket-Protocol at all, or none it speaks.
      const message = ws.protocol === '' ? 'NoProtocolError' : 'SubProtocolNotSupportedError';
      ws.send(JSON.stringify({ type: 'connection_error', payload: { errors: [{ message, errorCode: 400 }] } }));
      ws.close(1000);
      return;
    }
    // Fixed for the connection's life: its listener and peer; each start adds its own time.
    const sourceIp = sourceIpOf(req);
    const secureTransport = isSecureTransport(req);
    const auth = connectAuthOf(req);
    let connectError: { errorType: string; message: string; errorCode: number } | undefined;
    if (!auth) {
      connectError = { errorType: UNAUTHORIZED_CONNECT, message: 'You are not authorized to make this call.', errorCode: 400 };
    } else {
      try {
        verify(auth.headers, '/graphql/connect', auth.payload);
      } catch (error) {
        if (error instanceof SigV4VerificationError) {
          connectError =
            error instanceof MissingAuthenticationError
              ? { errorType: UNAUTHORIZED_CONNECT, message: 'You are not authorized to make this call.', errorCode: 400 }
              : { errorType: 'UnauthorizedException', message: error.message, errorCode: 401 };
        } else {
          // A bug of this server, not of the client: thrown here it would escape ws's upgrade callback
          // and end the process. Refuse this connection and keep the cause visible.
          console.error('appsync-local: verifying a real-time connect failed', error);
          connectError = { errorType: 'InternalFailure', message: `Internal failure: ${(error as Error).message}`, errorCode: 500 };
        }
      }
    }
    const sendJson = (message: Outgoing): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    if (connectError) {
      // Nothing this connection could send would be served: say why and close now, rather than
      // holding the socket until a connection_init that may never come.
      sendJson({ type: 'connection_error', payload: { errors: [connectError] } });
      ws.close(1000);
      return;
    }
    let initialized = false;
    let keepAlive: NodeJS.Timeout | undefined;
    // A client that never sends connection_init would otherwise hold its socket forever.
    const initTimer = setTimeout(() => {
      if (!initialized) ws.close(CLOSE_INIT_TIMEOUT, 'connection_init not received within connectionTimeoutMs');
    }, connectionTimeoutMs);
    const connection: SubscriberConnection = {
      sendData: (parts, byteLength) => {
        if (ws.readyState !== ws.OPEN) return;
        if (faults.nextDropsConnection()) {
          ws.terminate();
          return;
        }
        corkUntilTurnEnds(socket);
        try {
          // Framed here and written straight to the socket (what ws's Sender.frame exists for): one
          // buffer and one write per message instead of ws.send's header and payload writes. Order
          // with ws's own frames (acks, ka, complete, close) holds: without permessage-deflate ws
          // writes every frame synchronously, never from a queue.
          socket.write(textFrame(parts, byteLength));
        } catch (error) {
          // One broken socket must not stop the fan-out to the others: drop it (its client reconnects).
          console.error('appsync-local: sending to a subscriber failed; closing its connection', error);
          ws.terminate();
        }
      },
    };
    const cleanup = (): void => {
      if (keepAlive) clearInterval(keepAlive);
      clearTimeout(initTimer);
      hub.dropConnection(connection);
    };
    ws.on('close', cleanup);
    ws.on('error', cleanup);

    const onStart = async (id: string, payload: Record<string, unknown> | undefined): Promise<void> => {
      const data = payload?.data;
      const authorization = (payload?.extensions as Record<string, unknown> | undefined)?.authorization;
      if (typeof data !== 'string') {
        sendJson({ type: 'error', id, payload: { errors: [{ errorType: 'BadRequestException', message: 'start payload.data must be a JSON string' }] } });
        return;
      }
      if (!authorization || typeof authorization !== 'object') {
        sendJson({ type: 'error', id, payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] } });
        return;
      }
      const headers = lowerCaseHeaders(authorization as Record<string, unknown>);
      let principal: Principal;
      try {
        principal = verify(headers, '/graphql', data);
      } catch (error) {
        if (!(error instanceof SigV4VerificationError)) throw error;
        sendJson({ type: 'error', id, payload: { errors: [{ errorType: error.errorType, message: error.message }] } });
        return;
      }
      let request: GraphQLRequestBody;
      try {
        request = JSON.parse(data) as GraphQLRequestBody;
      } catch {
        sendJson({ type: 'error', id, payload: { errors: [{ errorType: 'BadRequestException', message: 'start payload.data is not valid JSON' }] } });
        return;
      }
      if (!isGraphQLRequest(request)) {
        sendJson({
          type: 'error',
          id,
          payload: { errors: [{ errorType: 'BadRequestException', message: 'start payload.data must be a GraphQL request: a JSON object with a string query' }] },
        });
        return;
      }
      const result = await hub.start(connection, id, {
        request,
        principal,
        fieldRequest: { now: now(), secureTransport, sourceIp },
        identity: toAppSyncIdentity(principal, sourceIp),
        headers,
      });
      if (ws.readyState !== ws.OPEN) {
        // The connection closed while the subscription resolver ran: forget what it registered.
        hub.dropConnection(connection);
        return;
      }
      if (result.ok) sendJson({ type: 'start_ack', id });
      // Stopped before it was registered: the stop's `complete` was its last word.
      else if ('cancelled' in result) return;
      else sendJson({ type: 'error', id, payload: { errors: result.errors } });
    };

    ws.on('message', (raw, isBinary) => {
      let message: { type?: unknown; id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(isBinary ? Buffer.from(raw as Buffer).toString('utf8') : String(raw)) as typeof message;
        if (message === null || typeof message !== 'object') throw new TypeError('not an object');
      } catch {
        sendJson({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'Messages must be JSON objects' }] } });
        return;
      }
      const id = typeof message.id === 'string' ? message.id : undefined;
      switch (message.type) {
        case 'connection_init':
          initialized = true;
          clearTimeout(initTimer);
          sendJson({ type: 'connection_ack', payload: { connectionTimeoutMs } });
          sendJson({ type: 'ka' });
          keepAlive ??= setInterval(() => sendJson({ type: 'ka' }), keepAliveIntervalMs);
          return;
        case 'start':
          if (!initialized) {
            sendJson({ type: 'error', id, payload: { errors: [{ errorType: 'BadRequestException', message: 'connection_init must come first' }] } });
            return;
          }
          if (!id) {
            sendJson({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException', message: 'start needs an id' }] } });
            return;
          }
          onStart(id, message.payload as Record<string, unknown> | undefined).catch((error: unknown) => {
            console.error('appsync-local: subscription start failed', error);
            sendJson({ type: 'error', id, payload: { errors: [{ errorType: 'InternalFailure', message: (error as Error).message }] } });
          });
          return;
        case 'stop':
          if (id) hub.stop(connection, id);
          sendJson({ type: 'complete', id });
          return;
        default:
          sendJson({
            type: 'error',
            ...(id ? { id } : {}),
            payload: { errors: [{ errorType: 'UnsupportedOperation', message: `${String(message.type)} not supported through the realtime channel` }] },
          });
      }
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/graphql/realtime' && path !== '/graphql') {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        try {
          onConnection(ws, req, socket);
        } catch (error) {
          // Never let one connection's failure escape into ws's upgrade callback (it would end the process).
          console.error('appsync-local: setting up a real-time connection failed', error);
          ws.send(JSON.stringify({ type: 'connection_error', payload: { errors: [{ errorType: 'InternalFailure', message: 'Internal failure', errorCode: 500 }] } }));
          ws.close(1011);
        }
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
    connectionCount: () => wss.clients.size,
  };
}
