import type { AwsCredentialIdentity } from '@smithy/types';
import type { Backoff } from './backoff';
import type { CredentialsCache } from './credentials';
import type { AppSyncRealtimeErrorEntry } from './errors';
import { NotifierClientError, NotifierConnectionError, NotifierProtocolError, NotifierSubscriptionError } from './errors';
import type { ServerMessage } from './protocol';
import { base64, base64Url, describeErrors, errorsOf, GRAPHQL_WS_PROTOCOL, parseServerMessage, REALTIME_SIGNED_HEADERS } from './protocol';
import type { ConnectionStatus, NotifierLogger, RealtimeRequestSigner, Timers, WebSocketConstructor, WebSocketLike } from './types';

/** What the connection needs; every field resolved by the client factory. */
export interface RealtimeConnectionDeps {
  graphqlUrl: string;
  realtimeUrl: string;
  authTransport: 'query' | 'subprotocol';
  WebSocket: WebSocketConstructor;
  sign: RealtimeRequestSigner;
  credentials: CredentialsCache;
  backoff: Backoff;
  timers: Timers;
  now: () => number;
  generateId: () => string;
  logger: NotifierLogger;
  connectionAckTimeoutMs: number;
  startAckTimeoutMs: number;
  maxAuthFailures: number;
  /** The shortest wait before calling the credentials provider again after a failed scheduled refresh. */
  credentialRefreshMinDelayMs: number;
  /**
   * Learns the offset between AppSync's clock and the device's from a signed HTTP request (the signer
   * re-dates from the response's `Date` header), called once when the connect is refused for its signing date.
   * @default none: such a refusal counts as any authorization failure
   */
  syncClock?: () => Promise<void>;
}

/** Callbacks of one GraphQL subscription on the connection. */
export interface RealtimeSubscriptionHandlers {
  /** `start_ack` received: live from now on (called again after every reconnect). */
  onStarted(): void;
  /** A `data` message for this subscription. */
  onData(payload: { data?: Record<string, unknown> | null; errors?: AppSyncRealtimeErrorEntry[] }): void;
  /** A subscription-level error; `fatal` ones end the subscription. */
  onError(error: NotifierSubscriptionError): void;
}

/** Listeners of connection-wide events. */
export interface RealtimeConnectionListener {
  onStatus(status: ConnectionStatus): void;
  onError(error: NotifierClientError): void;
}

interface Subscription {
  operation: string;
  data: string;
  handlers: RealtimeSubscriptionHandlers;
  state: 'pending' | 'starting' | 'active';
  wireId?: string;
  startTimer?: unknown;
  /** The `start` for `wireId` went out (a `stop` for an id never started would confuse the server). */
  startSent: boolean;
  startFailures: number;
}

type Phase = 'idle' | 'connecting' | 'ready' | 'waiting' | 'closed';

// AppSync's default when connection_ack carries no connectionTimeoutMs.
const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * Floor of the wait before retrying a failed scheduled credential refresh, whatever
 * `credentialRefreshMinDelayMs` says: a provider failing at once (offline, throttled) must not be
 * called in a loop.
 */
const CREDENTIAL_RETRY_FLOOR_MS = 1_000;
const AUTH_ERROR = /unauthori[sz]ed|forbidden|signature|token|expired|credential|accessdenied/i;
/** A signature refused for its date (SigV4's 5-minute window): the device clock is off, not the credentials. */
const CLOCK_SKEW_ERROR = /signature expired|signature not yet current|RequestTimeTooSkewed|RequestExpired|RequestInTheFuture/i;
const RETRYABLE_ERROR = /throttl|limitexceeded|toomanyrequests|internalfailure|serviceunavailable|timeout/i;

/**
 * One AppSync real-time WebSocket shared by any number of subscriptions: IAM-signed connect and
 * starts, keep-alive watchdog, reconnect with backoff and restart of every subscription.
 *
 * @example
 * ```ts
 * const connection = new RealtimeConnection(deps, { onStatus: console.log, onError: console.warn });
 * const stop = connection.add('onNotification', JSON.stringify({ query, variables: {} }), handlers);
 * ```
 */
