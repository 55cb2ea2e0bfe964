import { NotifierConfigError } from './errors';
import type { BackoffOptions } from './types';

/** Resolved backoff settings. */
export interface Backoff {
  /** Delay before retry number `attempt` (1-based): uniform in [0, min(max, initial * multiplier^(attempt-1))]. */
  delay(attempt: number): number;
}

/**
 * Exponential backoff with full jitter, so many clients cut off together do not reconnect together.
 *
 * @example
 * ```ts
 * const backoff = createBackoff({ initialDelayMs: 500, maxDelayMs: 30_000 }, Math.random);
 * setTimeout(reconnect, backoff.delay(attempt));
 * ```
 */
export function createBackoff(options: BackoffOptions = {}, random: () => number = Math.random): Backoff {
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const multiplier = options.multiplier ?? 2;
  for (const [name, value] of Object.entries({ initialDelayMs, maxDelayMs, multiplier })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new NotifierConfigError(`backoff.${name} must be a non-negative number, got ${value}`);
    }
  }
  if (multiplier < 1) throw new NotifierConfigError(`backoff.multiplier must be >= 1, got ${multiplier}`);
  return {
    delay(attempt: number): number {
      const ceiling = Math.min(maxDelayMs, initialDelayMs * multiplier ** Math.max(0, attempt - 1));
      return Math.floor(random() * ceiling);
    },
  };
}
