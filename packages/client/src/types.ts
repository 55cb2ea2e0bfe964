import type { FetchFunction } from '@notifier/mutation-signer';
import type { NotificationFieldsFragment, NotificationKind, UserProfileFieldsFragment } from '@notifier/schema';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { NotifierClientError } from './errors';

/**
 * A notification as the client delivers it: the generated `NotificationFields` shape, with `kind`
 * widened to any string so kinds added later on the server pass through untouched.
 */
export type Notification = Omit<NotificationFieldsFragment, 'kind'> & {
  kind: NotificationKind | (string & {});
};

/** A public profile change, as `userUpdates` delivers it. */
export type UserUpdate = UserProfileFieldsFragment;

/** Static credentials or an AWS SDK v3 provider such as `fromCognitoIdentityPool(...)`. */
export type CredentialsOption = AwsCredentialIdentity | AwsCredentialIdentityProvider;

/** The part of the WebSocket API the client uses: the browser's `WebSocket` and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket constructor: `globalThis.WebSocket` in browsers, `WebSocket` from `ws` in Node. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/**
 * Signs one AppSync request (SigV4, service `appsync`) and returns the headers to send as the
 * `authorization` of a real-time `connect` or `start`: `host`, `x-amz-date`, `x-amz-security-token`
 * (with temporary credentials), `authorization`, and the given headers.
 */
export type RealtimeRequestSigner = (request: {
  url: string;
  body: string;
  headers: Record<string, string>;
  credentials: AwsCredentialIdentity;
}) => Promise<Record<string, string>>;

/** Timer functions, injectable so tests and unusual runtimes control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Minimal structured logger (console-compatible). */
export interface NotifierLogger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Reconnect backoff: `min(maxDelayMs, initialDelayMs * multiplier^attempt)`, full jitter. */
export interface BackoffOptions {
  /**
   * Upper bound of the first delay.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * Cap of every delay.
   * @default 30000
   */
  maxDelayMs?: number;
  /**
   * Growth factor per attempt.
   * @default 2
   */
  multiplier?: number;
}

/** Options of {@link createNotifierClient}. */
export interface NotifierClientOptions {
  /** The AppSync GraphQL endpoint, e.g. `https://<id>.appsync-api.eu-west-1.amazonaws.com/graphql`. */
  graphqlUrl: string;
  /**
   * The real-time endpoint.
   * @default derived as AppSync does: `wss://<id>.appsync-realtime-api.<region>.amazonaws.com/graphql`
   * for AppSync's own domain, `<graphqlUrl>/realtime` (with `ws:`/`wss:`) for any other endpoint
   */
  realtimeUrl?: string;
  /**
   * Signing region.
   * @default the region in an `*.appsync-api.<region>.amazonaws.com` URL; required otherwise
   */
  region?: string;
  /** Static credentials or a provider; providers are called again before their credentials expire. */
  credentials: CredentialsOption;
  /**
   * WebSocket constructor.
   * @default globalThis.WebSocket (pass `WebSocket` from the `ws` package on Node 20)
   */
  WebSocket?: WebSocketConstructor;
  /**
   * HTTP function of the catch-up query (`globalThis.fetch` fits).
   * @default the AppSync client's: node:https / node:http in Node.js, `globalThis.fetch` in browsers
   */
  fetch?: FetchFunction;
  /**
   * How the signed connect headers travel: `query` (`?header=<base64>&payload=e30=`) or
   * `subprotocol` (`header-<base64url>` next to `graphql-ws`).
   * @default 'query'
   */
  authTransport?: 'query' | 'subprotocol';
  /**
   * Request signer for `connect` and `start`.
   * @default SigV4 from `@notifier/mutation-signer` (`createAppSyncRequestSigner`)
   */
  signer?: RealtimeRequestSigner;
  /**
   * Credentials from a provider are fetched again this long before they expire; for credentials
   * issued for less than twice as long, at half their lifetime instead.
   * @default 300000 (5 minutes, as the AWS SDK does)
   */
  credentialRefreshMarginMs?: number;
  /**
   * The shortest time between fetching credentials from a provider and fetching them again on
   * schedule, so a provider handing out very short-lived credentials is not called in a loop.
   * Also the shortest wait (never less than 1 s) before a failed scheduled refresh is tried again;
   * the `backoff` delay of the attempt is added on top, so the retries spread out and slow down.
   * Credentials that have expired are fetched again when next needed, whatever this says.
   * @default 10000
   */
  credentialRefreshMinDelayMs?: number;
  /**
   * Backoff of reconnects, of retried catch-up queries and of retried scheduled credential refreshes.
   * @default { initialDelayMs: 500, maxDelayMs: 30000, multiplier: 2 }
   */
  backoff?: BackoffOptions;
  /**
   * Time allowed from socket open to `connection_ack`.
   * @default 15000
   */
  connectionAckTimeoutMs?: number;
  /**
   * Time allowed from `start` to `start_ack`.
   * @default 15000
   */
  startAckTimeoutMs?: number;
  /**
   * Consecutive authorization failures (`connection_error` 401/403) after which the client stops
   * reconnecting; each failure first refreshes the credentials.
   * @default 3
   */
  maxAuthFailures?: number;
  /**
   * How many notification ids are remembered to drop duplicates (the first delivered forgotten
   * first). Once half as many were delivered live since the last catch-up, a catch-up runs to move
   * the position up to them, so a replay after a reconnect meets only ids still remembered.
   * @default 1000
   */
  dedupeCapacity?: number;
  /**
   * How many live notifications are held back during one catch-up, so that the missed (older) ones
   * it delivers come first. When more arrive, none is held any more: the catch-up runs one more round
   * from the position it reached and delivers them itself, in order, each once. Bounds the memory a
   * slow or stalled catch-up can take during a burst.
   * @default 1000
   */
  catchUpHoldCapacity?: number;
  /**
   * Page size of the catch-up query.
   * @default 100
   */
  catchUpPageSize?: number;
  /**
   * Clock (epoch ms).
   * @default Date.now
   */
  now?: () => number;
  /**
   * Uniform random number in [0, 1), for backoff jitter.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Subscription id generator.
   * @default crypto.randomUUID
   */
  generateId?: () => string;
  /**
   * Timers.
   * @default globalThis.setTimeout / clearTimeout
   */
  timers?: Timers;
  /**
   * Logger.
   * @default warnings and errors to console, debug and info dropped
   */
  logger?: NotifierLogger;
}

