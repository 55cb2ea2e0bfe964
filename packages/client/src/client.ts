import { ClockSkew, createAppSyncClient, createAppSyncRequestSigner } from '@notifier/mutation-signer';
import { NotificationsDocument } from '@notifier/schema';
import { createBackoff } from './backoff';
import type { CatchUpPage } from './catch-up';
import { CredentialsCache } from './credentials';
import { realtimeUrlFor, parseHttpUrl, parseWsUrl, regionFromGraphqlUrl } from './endpoints';
import { NotifierCatchUpError, NotifierClientError, NotifierConfigError } from './errors';
import { NotificationStream } from './notification-stream';
import { RealtimeConnection } from './realtime-connection';
import type {
  CatchUpResult,
  Notification,
  NotifierClient,
  NotifierClientOptions,
  NotifierLogger,
  RealtimeRequestSigner,
  SubscribeOptions,
  Timers,
  WebSocketConstructor,
} from './types';

const DEFAULT_LOGGER: NotifierLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message, context) => console.warn(`[notifier] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[notifier] ${message}`, context ?? ''),
};

/**
 * Creates a notifier client: live notifications over AppSync's real-time protocol with IAM
 * (SigV4-signed connect and starts), reconnect with backoff, catch-up through `notifications` after
 * every gap, and delivery of each notification id once. Works in browsers and in Node.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // Node 20; browsers have a global WebSocket
 * import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
 *
 * const client = createNotifierClient({
 *   graphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
 *   credentials: fromCognitoIdentityPool({ identityPoolId, logins, clientConfig: { region: 'eu-west-1' } }),
 *   WebSocket,
 * });
 * const subscription = client.subscribe({
 *   kinds: ['IMAGE_TAGGED', 'MODEL_READY'],
 *   onNotification: (n) => console.log(n.kind, n.id),
 *   onStatus: (s) => console.log(s.state),
 * });
 * // later
 * subscription.unsubscribe();
 * ```
 */
