import type { AwsCredentialIdentity } from '@smithy/types';
import { NotifierConfigError, NotifierCredentialsError } from './errors';
import type { CredentialsOption } from './types';

/**
 * Holds the current credentials: static ones as given, a provider's until `refreshMarginMs` before
 * they expire. Concurrent callers share one provider call.
 *
 * @example
 * ```ts
 * const cache = new CredentialsCache(fromCognitoIdentityPool({ ... }), { refreshMarginMs: 300_000, now: Date.now });
 * const credentials = await cache.get();
 * ```
 */
export class CredentialsCache {
  private current: AwsCredentialIdentity | undefined;
  private pending: Promise<AwsCredentialIdentity> | undefined;
  private readonly provider: (() => Promise<AwsCredentialIdentity>) | undefined;

  public constructor(
    source: CredentialsOption,
    private readonly options: { refreshMarginMs: number; now: () => number },
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

  /** Current credentials, refreshed when within the margin of their expiry or when `forceRefresh`. */
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

  /** When the given credentials should be replaced (epoch ms), or undefined if they do not expire. */
  public refreshAt(credentials: AwsCredentialIdentity): number | undefined {
    if (!this.provider || !credentials.expiration) return undefined;
    return credentials.expiration.getTime() - this.options.refreshMarginMs;
  }

  private expiresSoon(credentials: AwsCredentialIdentity): boolean {
    const at = this.refreshAt(credentials);
    return at !== undefined && this.options.now() >= at;
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