/** Connection states reported through `onStatus`. */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** A connection state change. */
export interface ConnectionStatus {
  /** The new state. */
  state: ConnectionState;
  /** Reconnect attempt (1 for the first retry) when `state` is `disconnected`. */
  attempt?: number;
  /** Delay before the next attempt when `state` is `disconnected`. */
  retryInMs?: number;
  /** Why the connection was lost, when known. */
  reason?: string;
}

/** Where a notification came from. */
export type NotificationSource = 'live' | 'catch-up';

/** Options of `client.subscribe`. */
export interface SubscribeOptions {
  /**
   * Kinds to deliver; any other kind is filtered out on the client.
   * @default every kind, known or not
   */
  kinds?: readonly (NotificationKind | (string & {}))[];
  /** Called once per notification id, live or from catch-up. */
  onNotification: (notification: Notification, meta: { source: NotificationSource }) => void;
  /**
   * Called for each public profile change; subscribes to `userUpdates` only when given.
   * @default undefined (no `userUpdates` subscription)
   */
  onUserUpdate?: (update: UserUpdate) => void;
  /**
   * Restrict `userUpdates` to one user id.
   * @default undefined (every user)
   */
  userUpdatesFor?: string;
  /**
   * Called each time the notification subscription is live (AppSync's `start_ack`), after every
   * reconnect too; the catch-up for the gap runs right after.
   * @default undefined
   */
  onSubscribed?: (info: { reconnect: boolean }) => void;
  /**
   * Connection state changes.
   * @default undefined
   */
  onStatus?: (status: ConnectionStatus) => void;
  /**
   * Errors the client recovered from or gave up on (`fatal`).
   * @default undefined (logged through the logger)
   */
  onError?: (error: NotifierClientError) => void;
  /**
   * Where delivery starts: a `cursor` saved from an earlier run (everything after it is delivered
   * through the catch-up query once connected), `null` (every retained notification, then live), or
   * undefined (from the moment the subscription is live; should the connection drop before the
   * first catch-up succeeded, from the moment of `subscribe()`, less 5 minutes of clock skew).
   * @default undefined
   */
  after?: string | null;
}

/** A live subscription. */
export interface NotifierSubscription {
  /** Stops the subscription; the socket closes when no subscription is left. */
  unsubscribe(): void;
  /**
   * The position of the latest catch-up (live notifications move it only through the catch-up that
   * runs every `dedupeCapacity / 2` of them: the cursor is opaque). Call `sync()` first for a
   * position that covers everything delivered.
   */
  cursor(): string | null;
  /**
   * Catches up now: delivers anything not delivered yet and resolves the up-to-date cursor, to save
   * and pass as `after` to resume later. Rejects with `NotifierCatchUpError` when the query fails.
   */
  sync(): Promise<string | null>;
}

/** The result of `client.catchUp`. */
export interface CatchUpResult {
  /** Every notification after `after`, oldest first, across all pages. */
  items: Notification[];
  /** The position after the last item; pass it back as `after`. */
  cursor: string | null;
  /** True when `after` was older than the retention window: items before the oldest retained one are gone. */
  cursorExpired: boolean;
}

/** The notifier client. */
export interface NotifierClient {
  /** Subscribes to notifications (and optionally user updates). */
  subscribe(options: SubscribeOptions): NotifierSubscription;
  /** Fetches every notification after `after` through the catch-up query. */
  catchUp(after?: string | null): Promise<CatchUpResult>;
  /** Closes the connection and every subscription. */
  close(): void;
}
