// A scripted AppSync peer for protocol tests: a real HTTP + WebSocket server on 127.0.0.1:0 that
// plays AppSync's real-time messages, verifies every SigV4 signature it receives (connect header,
// each start's authorization, the catch-up POST) with @notifier/local-iam, and serves the
// `notifications` catch-up query from an in-memory feed. Tests decide what it answers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { verifySigV4Request, type CredentialRecord } from '@notifier/local-iam';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Notification } from '../src';

/** The region the peer's verifier expects in credential scopes. */
export const PEER_REGION = 'eu-west-1';

/** What the peer knows about an access key. */
export interface PeerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A message the client sent. */
export interface ClientMessage {
  type: string;
  id?: string;
  payload?: { data: string; extensions: { authorization: Record<string, string> } };
}

/** One verified signature. */
export interface SignatureCheck {
  what: 'connect' | 'start' | 'catch-up';
  accessKeyId: string;
  ok: boolean;
  error?: string;
  signedHeaders: string[];
}

/** One WebSocket connection as the peer saw it. */
export class PeerConnection {
  public readonly received: ClientMessage[] = [];
  public closed = false;
  private waiters: { type: string; resolve: (m: ClientMessage) => void }[] = [];

  public constructor(
    public readonly socket: WebSocket,
    public readonly transport: 'query' | 'subprotocol',
    public readonly connectHeaders: Record<string, string>,
    public readonly connectCheck: SignatureCheck,
  ) {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as ClientMessage;
      this.received.push(message);
      const index = this.waiters.findIndex((w) => w.type === message.type);
      if (index >= 0) {
        const [waiter] = this.waiters.splice(index, 1);
        waiter?.resolve(message);
      }
    });
    socket.on('close', () => {
      this.closed = true;
    });
  }

  /** The next client message of `type` (or the earliest unconsumed one already received). */
  public next(type: string, timeoutMs = 5000): Promise<ClientMessage> {
    const seen = this.received.filter((m) => m.type === type);
    const consumed = this.consumed.get(type) ?? 0;
    if (seen.length > consumed) {
      this.consumed.set(type, consumed + 1);
      return Promise.resolve(seen[consumed] as ClientMessage);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} message within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (m) => {
          clearTimeout(timer);
          this.consumed.set(type, (this.consumed.get(type) ?? 0) + 1);
          resolve(m);
        },
      });
    });
  }

  private readonly consumed = new Map<string, number>();

  public send(message: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Answers `connection_init` with `connection_ack`. */
  public async ack(connectionTimeoutMs = 300_000): Promise<void> {
    await this.next('connection_init');
    this.send({ type: 'connection_ack', payload: { connectionTimeoutMs } });
  }

  /** Waits for a `start`, checks its signature and answers `start_ack`; returns the start. */
  public async acceptStart(peer: AppSyncPeer): Promise<ClientMessage> {
    const start = await this.next('start');
    const check = peer.verifyStart(start);
    if (!check.ok) throw new Error(`start signature rejected: ${check.error}`);
    this.send({ type: 'start_ack', id: start.id });
    return start;
  }

  /** Sends a notification as `data` of the given start. */
  public sendNotification(start: ClientMessage, notification: Notification): void {
    this.send({ type: 'data', id: start.id, payload: { data: { onNotification: notification } } });
  }

  /** Closes the socket from the server side. */
  public close(code = 1001, reason = 'going away'): void {
    this.socket.close(code, reason);
  }
}

