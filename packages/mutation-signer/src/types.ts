import type { AwsCredentialIdentity, ChecksumConstructor } from '@smithy/types';
import type { ClockSkew } from './clock-skew';

export type { AwsCredentialIdentity, ChecksumConstructor };

/**
 * Structural form of a typed GraphQL operation: the generated `TypedDocumentString<TResult, TVariables>`
 * of `@notifier/schema` (a `String` subclass), or a plain string.
 *
 * Declared here so the package has no runtime dependency on the generated code.
 */
export interface TypedDocumentLike<TResult = unknown, TVariables = Record<string, unknown>> {
  toString(): string;
  /** Phantom member carrying the result and variables types (never set at runtime). */
  __apiType?: (variables: TVariables) => TResult;
}

/** An AWS SDK v3 credential provider, e.g. `fromNodeProviderChain()` or `fromTemporaryCredentials()`. */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** Subset of the Powertools `Logger` the client uses; any object with these methods works. */
export interface SignerLogger {
  debug(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
}

/** Retry policy: exponential backoff with full jitter, bounded by attempts and by the caller's deadline. */
export interface RetryOptions {
  /**
   * Total attempts including the first one (1 disables retries).
   * @default 3
   */
  maxAttempts?: number;
  /**
   * Backoff cap for the first retry; the cap doubles per retry and the delay is drawn uniformly from `[0, cap)`.
   * @default 100
   */
  baseDelayMs?: number;
  /**
   * Upper bound of any single backoff delay.
   * @default 2000
   */
  maxDelayMs?: number;
  /**
   * Upper bound of the wait a response's `Retry-After` header may impose (the wait before a retry is the longer of
   * the jittered backoff and `Retry-After`, capped at this). The deadline still applies: a wait that would end
   * after it fails the call with `DeadlineExceededError` at once.
   * @default 20000
   */
  maxRetryAfterMs?: number;
}

/** Sleeps `ms` milliseconds; rejects with `signal.reason` as soon as `signal` aborts. */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/** What the client reads from a response: a subset of the Fetch API's `Response`. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The HTTP call the client makes for each attempt: a signed POST. `globalThis.fetch` has this shape.
 *
 * @example
 * ```ts
 * const client = createAppSyncClient({ url, fetch: (input, init) => globalThis.fetch(input, init) });
 * ```
 */
export type FetchFunction = (
  input: string,
  init: { method: 'POST'; headers: Record<string, string>; body: Uint8Array<ArrayBuffer>; signal: AbortSignal },
) => Promise<FetchResponse>;

/** Options of {@link createAppSyncClient}. Only `url` is required. */
export interface AppSyncClientOptions {
  /**
   * GraphQL endpoint of the AppSync API, e.g. `https://<id>.appsync-api.eu-west-1.amazonaws.com/graphql`
   * (`GRAPHQL_URL` in the Lambda environment). `http:` is accepted for local endpoints.
   */
  url: string;
  /**
   * Region used in the SigV4 credential scope.
   * @default process.env.AWS_REGION, else the region in an `appsync-api.<region>.amazonaws.com` host
   */
  region?: string;
  /**
   * Static credentials or an AWS SDK v3 credential provider (called before every attempt; SDK providers
   * cache and refresh on their own).
   * @default the Lambda environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
   * read at every attempt so rotated values are picked up
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * The HTTP function used for every attempt: `globalThis.fetch` or anything with the same shape for a POST.
   * @default in Node.js, node:https / node:http with keep-alive connections shared by the process (loaded on
   * the first request; Node's global fetch would compile undici on the first call of every cold container);
   * in browsers, `globalThis.fetch`
   */
  fetch?: FetchFunction;
  /**
   * Retry policy.
   * @default { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 20000 }
   */
  retry?: RetryOptions;
  /**
   * Timeout of one attempt (wait for credentials, connect, send, receive the whole body); capped by the time left
   * before the deadline.
   * @default 3000
   */
  timeoutMs?: number;
  /**
   * SHA-256 implementation for signing. Rarely needed: the package picks node:crypto in Node and
   * `@aws-crypto/sha256-js` in browser bundles through its `#sha256` import condition.
   * @default node:crypto (`@smithy/hash-node`), or `@aws-crypto/sha256-js` under the `browser` condition
   */
  sha256?: ChecksumConstructor;
  /**
   * Receives retry notices (`warn`) and per-attempt details (`debug`). Compatible with the Powertools Logger.
   * @default undefined (no logging)
   */
  logger?: SignerLogger;
  /**
   * Current time in epoch milliseconds; used for deadlines and timeouts, and, plus `clockSkew`'s offset, as the
   * signing date.
   * @default Date.now
   */
  clock?: () => number;
  /**
   * Offset between AppSync's clock and the local one, applied to every signing date. When AppSync refuses a
   * request because its signing date is too far off ("Signature expired" / "Signature not yet current"), the
   * client learns the offset from the response's `Date` header, keeps it here and re-signs once at once. Share
   * one instance with other signers (`createAppSyncRequestSigner({ clockSkew: client.clockSkew })`).
   * @default a new `ClockSkew` (offset 0) per client
   */
  clockSkew?: ClockSkew;
  /**
   * Waits between attempts.
   * @default a `setTimeout`-based sleep that the caller's signal can interrupt
   */
  sleep?: SleepFunction;
  /**
   * Uniform random number in `[0, 1)` used for the backoff jitter.
   * @default Math.random
   */
  random?: () => number;
}

/** Per-call options of {@link AppSyncClient.mutate} and {@link AppSyncClient.query}. */
export interface RequestOptions {
  /**
   * Epoch milliseconds after which no attempt is started and no backoff sleeps; usually
   * `deadlineFromContext(context)`.
   * @default undefined (bounded by `retry.maxAttempts` and `timeoutMs` only)
   */
  deadline?: number;
  /**
   * Aborts the call (the current attempt and any backoff); the call rejects with `signal.reason`.
   * @default undefined
   */
  signal?: AbortSignal;
}

/** One entry of a GraphQL response's `errors`, with AppSync's extra fields. */
export interface GraphQLErrorEntry {
  message: string;
  /** AppSync's error type, e.g. `DuplicateNotification`, `Unauthorized`, `DynamoDB:ConditionalCheckFailedException`. */
  errorType?: string;
  errorInfo?: unknown;
  data?: unknown;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number; sourceName?: string | null }>;
  [key: string]: unknown;
}

