import { AppSyncHttpError, AppSyncNetworkError, CredentialsProviderError } from './errors';
import type { ResolvedRetryOptions } from './config';
import type { SleepFunction } from './types';

/**
 * Error types that mean "slow down", whatever the status code: AppSync's rate limiting
 * (`LimitExceededError`, 429) and the generic AWS throttling codes its front door may answer with.
 * Resolver errors in a 200 (e.g. `DynamoDB:ProvisionedThroughputExceededException`) are not listed: they are
 * GraphQL errors, never retried here.
 */
export const THROTTLING_ERROR_TYPES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RateLimitExceeded',
  'RateLimitExceededException',
  'LimitExceededError',
  'LimitExceededException',
]);

/**
 * Whether another attempt may succeed: transport failures and timeouts, credential provider failures, 408, 429,
 * 5xx, throttling error types.
 * Never auth or validation errors (`UnauthorizedException`, `InvalidSignatureException`,
 * `BadRequestException`, other 4xx) nor GraphQL errors in a 200 (resolver errors repeat).
 */
export const isRetryable = (error: unknown): boolean => {
  if (error instanceof AppSyncNetworkError || error instanceof CredentialsProviderError) return true;
  if (error instanceof AppSyncHttpError) {
    if (error.status === 408 || error.status === 429 || error.status >= 500) return true;
    return error.errorType !== undefined && THROTTLING_ERROR_TYPES.has(error.errorType);
  }
  return false;
};

/**
 * Backoff before retry number `retry` (1 for the first retry): full jitter, a uniform draw in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))`.
 */
export const backoffDelay = (retry: number, policy: ResolvedRetryOptions, random: () => number): number => {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
};

/**
 * Wait before the next attempt: the jittered backoff, or what the failed response's `Retry-After` asked for when
 * that is longer, capped at `maxRetryAfterMs` (a server asking for an hour must not hold a caller without a
 * deadline that long).
 */
export const retryDelay = (
  error: unknown,
  retry: number,
  policy: ResolvedRetryOptions,
  random: () => number,
): number => {
  const backoff = backoffDelay(retry, policy, random);
  const retryAfterMs = error instanceof AppSyncHttpError ? error.retryAfterMs : undefined;
  return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(retryAfterMs, policy.maxRetryAfterMs));
};

/** `setTimeout`-based sleep that rejects with the signal's reason when it aborts. */
export const defaultSleep: SleepFunction = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
