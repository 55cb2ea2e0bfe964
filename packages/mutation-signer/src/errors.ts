import type { GraphQLErrorEntry } from './types';

/** Longest excerpt of a response body kept on an error (enough to read, small enough to log). */
export const BODY_SNIPPET_LENGTH = 500;

/**
 * Base class of every error this package throws.
 *
 * @example
 * ```ts
 * try {
 *   await client.mutate(NotifyModelReadyDocument, { input });
 * } catch (error) {
 *   if (error instanceof MutationSignerError) logger.error('notification not delivered', { error });
 *   throw error;
 * }
 * ```
 */
export class MutationSignerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MutationSignerError';
  }
}

/**
 * Missing or invalid configuration: endpoint URL, region or credentials.
 *
 * @example
 * ```ts
 * createAppSyncClient({ url: 'not a url' }); // throws SignerConfigError
 * ```
 */
export class SignerConfigError extends MutationSignerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignerConfigError';
  }
}

/**
 * The credential provider failed (e.g. the container credentials endpoint or STS timed out). `cause` holds the
 * provider's error. Retried like a network error, within `maxAttempts` and the deadline. Missing or invalid
 * credentials are a {@link SignerConfigError} instead.
 *
 * @example
 * ```ts
 * if (error instanceof CredentialsProviderError) logger.warn('no credentials yet', { cause: error.cause });
 * ```
 */
export class CredentialsProviderError extends MutationSignerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CredentialsProviderError';
  }
}

/**
 * AppSync answered with a non-2xx status. `errorType` comes from the body's `errors[0].errorType`
 * or the `x-amzn-ErrorType` header.
 *
 * @example
 * ```ts
 * if (error instanceof AppSyncHttpError && error.status === 401) { ... }
 * ```
 */
export class AppSyncHttpError extends MutationSignerError {
  /** HTTP status code. */
  readonly status: number;
  /** AppSync's error type, e.g. `UnauthorizedException`, when the response names one. */
  readonly errorType: string | undefined;
  /** GraphQL-style `errors` of the body, when it had any. */
  readonly errors: GraphQLErrorEntry[];
  /** The beginning of the raw body. */
  readonly bodySnippet: string;
  /**
   * How long the response's `Retry-After` header (seconds or an HTTP date) asked to wait, in milliseconds;
   * `undefined` without a valid header.
   */
  readonly retryAfterMs: number | undefined;

  constructor(
    details: {
      status: number;
      errorType?: string;
      errors?: GraphQLErrorEntry[];
      bodySnippet: string;
      message?: string;
      retryAfterMs?: number;
    },
    options?: ErrorOptions,
  ) {
    super(
      `AppSync responded ${details.status}${details.errorType ? ` ${details.errorType}` : ''}` +
        `${details.message ? `: ${details.message}` : ''}`,
      options,
    );
    this.name = 'AppSyncHttpError';
    this.status = details.status;
    this.errorType = details.errorType;
    this.errors = details.errors ?? [];
    this.bodySnippet = details.bodySnippet;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * AppSync answered 200 with `errors` (other than duplicate notifications): carries every error
 * and the partial data.
 *
 * @example
 * ```ts
 * if (error instanceof AppSyncGraphQLError) logger.error('resolver failed', { errors: error.errors });
 * ```
 */
export class AppSyncGraphQLError extends MutationSignerError {
  /** Every entry of the response's `errors`. */
  readonly errors: GraphQLErrorEntry[];
  /** The response's `data` (partial, possibly null). */
  readonly data: unknown;

  constructor(errors: GraphQLErrorEntry[], data: unknown, options?: ErrorOptions) {
    const first = errors[0];
    const summary = first ? `${first.errorType ? `${first.errorType}: ` : ''}${first.message}` : 'no details';
    super(
      `AppSync returned ${errors.length} GraphQL error${errors.length === 1 ? '' : 's'} (${summary})`,
      options,
    );
    this.name = 'AppSyncGraphQLError';
    this.errors = errors;
    this.data = data;
  }
}

/**
 * A 2xx response whose body is not a GraphQL response (not JSON, or neither `data` nor `errors`).
 *
 * @example
 * ```ts
 * if (error instanceof AppSyncResponseParseError) logger.error('bad body', { snippet: error.bodySnippet });
 * ```
 */
export class AppSyncResponseParseError extends MutationSignerError {
  /** HTTP status code of the response. */
  readonly status: number;
  /** The beginning of the raw body. */
  readonly bodySnippet: string;

  constructor(details: { status: number; bodySnippet: string; reason: string }, options?: ErrorOptions) {
    super(`AppSync response (${details.status}) is not a GraphQL response: ${details.reason}`, options);
    this.name = 'AppSyncResponseParseError';
    this.status = details.status;
    this.bodySnippet = details.bodySnippet;
  }
}

/**
 * The request did not get a response: connection refused or reset, DNS failure, or the body could not be read.
 * `cause` holds the underlying error. Retried.
 *
 * @example
 * ```ts
 * if (error instanceof AppSyncNetworkError) logger.warn('AppSync unreachable', { cause: error.cause });
 * ```
 */
export class AppSyncNetworkError extends MutationSignerError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppSyncNetworkError';
  }
}

/**
 * One attempt took longer than its timeout (`timeoutMs`, capped by the time left before the deadline). Retried.
 *
 * @example
 * ```ts
 * if (error instanceof AppSyncTimeoutError) logger.warn('slow AppSync', { timeoutMs: error.timeoutMs });
 * ```
 */
export class AppSyncTimeoutError extends AppSyncNetworkError {
  /** The timeout that elapsed. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`AppSync attempt timed out after ${timeoutMs} ms`, options);
    this.name = 'AppSyncTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's deadline leaves no room for another attempt. `cause` is the last attempt's error, if any.
 *
 * @example
 * ```ts
 * if (error instanceof DeadlineExceededError) logger.error('gave up', { attempts: error.attempts, cause: error.cause });
 * ```
 */
export class DeadlineExceededError extends MutationSignerError {
  /** The deadline, epoch milliseconds. */
  readonly deadline: number;
  /** Attempts made before giving up. */
  readonly attempts: number;

  constructor(deadline: number, attempts: number, options?: ErrorOptions) {
    super(
      `Deadline ${new Date(deadline).toISOString()} leaves no room for ` +
        `${attempts === 0 ? 'an attempt' : `another attempt after ${attempts}`}`,
      options,
    );
    this.name = 'DeadlineExceededError';
    this.deadline = deadline;
    this.attempts = attempts;
  }
}