export class RealtimeConnection {
  private phase: Phase = 'idle';
  private socket: WebSocketLike | undefined;
  /** Incremented for every socket; callbacks of older sockets compare and bail out. */
  private generation = 0;
  private attempt = 0;
  private authFailures = 0;
  private forceRefresh = false;
  /** A clock sync in flight, awaited before the next connect is signed; at most one until a connection is acknowledged. */
  private clockSync: Promise<void> | undefined;
  private clockSynced = false;
  private connectionTimeoutMs = DEFAULT_CONNECTION_TIMEOUT_MS;
  private ackTimer: unknown;
  private kaTimer: unknown;
  private reconnectTimer: unknown;
  private refreshTimer: unknown;
  /** Consecutive failures of the scheduled credential refresh, for its backoff. */
  private refreshFailures = 0;
  private readonly subscriptions = new Set<Subscription>();
  private readonly byWireId = new Map<string, Subscription>();
  private readonly listeners = new Set<RealtimeConnectionListener>();

  public constructor(private readonly deps: RealtimeConnectionDeps) {}

  /** Registers connection-wide listeners; returns a function removing them. */
  public listen(listener: RealtimeConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a subscription (connecting if needed); returns a function that stops it. */
  public add(operation: string, data: string, handlers: RealtimeSubscriptionHandlers): () => void {
    if (this.phase === 'closed') {
      throw new NotifierClientError('The client is closed');
    }
    const subscription: Subscription = { operation, data, handlers, state: 'pending', startSent: false, startFailures: 0 };
    this.subscriptions.add(subscription);
    if (this.phase === 'idle') {
      void this.open();
    } else if (this.phase === 'ready') {
      void this.start(subscription);
    }
    return () => this.remove(subscription);
  }

  /** Closes the socket and forgets every subscription; the connection cannot be used again. */
  public close(): void {
    if (this.phase === 'closed') return;
    this.teardown(1000, 'client closed');
    this.subscriptions.clear();
    this.phase = 'closed';
    this.emitStatus({ state: 'closed' });
  }

  private remove(subscription: Subscription): void {
    if (!this.subscriptions.delete(subscription)) return;
    this.clearTimer(subscription.startTimer);
    if (subscription.wireId) {
      this.byWireId.delete(subscription.wireId);
      if (subscription.startSent && this.phase === 'ready') {
        this.send({ type: 'stop', id: subscription.wireId });
      }
    }
    if (this.subscriptions.size === 0 && this.phase !== 'closed') {
      this.teardown(1000, 'no subscriptions');
      this.phase = 'idle';
      this.attempt = 0;
      this.emitStatus({ state: 'closed' });
    }
  }

  // ------------------------------------------------------------------ connecting

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.phase = 'connecting';
    this.emitStatus({ state: 'connecting' });
    let url: string;
    let protocols: string[];
    let credentials: AwsCredentialIdentity;
    try {
      if (this.clockSync) {
        const sync = this.clockSync;
        this.clockSync = undefined;
        await sync;
      }
      credentials = await this.deps.credentials.get({ forceRefresh: this.forceRefresh });
      this.forceRefresh = false;
      const headers = await this.signed(`${this.deps.graphqlUrl}/connect`, '{}', credentials);
      ({ url, protocols } = this.connectTarget(headers));
    } catch (err) {
      if (generation !== this.generation) return;
      this.emitError(asClientError(err, 'Could not prepare the real-time connection'));
      this.scheduleReconnect('could not sign the connection request');
      return;
    }
    if (generation !== this.generation) return;

    let socket: WebSocketLike;
    try {
      socket = new this.deps.WebSocket(url, protocols);
    } catch (err) {
      this.emitError(new NotifierConnectionError(`Could not open a WebSocket to ${this.deps.realtimeUrl}`, { fatal: true }, { cause: err }));
      this.fail();
      return;
    }
    this.socket = socket;
    this.scheduleCredentialRefresh(credentials);
    this.ackTimer = this.deps.timers.setTimeout(() => {
      if (generation !== this.generation) return;
      this.emitError(new NotifierConnectionError(`No connection_ack within ${this.deps.connectionAckTimeoutMs} ms`));
      this.drop('connection_ack timeout', 4000);
    }, this.deps.connectionAckTimeoutMs);

    socket.onopen = () => {
      if (generation !== this.generation) return;
      this.deps.logger.debug('real-time socket open', { protocol: socket.protocol });
      this.send({ type: 'connection_init' });
    };
    socket.onmessage = (event) => {
      if (generation !== this.generation) return;
      let message: ServerMessage;
      try {
        message = parseServerMessage(event.data);
      } catch (err) {
        this.emitError(err as NotifierProtocolError);
        return;
      }
      this.handle(message);
    };
    socket.onerror = (event) => {
      if (generation !== this.generation) return;
      // A close event always follows; that is where the connection is replaced.
      this.deps.logger.debug('real-time socket error', { error: String((event as { message?: string })?.message ?? event) });
    };
    socket.onclose = (event) => {
      if (generation !== this.generation) return;
      this.socket = undefined;
      this.drop(`socket closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`);
    };
  }

