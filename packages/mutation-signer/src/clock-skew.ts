import { AppSyncHttpError, SignerConfigError } from './errors';

/** Options of {@link ClockSkew}. */
export interface ClockSkewOptions {
  /**
   * Starting offset in milliseconds: server time minus local time (positive when the local clock is behind).
   * @default 0
   */
  offsetMs?: number;
  /**
   * Smallest difference between a server's `Date` and the corrected local time that changes the offset.
   * AWS refuses signatures more than 5 minutes off; the `Date` header has whole seconds and arrives after a
   * round trip, so differences below this are noise, not skew.
   * @default 60000
   */
  thresholdMs?: number;
}

/** Error types AWS services use for a signing date outside the accepted window, whatever the message. */
const SKEW_ERROR_TYPES: ReadonlySet<string> = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);

/**
 * SigV4's date check as AppSync and other AWS front doors word it:
 * `Signature expired: 20260101T000000Z is now earlier than ...` and
 * `Signature not yet current: 20260101T002000Z is still later than ...`.
 */
const SKEW_MESSAGE = /signature (?:expired|not yet current)/i;

/**
 * The offset between a server's clock and the local one, learnt from the `Date` header of a response that refused
 * a request's signing date, and applied to every later signing date. One instance can be shared by every signer
 * that talks to the same service (a client and a real-time signer), so one correction serves all of them.
 *
 * @example
 * ```ts
 * const clockSkew = new ClockSkew();
 * const client = createAppSyncClient({ url, clockSkew });
 * const realtimeSigner = createAppSyncRequestSigner({ region, clockSkew });
 * ```
 */
export class ClockSkew {
  private offset: number;
  private readonly thresholdMs: number;

  constructor(options: ClockSkewOptions = {}) {
    const offsetMs = options.offsetMs ?? 0;
    const thresholdMs = options.thresholdMs ?? 60_000;
    if (!Number.isFinite(offsetMs)) {
      throw new SignerConfigError(`ClockSkew: offsetMs must be a finite number, got ${offsetMs}`);
    }
    if (!Number.isFinite(thresholdMs) || thresholdMs < 0) {
      throw new SignerConfigError(`ClockSkew: thresholdMs must be a finite number >= 0, got ${thresholdMs}`);
    }
    this.offset = offsetMs;
    this.thresholdMs = thresholdMs;
  }

  /** Server time minus local time, in milliseconds. */
  get offsetMs(): number {
    return this.offset;
  }

  /** The server's time (epoch ms) at local time `localMs`: what to sign with. */
  serverTime(localMs: number): number {
    return localMs + this.offset;
  }

  /**
   * Learns the offset from a response's `Date` header received at local time `localMs`. Returns whether the
   * offset changed; a missing or unparseable header, or one within the threshold, changes nothing.
   */
  updateFromDateHeader(date: string | null | undefined, localMs: number): boolean {
    if (!date) return false;
    const serverMs = Date.parse(date);
    if (Number.isNaN(serverMs)) return false;
    const measured = serverMs - localMs;
    if (Math.abs(measured - this.offset) < this.thresholdMs) return false;
    this.offset = measured;
    return true;
  }
}

/**
 * Whether AppSync refused the request because its signing date is outside the accepted window (the local clock is
 * off): a 400, 401 or 403 saying "Signature expired" / "Signature not yet current", or a `RequestTimeTooSkewed`
 * type. AppSync answers 401/403 `InvalidSignatureException`; the local AppSync answers 400 `BadRequestException`.
 *
 * @example
 * ```ts
 * if (isClockSkewError(error)) logger.error('local clock is off', { offsetMs: client.clockSkew.offsetMs });
 * ```
 */
export const isClockSkewError = (error: unknown): error is AppSyncHttpError => {
  if (!(error instanceof AppSyncHttpError)) return false;
  if (error.status !== 400 && error.status !== 401 && error.status !== 403) return false;
  if (error.errorType !== undefined && SKEW_ERROR_TYPES.has(error.errorType)) return true;
  return SKEW_MESSAGE.test(error.message) || error.errors.some((entry) => SKEW_MESSAGE.test(entry.message));
};

/** Checks the `clockSkew` option, or creates a fresh one. */
export const resolveClockSkew = (clockSkew: unknown, origin: string): ClockSkew => {
  if (clockSkew === undefined) return new ClockSkew();
  if (!(clockSkew instanceof ClockSkew)) {
    throw new SignerConfigError(`${origin}: \`clockSkew\` must be a ClockSkew (new ClockSkew())`);
  }
  return clockSkew;
};
