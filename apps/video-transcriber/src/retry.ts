/** Error names that AWS services use for throttling; retried with backoff until the deadline. */
export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'TooManyRequestsException',
  'LimitExceededException',
]);

/** Options of {@link retryThrottled}. */
export interface RetryThrottledOptions {
  /** Epoch ms after which no attempt starts and no wait ends (the function's remaining time minus a margin). */
  deadline: number;
  /** First backoff delay in ms; doubled per attempt. @default 100 */
  baseDelayMs?: number;
  /** Largest single backoff delay in ms. @default 5000 */
  maxDelayMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Waits the given ms. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for jitter. @default Math.random */
  random?: () => number;
  /** Called before each wait, for logging. @default no-op */
  onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void;
}

/** True for errors an AWS service raises when it throttles the caller. */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_ERROR_NAMES.has(error.name);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, retrying throttling errors with capped exponential backoff and jitter for as long as the
 * deadline allows; each attempt gets an AbortSignal that fires at the deadline. Other errors, and the last
 * throttling error once the deadline is near, are rethrown as they are.
 *
 * @example
 * const out = await retryThrottled((abortSignal) => rekognition.send(cmd, { abortSignal }), { deadline });
 */
export async function retryThrottled<T>(
  operation: (abortSignal: AbortSignal) => Promise<T>,
  options: RetryThrottledOptions,
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 5000;
  for (let attempt = 1; ; attempt += 1) {
    const remaining = options.deadline - now();
    try {
      return await operation(AbortSignal.timeout(Math.max(1, remaining)));
    } catch (error) {
      if (!isThrottling(error)) throw error;
      const delayMs = Math.round(Math.min(cap, base * 2 ** (attempt - 1)) * (0.5 + random() / 2));
      if (now() + delayMs >= options.deadline) throw error;
      options.onRetry?.({ attempt, delayMs, error: error as Error });
      await sleep(delayMs);
    }
  }
}