/** A running peer. */
export class AppSyncPeer {
  public readonly connections: PeerConnection[] = [];
  public readonly checks: SignatureCheck[] = [];
  public readonly catchUpRequests: { after: string | null; limit: number | null; accessKeyId: string }[] = [];
  /** The catch-up feed, oldest first; the cursor of position i is `c<i+1>`. */
  public readonly feed: Notification[] = [];
  /** Set to make the catch-up query fail with this status. */
  public catchUpFailure: number | undefined;
  public graphqlUrl = '';
  public realtimeUrl = '';
  private readonly keys = new Map<string, CredentialRecord<string>>();
  private connectionWaiters: (() => void)[] = [];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });

  public constructor(public now: () => Date = () => new Date()) {
    this.server = createServer((req, res) => {
      void this.handleHttp(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    this.server.on('upgrade', (req, socket, head) => this.handleUpgrade(req, socket, head));
  }

  public async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.graphqlUrl = `http://127.0.0.1:${port}/graphql`;
    this.realtimeUrl = `ws://127.0.0.1:${port}/graphql/realtime`;
    return this;
  }

  public async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Accepts signatures made with these credentials. */
  public allow(credentials: PeerCredentials): void {
    this.keys.set(credentials.accessKeyId, {
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
      principal: credentials.accessKeyId,
    });
  }

  /** The n-th connection (0-based), waiting for it to arrive. */
  public connection(index: number, timeoutMs = 5000): Promise<PeerConnection> {
    const existing = this.connections[index];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no connection #${index} within ${timeoutMs} ms`)), timeoutMs);
      const waiter = (): void => {
        const found = this.connections[index];
        if (!found) return;
        clearTimeout(timer);
        this.connectionWaiters = this.connectionWaiters.filter((w) => w !== waiter);
        resolve(found);
      };
      this.connectionWaiters.push(waiter);
    });
  }

  /** Cursor after the last item of the feed. */
  public cursorAt(position: number): string | null {
    return position === 0 ? null : `c${position}`;
  }

  public verifyStart(start: ClientMessage): SignatureCheck {
    const payload = start.payload;
    if (!payload) throw new Error('start without payload');
    const check = this.verify('start', { method: 'POST', path: '/graphql', headers: lower(payload.extensions.authorization), body: payload.data });
    this.checks.push(check);
    return check;
  }

  private verify(
    what: SignatureCheck['what'],
    request: { method: string; path: string; headers: Record<string, string>; body: string | Uint8Array },
  ): SignatureCheck {
    const authorization = request.headers.authorization ?? '';
    const accessKeyId = /Credential=([^/]+)\//.exec(authorization)?.[1] ?? '';
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    try {
      verifySigV4Request(request, { credentials: (key) => this.keys.get(key), region: PEER_REGION, now: this.now });
      return { what, accessKeyId, ok: true, signedHeaders };
    } catch (err) {
      return { what, accessKeyId, ok: false, error: (err as Error).message, signedHeaders };
    }
  }

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://peer');
    if (url.pathname !== '/graphql/realtime') {
      socket.destroy();
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const headerProtocol = offered.find((p) => p.startsWith('header-'));
    let transport: 'query' | 'subprotocol';
    let encoded: string;
    if (headerProtocol) {
      transport = 'subprotocol';
      encoded = Buffer.from(headerProtocol.slice('header-'.length), 'base64url').toString('utf8');
    } else {
      transport = 'query';
      encoded = Buffer.from(url.searchParams.get('header') ?? '', 'base64').toString('utf8');
      if (url.searchParams.get('payload') !== 'e30=') throw new Error(`unexpected payload parameter ${url.searchParams.get('payload')}`);
    }
    const connectHeaders = JSON.parse(encoded) as Record<string, string>;
    const check = this.verify('connect', { method: 'POST', path: '/graphql/connect', headers: lower(connectHeaders), body: '{}' });
    this.checks.push(check);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new PeerConnection(ws, transport, connectHeaders, check);
      this.connections.push(connection);
      for (const waiter of [...this.connectionWaiters]) waiter();
    });
  }

  private async handleHttp(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    const check = this.verify('catch-up', { method: req.method ?? 'POST', path: req.url ?? '/', headers, body });
    this.checks.push(check);
    if (!check.ok) {
      return { status: 403, body: { errors: [{ errorType: 'InvalidSignatureException', message: check.error }] } };
    }
    if (this.catchUpFailure !== undefined) {
      return { status: this.catchUpFailure, body: { errors: [{ errorType: 'ServiceUnavailable', message: 'scripted failure' }] } };
    }
    const request = JSON.parse(body.toString('utf8')) as { query: string; variables: { after?: string | null; limit?: number } };
    if (!request.query.includes('notifications(')) {
      return { status: 400, body: { errors: [{ errorType: 'ValidationError', message: 'peer serves notifications only' }] } };
    }
    const after = request.variables.after ?? null;
    // As the notifications resolver answers a cursor it did not issue: a field error, HTTP 200.
    if (after !== null && !/^c\d+$/.test(after)) {
      return {
        status: 200,
        body: { data: { notifications: null }, errors: [{ errorType: 'ValidationError', message: 'after is not a cursor returned by notifications', path: ['notifications'] }] },
      };
    }
    const limit = request.variables.limit ?? 50;
    this.catchUpRequests.push({ after, limit: request.variables.limit ?? null, accessKeyId: check.accessKeyId });
    const start = after === null ? 0 : Number(after.slice(1));
    const items = this.feed.slice(start, start + limit);
    const end = start + items.length;
    return {
      status: 200,
      body: { data: { notifications: { items, cursor: this.cursorAt(end), hasMore: end < this.feed.length, cursorExpired: false } } },
    };
  }
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

let sequence = 0;

/** A notification fixture in the generated shape (`kind` may be any string). */
export function notification(kind: string, overrides: Partial<Notification> = {}): Notification {
  sequence += 1;
  const base: Notification = {
    id: `n-${sequence}`,
    kind,
    audience: kind === 'IMAGE_TAGGED' || kind === 'TRANSCRIPT_READY' ? 'PRIVATE' : 'BROADCAST',
    ownerId: kind === 'IMAGE_TAGGED' || kind === 'TRANSCRIPT_READY' ? 'eu-west-1:owner' : null,
    createdAt: new Date(Date.UTC(2026, 10, 27, 14, 0, sequence)).toISOString(),
    imageTagged: null,
    transcriptReady: null,
    datasetRefreshed: null,
    modelReady: null,
  };
  if (kind === 'MODEL_READY') {
    base.modelReady = { modelName: 'churn', version: 'v7', artifactLocation: 's3://models/churn/v7/model.tar.gz', metrics: [{ name: 'auc', value: 0.91 }] };
  } else if (kind === 'DATASET_REFRESHED') {
    base.datasetRefreshed = { dataset: 'orders', version: 'v42', recordCount: 1200, completedAt: base.createdAt };
  } else if (kind === 'IMAGE_TAGGED') {
    base.imageTagged = { bucket: 'media', key: 'private/eu-west-1:owner/cat.jpg', status: 'TAGGED', labels: [{ name: 'Cat', confidence: 98.5 }], reason: null };
  }
  return { ...base, ...overrides };
}