  private connectTarget(headers: Record<string, string>): { url: string; protocols: string[] } {
    const json = JSON.stringify(headers);
    if (this.deps.authTransport === 'subprotocol') {
      return { url: this.deps.realtimeUrl, protocols: [`header-${base64Url(json)}`, GRAPHQL_WS_PROTOCOL] };
    }
    const url = new URL(this.deps.realtimeUrl);
    url.searchParams.set('header', base64(json));
    url.searchParams.set('payload', base64('{}'));
    return { url: url.toString(), protocols: [GRAPHQL_WS_PROTOCOL] };
  }

  private async signed(url: string, body: string, credentials: AwsCredentialIdentity): Promise<Record<string, string>> {
    const headers = await this.deps.sign({ url, body, headers: { ...REALTIME_SIGNED_HEADERS }, credentials });
    const hasHost = Object.keys(headers).some((name) => name.toLowerCase() === 'host');
    return hasHost ? headers : { ...headers, host: new URL(url).host };
  }

  // ------------------------------------------------------------------ messages

  private handle(message: ServerMessage): void {
    switch (message.type) {
      case 'connection_ack':
        return this.onConnectionAck(message.payload?.connectionTimeoutMs);
      case 'ka':
        return this.armKeepAlive();
      case 'connection_error':
        return this.onConnectionError(errorsOf(message));
      case 'start_ack':
        return this.onStartAck(message.id);
      case 'data': {
        const subscription = this.byWireId.get(message.id);
        if (!subscription) {
          this.deps.logger.debug('data for an unknown subscription dropped', { id: message.id });
          return;
        }
        subscription.handlers.onData(message.payload);
        return;
      }
      case 'error':
        return this.onErrorMessage(message.id, errorsOf(message));
      case 'complete':
        return this.onComplete(message.id);
    }
  }

  private onConnectionAck(connectionTimeoutMs: number | undefined): void {
    if (this.phase !== 'connecting') return;
    this.clearTimer(this.ackTimer);
    this.phase = 'ready';
    this.authFailures = 0;
    this.clockSynced = false;
    this.connectionTimeoutMs =
      typeof connectionTimeoutMs === 'number' && connectionTimeoutMs > 0 ? connectionTimeoutMs : DEFAULT_CONNECTION_TIMEOUT_MS;
    this.armKeepAlive();
    this.emitStatus({ state: 'connected' });
    for (const subscription of this.subscriptions) void this.start(subscription);
  }

