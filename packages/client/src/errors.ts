/** One error reported by AppSync in a `connection_error`, `error` or `data` message. */
export interface AppSyncRealtimeErrorEntry {
  /** AppSync's error type, e.g. `UnauthorizedException`. */
  errorType?: string;
  /** Numeric code AppSync adds to connection errors (401, 403, 500...). */
  errorCode?: number;
  /** Human-readable message. */
  message?: string;
}

/**
 * Base class of every error raised or reported by `@notifier/client`.
 *
 * @example
 * ```ts
 * client.subscribe({ onNotification, onError: (err) => {
 *   if (err instanceof NotifierClientError) console.warn(err.name, err.message);
 * } });
 * ```
 */
export class NotifierClientError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifierClientError';
  }
}

/**
 * The client options are missing something or contradict each other; raised at construction.
 *
 * @example
 * ```ts
 * try { createNotifierClient({ graphqlUrl: 'not a url', region: 'eu-west-1', credentials }); }
 * catch (err) { if (err instanceof NotifierConfigError) process.exitCode = 2; }
 * ```
 */
export class NotifierConfigError extends NotifierClientError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifierConfigError';
  }
}

/**
 * The credentials provider failed or returned something unusable.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof NotifierCredentialsError) showSignIn(); }
 * ```
 */
export class NotifierCredentialsError extends NotifierClientError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifierCredentialsError';
  }
}

/**
 * The real-time connection failed: `connection_error`, no `connection_ack` in time, no keep-alive
 * within `connectionTimeoutMs`, or the socket closed. `fatal` is true when the client gave up.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof NotifierConnectionError && err.fatal) showOffline(); }
 * ```
 */
export class NotifierConnectionError extends NotifierClientError {
  /** Errors AppSync sent with `connection_error`, if any. */
  public readonly errors: readonly AppSyncRealtimeErrorEntry[];
  /** True when the client stopped reconnecting because of this error. */
  public readonly fatal: boolean;

  public constructor(
    message: string,
    details: { errors?: readonly AppSyncRealtimeErrorEntry[]; fatal?: boolean } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'NotifierConnectionError';
    this.errors = details.errors ?? [];
    this.fatal = details.fatal ?? false;
  }
}

/**
 * AppSync refused or ended one subscription (`error` for a `start`, an unexpected `complete`), or
 * sent a `data` message carrying GraphQL errors. `fatal` is true when the subscription was dropped.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof NotifierSubscriptionError) console.warn(err.operation, err.errors); }
 * ```
 */
export class NotifierSubscriptionError extends NotifierClientError {
  /** Name of the subscription field, e.g. `onNotification`. */
  public readonly operation: string;
  /** Errors AppSync sent. */
  public readonly errors: readonly AppSyncRealtimeErrorEntry[];
  /** True when the client stopped this subscription because of this error. */
  public readonly fatal: boolean;

  public constructor(
    message: string,
    details: { operation: string; errors?: readonly AppSyncRealtimeErrorEntry[]; fatal?: boolean },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'NotifierSubscriptionError';
    this.operation = details.operation;
    this.errors = details.errors ?? [];
    this.fatal = details.fatal ?? false;
  }
}

/**
 * A message from the server was not valid JSON or not a known AppSync real-time message.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof NotifierProtocolError) console.warn(err.raw); }
 * ```
 */
export class NotifierProtocolError extends NotifierClientError {
  /** The raw message (truncated to 1 KB). */
  public readonly raw: string;

  public constructor(message: string, raw: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifierProtocolError';
    this.raw = raw.length > 1024 ? `${raw.slice(0, 1024)}...` : raw;
  }
}

/** Options of {@link NotifierCatchUpError}. */
export interface NotifierCatchUpErrorOptions extends ErrorOptions {
  /**
   * True when retrying cannot help (AppSync refused the query itself, e.g. `after` is not a cursor it
   * issued): the subscription was ended.
   * @default false
   */
  fatal?: boolean;
}

/**
 * The catch-up query (`notifications`) failed; the client retries it with backoff, unless `fatal`
 * (the query was refused as invalid, e.g. a bad `after` cursor), in which case the subscription ends.
 *
 * @example
 * ```ts
 * onError: (err) => { if (err instanceof NotifierCatchUpError && err.fatal) askForAnotherCursor(); }
 * ```
 */
export class NotifierCatchUpError extends NotifierClientError {
  /** True when the client stopped the subscription because of this error. */
  public readonly fatal: boolean;

  public constructor(message: string, options?: NotifierCatchUpErrorOptions) {
    const { fatal, ...errorOptions } = options ?? {};
    super(message, errorOptions);
    this.name = 'NotifierCatchUpError';
    this.fatal = fatal ?? false;
  }
}