export function createNotifierClient(options: NotifierClientOptions): NotifierClient {
  if (typeof options !== 'object' || options === null) {
    throw new NotifierConfigError('options are required ({ graphqlUrl, credentials })');
  }
  if (typeof options.graphqlUrl !== 'string' || options.graphqlUrl === '') {
    throw new NotifierConfigError('graphqlUrl is required (the AppSync GraphQL endpoint)');
  }
  const graphqlUrl = parseHttpUrl(options.graphqlUrl, 'graphqlUrl').href.replace(/\/+$/, '');
  const realtimeUrl = options.realtimeUrl === undefined ? realtimeUrlFor(graphqlUrl) : parseWsUrl(options.realtimeUrl, 'realtimeUrl').href;
  const region = options.region ?? regionFromGraphqlUrl(graphqlUrl);
  if (!region) {
    throw new NotifierConfigError(`region is required for an endpoint outside AppSync's domain (${graphqlUrl})`);
  }
  if (options.credentials === undefined || options.credentials === null) {
    throw new NotifierConfigError('credentials are required (static credentials or a provider such as fromCognitoIdentityPool)');
  }
  const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof WebSocketImpl !== 'function') {
    throw new NotifierConfigError('No WebSocket implementation: pass WebSocket (e.g. the `ws` package on Node 20)');
  }
  const authTransport = options.authTransport ?? 'query';
  if (authTransport !== 'query' && authTransport !== 'subprotocol') {
    throw new NotifierConfigError(`authTransport must be 'query' or 'subprotocol', got ${JSON.stringify(authTransport)}`);
  }
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const timers: Timers = options.timers ?? {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const generateId = options.generateId ?? (() => globalThis.crypto.randomUUID());
  const logger = options.logger ?? DEFAULT_LOGGER;
  const credentialRefreshMinDelayMs = nonNegative(options.credentialRefreshMinDelayMs, 10_000, 'credentialRefreshMinDelayMs');
  const credentials = new CredentialsCache(options.credentials, {
    refreshMarginMs: nonNegative(options.credentialRefreshMarginMs, 300_000, 'credentialRefreshMarginMs'),
    minRefreshDelayMs: credentialRefreshMinDelayMs,
    now,
  });
  const backoff = createBackoff(options.backoff, random);
  const dedupeCapacity = positiveInteger(options.dedupeCapacity, 1000, 'dedupeCapacity');
  const holdCapacity = positiveInteger(options.catchUpHoldCapacity, 1000, 'catchUpHoldCapacity');
  const pageSize = positiveInteger(options.catchUpPageSize, 100, 'catchUpPageSize');

  // One clock correction for every signature: what a refused catch-up teaches also dates the real-time connect and starts.
  const clockSkew = new ClockSkew();
  const sign: RealtimeRequestSigner = options.signer ?? defaultSigner(region, now, clockSkew);
  const connection = new RealtimeConnection({
    graphqlUrl,
    realtimeUrl,
    authTransport,
    WebSocket: WebSocketImpl,
    sign,
    credentials,
    backoff,
    timers,
    now,
    generateId,
    logger,
    connectionAckTimeoutMs: positiveInteger(options.connectionAckTimeoutMs, 15_000, 'connectionAckTimeoutMs'),
    startAckTimeoutMs: positiveInteger(options.startAckTimeoutMs, 15_000, 'startAckTimeoutMs'),
    maxAuthFailures: positiveInteger(options.maxAuthFailures, 3, 'maxAuthFailures'),
    credentialRefreshMinDelayMs,
    // A custom signer keeps its own clock; the default one shares clockSkew with the HTTP client below.
    ...(options.signer ? {} : { syncClock: () => learnClockSkew() }),
  });

  const appsync = createAppSyncClient({
    url: graphqlUrl,
    region,
    credentials: () => credentials.get(),
    fetch: options.fetch,
    clock: now,
    clockSkew,
    random,
  });
  // One small signed query: if AppSync refuses its date, the HTTP client learns the offset from the response's Date
  // header and re-signs, and clockSkew then dates the real-time connect too.
  const learnClockSkew = async (): Promise<void> => {
    await appsync.query(NotificationsDocument, { after: null, limit: 1 });
  };
  const fetchPage = async (after: string | null): Promise<CatchUpPage> => {
    try {
      const data = await appsync.query(NotificationsDocument, { after, limit: pageSize });
      return data.notifications as CatchUpPage;
    } catch (err) {
      throw new NotifierCatchUpError(`The catch-up query failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    }
  };

  const streams = new Set<NotificationStream>();
  let closed = false;

  return {
    subscribe(subscribeOptions: SubscribeOptions) {
      if (closed) throw new NotifierClientError('The client is closed');
      validateSubscribeOptions(subscribeOptions);
      const stream = new NotificationStream({ connection, fetchPage, backoff, timers, logger, dedupeCapacity, holdCapacity, now }, subscribeOptions);
      streams.add(stream);
      return {
        unsubscribe: () => {
          streams.delete(stream);
          stream.unsubscribe();
        },
        cursor: () => stream.cursor(),
        sync: () => stream.sync(),
      };
    },

    async catchUp(after: string | null = null): Promise<CatchUpResult> {
      const items: Notification[] = [];
      let cursor = after;
      let cursorExpired = false;
      for (;;) {
        const page = await fetchPage(cursor);
        cursorExpired ||= page.cursorExpired;
        items.push(...page.items);
        const previous = cursor;
        cursor = page.cursor ?? cursor;
        if (!page.hasMore || cursor === previous) break;
      }
      return { items, cursor, cursorExpired };
    },

    close() {
      if (closed) return;
      closed = true;
      for (const stream of streams) stream.unsubscribe();
      streams.clear();
      connection.close();
    },
  };
}

function defaultSigner(region: string, now: () => number, clockSkew: ClockSkew): RealtimeRequestSigner {
  const signer = createAppSyncRequestSigner({ region, clock: now, clockSkew });
  return ({ url, body, headers, credentials }) => signer.sign({ url, body, headers, credentials });
}

function validateSubscribeOptions(options: SubscribeOptions): void {
  if (typeof options !== 'object' || options === null || typeof options.onNotification !== 'function') {
    throw new NotifierConfigError('subscribe needs onNotification (a function)');
  }
  if (options.kinds !== undefined) {
    if (!Array.isArray(options.kinds) || options.kinds.length === 0) {
      throw new NotifierConfigError('kinds must be a non-empty array of notification kinds (omit it for every kind)');
    }
    for (const kind of options.kinds) {
      if (typeof kind !== 'string' || kind === '') {
        throw new NotifierConfigError(`kinds contains an invalid kind: ${JSON.stringify(kind)}`);
      }
    }
  }
  if (options.after !== undefined && options.after !== null && typeof options.after !== 'string') {
    throw new NotifierConfigError('after must be a cursor string, null (everything retained) or undefined (from now)');
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new NotifierConfigError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new NotifierConfigError(`${name} must be a non-negative number, got ${value}`);
  }
  return value;
}