  private onConnectionError(errors: AppSyncRealtimeErrorEntry[]): void {
    const auth = errors.some((e) => e.errorCode === 401 || e.errorCode === 403 || AUTH_ERROR.test(e.errorType ?? ''));
    const skewed = errors.some((e) => CLOCK_SKEW_ERROR.test(`${e.errorType ?? ''} ${e.message ?? ''}`));
    if (auth && skewed && this.deps.syncClock && !this.clockSynced) {
      // Not the credentials: the device clock. Learn AppSync's time, then connect again with a corrected date.
      this.clockSynced = true;
      this.deps.logger.warn('real-time connect refused for its signing date: correcting the clock', { errors });
      this.clockSync = this.deps.syncClock().catch((err: unknown) => {
        this.deps.logger.warn('could not learn AppSync\'s clock', { error: String((err as Error)?.message ?? err) });
      });
      this.drop('connect refused for its signing date', 1000);
      return;
    }
    if (auth) {
      this.authFailures += 1;
      this.forceRefresh = true;
      const fatal = !this.deps.credentials.refreshable || this.authFailures >= this.deps.maxAuthFailures;
      const error = new NotifierConnectionError(
        `AppSync refused the real-time connection: ${describeErrors(errors)}` +
          (fatal ? ` (giving up after ${this.authFailures} authorization failure(s))` : ''),
        { errors, fatal },
      );
      this.emitError(error);
      if (fatal) {
        this.fail();
        return;
      }
    } else {
      this.emitError(new NotifierConnectionError(`AppSync refused the real-time connection: ${describeErrors(errors)}`, { errors }));
    }
    this.drop('connection_error', 1000);
  }

  private onStartAck(id: string): void {
    const subscription = this.byWireId.get(id);
    if (!subscription || subscription.state !== 'starting') return;
    this.clearTimer(subscription.startTimer);
    subscription.state = 'active';
    subscription.startFailures = 0;
    this.attempt = 0;
    subscription.handlers.onStarted();
  }

  private onErrorMessage(id: string | undefined, errors: AppSyncRealtimeErrorEntry[]): void {
    const subscription = id === undefined ? undefined : this.byWireId.get(id);
    if (!subscription) {
      this.emitError(new NotifierConnectionError(`AppSync reported an error: ${describeErrors(errors)}`, { errors }));
      return;
    }
    this.clearTimer(subscription.startTimer);
    this.byWireId.delete(subscription.wireId as string);
    subscription.wireId = undefined;
    subscription.state = 'pending';
    subscription.startFailures += 1;

    const retryable = errors.some((e) => (e.errorCode ?? 0) >= 500 || e.errorCode === 429 || RETRYABLE_ERROR.test(e.errorType ?? ''));
    const auth = !retryable && errors.some((e) => e.errorCode === 401 || e.errorCode === 403 || AUTH_ERROR.test(e.errorType ?? ''));
    // An authorization error may come from credentials that expired since the last refresh: retry
    // once with fresh ones. Anything else that is not transient (validation, not allowed) is final.
    const fatal = !(retryable || (auth && this.deps.credentials.refreshable && subscription.startFailures < 2));
    if (auth) this.forceRefresh = true;
    subscription.handlers.onError(
      new NotifierSubscriptionError(`AppSync refused ${subscription.operation}: ${describeErrors(errors)}`, {
        operation: subscription.operation,
        errors,
        fatal,
      }),
    );
    if (fatal) {
      this.remove(subscription);
      return;
    }
    const delay = this.deps.backoff.delay(subscription.startFailures);
    subscription.startTimer = this.deps.timers.setTimeout(() => {
      if (this.phase === 'ready' && this.subscriptions.has(subscription) && subscription.state === 'pending') {
        void this.start(subscription);
      }
    }, delay);
  }

