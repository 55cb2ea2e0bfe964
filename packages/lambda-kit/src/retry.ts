/**
 * Error names that AWS services use for throttling (the AWS SDK's own list of throttling error codes,
 * `SlowDown` for S3 among them); {@link retryThrottled} retries them until the deadline.
 *
 * @example
 * ```ts
 * THROTTLING_ERROR_NAMES.has('LimitExceededException'); // true (Transcribe's throttling)
 * THROTTLING_ERROR_NAMES.has('SlowDown'); // true (S3's)
 * ```
 */
export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** What {@link RetryThrottledOptions.onRetry} is told before each wait. */
export interface ThrottledRetry {
  /** The operation's name, as given in {@link RetryThrottledOptions.operation}. */
  readonly operation: string;
  /** The attempt that was throttled (1 = the first). */
  readonly attempt: number;
  /** How long the next wait is, in ms. */
  readonly delayMs: number;
  /** The throttling error. */
  readonly error: Error;
}

/** Options of {@link retryThrottled}. */
export interface RetryThrottledOptions {
  /** Epoch ms after which no attempt starts and no wait ends (the function's remaining time minus a margin). */
  deadline: number;
  /**
   * Name of the operation, passed to {@link RetryThrottledOptions.onRetry} (e.g. `DetectLabels`).
   * @default 'operation'
   */
  operation?: string;
  /**
   * First backoff delay in ms; doubled per attempt.
   * @default 100
   */
  baseDelayMs?: number;
  /**
   * Largest single backoff delay in ms.
   * @default 5000
   */
  maxDelayMs?: number;
  /**
   * Clock.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Waits the given ms.
   * @default a setTimeout-based sleep
   */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Random source in [0, 1) for jitter.
   * @default Math.random
   */
  random?: () => number;
  /**
   * Called before each wait, e.g. to log it.
   * @default no callback
   */
  onRetry?: (info: ThrottledRetry) => void;
}

/**
 * True for errors an AWS service raises when it throttles the caller (by error name).
 *
 * @example
 * ```ts
 * isThrottling(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })); // true
 * ```
 */
export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_ERROR_NAMES.has(error.name);
}

const defaultSleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `operation`, retrying throttling errors with capped exponential backoff and jitter for as long as the
 * deadline allows; each attempt gets an `AbortSignal` that fires at the deadline. Other errors, and the last
 * throttling error once the next wait would pass the deadline, are rethrown as they are.
 *
 * The AWS SDK retries throttling a few times on its own; this is for what remains, within the function's time.
 *
 * @example
 * ```ts
 * const out = await retryThrottled((abortSignal) => rekognition.send(command, { abortSignal }), { deadline, operation: 'DetectLabels' });
 * ```
 */
export async function retryThrottled<T>(operation: (abortSignal: AbortSignal) => Promise<T>, options: RetryThrottledOptions): Promise<T> {
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
      options.onRetry?.({ operation: options.operation ?? 'operation', attempt, delayMs, error: error as Error });
      await sleep(delayMs);
    }
  }
}
