import { AppSyncLocalConfigError } from './errors';
import type { FaultOptions } from './types';

/** An HTTP fault to answer instead of executing the request. */
export interface HttpFault {
  statusCode: number;
  errorType: string;
  message: string;
}

/** Decides, reproducibly, which requests and messages fail. */
export interface FaultInjector {
  /** A fault for the next `POST /graphql`, or undefined to serve it. */
  nextHttpFault(): HttpFault | undefined;
  /** Whether the next outgoing real-time `data` message drops its connection instead. */
  nextDropsConnection(): boolean;
  /** Counts of faults injected so far. */
  readonly counts: { errors: number; throttles: number; drops: number };
}

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same fault sequence.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // 0.6011037519201636
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new AppSyncLocalConfigError(`faults.${name} must be a number between 0 and 1`);
  return v;
}

/**
 * Creates the fault injector (everything off by default).
 *
 * @example
 * ```ts
 * const faults = createFaultInjector({ errorRate: 0.1, throttleRate: 0.1, seed: 7 });
 * const fault = faults.nextHttpFault(); // { statusCode: 500, ... } about one time in ten
 * ```
 */
export function createFaultInjector(options: FaultOptions = {}): FaultInjector {
  const errorRate = rate('errorRate', options.errorRate);
  const throttleRate = rate('throttleRate', options.throttleRate);
  const dropRate = rate('dropConnectionRate', options.dropConnectionRate);
  if (errorRate + throttleRate > 1) throw new AppSyncLocalConfigError('faults.errorRate + faults.throttleRate must not exceed 1');
  const random = seededRandom(options.seed ?? 1);
  const counts = { errors: 0, throttles: 0, drops: 0 };
  return {
    counts,
    nextHttpFault() {
      if (errorRate === 0 && throttleRate === 0) return undefined;
      const r = random();
      if (r < errorRate) {
        counts.errors++;
        return { statusCode: 500, errorType: 'InternalFailure', message: 'An internal failure occurred (injected fault).' };
      }
      if (r < errorRate + throttleRate) {
        counts.throttles++;
        return { statusCode: 429, errorType: 'LimitExceededError', message: 'Rate limit exceeded (injected fault).' };
      }
      return undefined;
    },
    nextDropsConnection() {
      if (dropRate === 0) return false;
      const drop = random() < dropRate;
      if (drop) counts.drops++;
      return drop;
    },
  };
}