  private onComplete(id: string): void {
    const subscription = this.byWireId.get(id);
    if (!subscription) return;
    // Our own `stop` removed the subscription already; a `complete` we did not ask for means the
    // server ended it: start it again so nothing is missed.
    this.byWireId.delete(id);
    subscription.wireId = undefined;
    subscription.state = 'pending';
    subscription.startFailures += 1;
    subscription.handlers.onError(
      new NotifierSubscriptionError(`AppSync ended ${subscription.operation}; starting it again`, { operation: subscription.operation }),
    );
    // Backed off like a failed start, so a server that keeps ending it is not hammered.
    subscription.startTimer = this.deps.timers.setTimeout(() => {
      if (this.phase === 'ready' && this.subscriptions.has(subscription) && subscription.state === 'pending') {
        void this.start(subscription);
      }
    }, this.deps.backoff.delay(subscription.startFailures));
  }

  // ------------------------------------------------------------------ subscriptions

  private async start(subscription: Subscription): Promise<void> {
    if (subscription.state !== 'pending') return;
    const generation = this.generation;
    const wireId = this.deps.generateId();
    subscription.state = 'starting';
    subscription.wireId = wireId;
    subscription.startSent = false;
    this.byWireId.set(wireId, subscription);
    let authorization: Record<string, string>;
    try {
      const credentials = await this.deps.credentials.get({ forceRefresh: this.forceRefresh });
      this.forceRefresh = false;
      authorization = await this.signed(this.deps.graphqlUrl, subscription.data, credentials);
    } catch (err) {
      if (generation !== this.generation || subscription.wireId !== wireId) return;
      this.emitError(asClientError(err, `Could not sign the start of ${subscription.operation}`));
      this.drop('could not sign a subscription start', 1000);
      return;
    }
    if (generation !== this.generation || subscription.wireId !== wireId || !this.subscriptions.has(subscription)) return;
    this.send({ id: wireId, type: 'start', payload: { data: subscription.data, extensions: { authorization } } });
    subscription.startSent = true;
    subscription.startTimer = this.deps.timers.setTimeout(() => {
      if (generation !== this.generation || subscription.wireId !== wireId || subscription.state !== 'starting') return;
      this.emitError(new NotifierConnectionError(`No start_ack for ${subscription.operation} within ${this.deps.startAckTimeoutMs} ms`));
      this.drop('start_ack timeout', 4000);
    }, this.deps.startAckTimeoutMs);
  }

  // ------------------------------------------------------------------ timers and teardown

  private armKeepAlive(): void {
    if (this.phase !== 'ready') return;
    this.clearTimer(this.kaTimer);
    const generation = this.generation;
    this.kaTimer = this.deps.timers.setTimeout(() => {
      if (generation !== this.generation) return;
      this.emitError(new NotifierConnectionError(`No keep-alive within ${this.connectionTimeoutMs} ms`));
      this.drop('keep-alive timeout', 4000);
    }, this.connectionTimeoutMs);
  }

  private scheduleCredentialRefresh(credentials: AwsCredentialIdentity): void {
    this.refreshFailures = 0;
    const at = this.deps.credentials.refreshAt(credentials);
    if (at === undefined) {
      this.clearTimer(this.refreshTimer);
      this.refreshTimer = undefined;
      return;
    }
    // Fetch the next credentials ahead of time so later starts and reconnects never wait on (or
    // sign with) credentials about to expire.
    this.armCredentialRefresh(Math.max(0, at - this.deps.now()));
  }