/** The mutation ran and stored/published its result. */
export interface DeliveredResult<TResult> {
  outcome: 'delivered';
  data: TResult;
}

/**
 * The server had already processed this idempotency key: nothing was stored or published again.
 * Counts as delivered. `data` holds the field as null; every entry of `errors` has
 * `errorType: 'DuplicateNotification'`.
 */
export interface DuplicateResult<TResult> {
  outcome: 'duplicate';
  data: TResult | null;
  errors: GraphQLErrorEntry[];
}

/** Resolution value of {@link AppSyncClient.mutate}. */
export type MutationResult<TResult> = DeliveredResult<TResult> | DuplicateResult<TResult>;

/** The client returned by {@link createAppSyncClient}. */
export interface AppSyncClient {
  /** Endpoint this client signs for. */
  readonly url: string;
  /** Region used in the credential scope. */
  readonly region: string;
  /** The clock offset this client signs with (the `clockSkew` option, or its own); share it with other signers. */
  readonly clockSkew: ClockSkew;
  /**
   * Sends a signed mutation; resolves `delivered` or `duplicate`, throws a `MutationSignerError` otherwise.
   */
  mutate<TResult, TVariables>(
    document: TypedDocumentLike<TResult, TVariables> | string,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<MutationResult<TResult>>;
  /** Sends a signed query; resolves its `data` when the response has no `errors`, throws otherwise. */
  query<TResult, TVariables>(
    document: TypedDocumentLike<TResult, TVariables> | string,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<TResult>;
}

/** What {@link deadlineFromContext} needs from a Lambda context. */
export interface RemainingTimeContext {
  getRemainingTimeInMillis(): number;
}
