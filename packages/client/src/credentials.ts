import type { AwsCredentialIdentity } from '@smithy/types';
import { NotifierConfigError, NotifierCredentialsError } from './errors';
import type { CredentialsOption } from './types';

/**
 * Holds the current credentials: static ones as given, a provider's until shortly before they
 * expire (see {@link CredentialsCache.refreshAt}). Concurrent callers share one provider call.
 *
 * @example
 * ```ts
 * const cache = new CredentialsCache(fromCognitoIdentityPool({ ... }), { refreshMarginMs: 300_000, minRefreshDelayMs: 10_000, now: Date.now });
 * const credentials = await cache.get();
 * ```
 */
export class CredentialsCache {
  private current: AwsCredentialIdentity | undefined;
  private pending: Promise<AwsCredentialIdentity> | undefined;
  private readonly provider: (() => Promise<AwsCredentialIdentity>) | undefined;
  /** When each fetched credentials object arrived: their lifetime decides when to replace them. */
  private readonly fetchedAt = new WeakMap<AwsCredentialIdentity, number>();

  public constructor(
    source: CredentialsOption,
    private readonly options: { refreshMarginMs: number; minRefreshDelayMs: number; now: () => number },
  ) {
    if (typeof source === 'function') {
      this.provider = () => Promise.resolve(source());
    } else if (source && typeof source === 'object') {
      validate(source);
      this.current = source;
    } else {
      throw new NotifierConfigError('credentials must be an object { accessKeyId, secretAccessKey, sessionToken? } or a provider function');
    }
  }

  /** True when a provider can give fresh credentials (static ones cannot be refreshed). */
  public get refreshable(): boolean {
    return this.provider !== undefined;
  }

  /** Current credentials, fetched again once their refresh time (or expiry) has come, or when `forceRefresh`. */
  public async get(options: { forceRefresh?: boolean } = {}): Promise<AwsCredentialIdentity> {
    if (!this.provider) {
      return this.current as AwsCredentialIdentity;
    }
    if (this.current && !options.forceRefresh && !this.expiresSoon(this.current)) {
      return this.current;
    }
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /**
   * When the given credentials should be replaced (epoch ms), or undefined if they do not expire:
   * `refreshMarginMs` before their expiry, but no earlier than half their lifetime and no sooner
   * than `minRefreshDelayMs` after they were fetched. Credentials issued for less than the margin
   * would otherwise be due the moment they arrive, and every refresh would call for the next.
   */
  public refreshAt(credentials: AwsCredentialIdentity): number | undefined {
    if (!this.provider || !credentials.expiration) return undefined;
    const expiresAt = credentials.expiration.getTime();
    const fetchedAt = this.fetchedAt.get(credentials);
    if (fetchedAt === undefined) return expiresAt - this.options.refreshMarginMs;
    const early = Math.min(this.options.refreshMarginMs, (expiresAt - fetchedAt) / 2);
    return Math.max(fetchedAt + this.options.minRefreshDelayMs, expiresAt - early);
  }

  private expiresSoon(credentials: AwsCredentialIdentity): boolean {
    const at = this.refreshAt(credentials);
    if (at === undefined) return false;
    const now = this.options.now();
    // The minimum delay spaces out planned refreshes; credentials already expired are replaced anyway.
    return now >= at || now >= (credentials.expiration as Date).getTime();
  }

  private async fetch(): Promise<AwsCredentialIdentity> {
    let credentials: AwsCredentialIdentity;
    try {
      credentials = await (this.provider as () => Promise<AwsCredentialIdentity>)();
    } catch (err) {
      throw new NotifierCredentialsError(`The credentials provider failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    }
    try {
      validate(credentials);
    } catch (err) {
      throw new NotifierCredentialsError((err as Error).message, { cause: err });
    }
    if (credentials.expiration && credentials.expiration.getTime() <= this.options.now()) {
      throw new NotifierCredentialsError(`The credentials provider returned credentials that expired at ${credentials.expiration.toISOString()}`);
    }
    this.fetchedAt.set(credentials, this.options.now());
    this.current = credentials;
    return credentials;
  }
}

function validate(credentials: AwsCredentialIdentity): void {
  if (!credentials || typeof credentials.accessKeyId !== 'string' || credentials.accessKeyId === '') {
    throw new NotifierConfigError('credentials.accessKeyId is missing');
  }
  if (typeof credentials.secretAccessKey !== 'string' || credentials.secretAccessKey === '') {
    throw new NotifierConfigError('credentials.secretAccessKey is missing');
  }
  if (credentials.expiration !== undefined && !(credentials.expiration instanceof Date && !Number.isNaN(credentials.expiration.getTime()))) {
    throw new NotifierConfigError('credentials.expiration must be a valid Date');
  }
}