  /**
   * Refreshes the credentials after `delayMs`. A failed refresh is reported and tried again with
   * backoff: the established connection outlives its credentials, but the next start, catch-up or
   * reconnect needs valid ones, and nothing else would fetch them before then.
   */
  private armCredentialRefresh(delayMs: number): void {
    this.clearTimer(this.refreshTimer);
    const generation = this.generation;
    this.refreshTimer = this.deps.timers.setTimeout(
      () => {
        this.refreshTimer = undefined;
        this.deps.credentials.get().then(
          (next) => {
            if (generation === this.generation && this.socket) this.scheduleCredentialRefresh(next);
          },
          (err: unknown) => {
            // A newer connection fetches (and reports) credentials itself; a closed one needs none.
            if (generation !== this.generation || !this.socket) {
              this.deps.logger.debug('credential refresh failed after its connection ended', { error: String((err as Error)?.message ?? err) });
              return;
            }
            this.refreshFailures += 1;
            const retryInMs =
              Math.max(this.deps.credentialRefreshMinDelayMs, CREDENTIAL_RETRY_FLOOR_MS) + this.deps.backoff.delay(this.refreshFailures);
            this.emitError(asClientError(err, 'Could not refresh the credentials'));
            this.deps.logger.debug('credential refresh failed; retrying', { attempt: this.refreshFailures, retryInMs });
            this.armCredentialRefresh(retryInMs);
          },
        );
      },
      // setTimeout holds at most 2^31-1 ms; a later refresh is simply re-armed when it fires.
      Math.min(MAX_TIMER_MS, delayMs),
    );
  }

  /** The connection is lost: release it and, if subscriptions remain, reconnect after a backoff. */
  private drop(reason: string, code?: number): void {
    if (this.phase === 'closed' || this.phase === 'idle' || this.phase === 'waiting') return;
    this.teardown(code ?? 1000, reason);
    if (this.subscriptions.size === 0) {
      this.phase = 'idle';
      this.emitStatus({ state: 'closed', reason });
      return;
    }
    this.scheduleReconnect(reason);
  }

  /** Gives up: every subscription ends. */
  private fail(): void {
    this.teardown(1000, 'giving up');
    this.subscriptions.clear();
    this.phase = 'idle';
    this.attempt = 0;
    this.emitStatus({ state: 'closed', reason: 'gave up' });
  }

  private scheduleReconnect(reason: string): void {
    this.teardown(1000, reason);
    this.phase = 'waiting';
    this.attempt += 1;
    const retryInMs = this.deps.backoff.delay(this.attempt);
    this.emitStatus({ state: 'disconnected', attempt: this.attempt, retryInMs, reason });
    this.reconnectTimer = this.deps.timers.setTimeout(() => {
      if (this.phase !== 'waiting') return;
      void this.open();
    }, retryInMs);
  }

  private teardown(code: number, reason: string): void {
    this.generation += 1;
    for (const timer of [this.ackTimer, this.kaTimer, this.reconnectTimer, this.refreshTimer]) this.clearTimer(timer);
    for (const subscription of this.subscriptions) {
      this.clearTimer(subscription.startTimer);
      subscription.state = 'pending';
      subscription.wireId = undefined;
      subscription.startSent = false;
    }
    this.byWireId.clear();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      // Closing a socket that is still connecting raises an error event; with no handler the `ws`
      // package would throw it.
      socket.onerror = () => undefined;
      // CONNECTING (0) or OPEN (1): close it; a close frame needs a code browsers accept.
      if (socket.readyState === 0 || socket.readyState === 1) {
        try {
          socket.close(code, reason.slice(0, 120));
        } catch (err) {
          this.deps.logger.debug('closing the real-time socket failed', { error: String(err) });
        }
      }
    }
  }

  private send(message: Record<string, unknown>): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== 1) return;
    socket.send(JSON.stringify(message));
  }

  private clearTimer(timer: unknown): void {
    if (timer !== undefined) this.deps.timers.clearTimeout(timer);
  }

  private emitStatus(status: ConnectionStatus): void {
    this.deps.logger.debug('real-time connection status', { ...status });
    for (const listener of [...this.listeners]) listener.onStatus(status);
  }

  private emitError(error: NotifierClientError): void {
    for (const listener of [...this.listeners]) listener.onError(error);
  }
}

function asClientError(err: unknown, message: string): NotifierClientError {
  if (err instanceof NotifierClientError) return err;
  return new NotifierClientError(`${message}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}
