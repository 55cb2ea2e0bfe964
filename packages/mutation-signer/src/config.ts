import { CredentialsProviderError, SignerConfigError } from './errors';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryOptions } from './types';

/** The environment variables the client reads (`process.env` in Node, empty elsewhere). */
export type Environment = Record<string, string | undefined>;

/** Retry policy with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxAttempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  maxRetryAfterMs: 20_000,
};
export const DEFAULT_TIMEOUT_MS = 3000;

const APPSYNC_HOST = /\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** Parses and checks the endpoint URL. */
export const parseEndpoint = (url: unknown): URL => {
  if (typeof url !== 'string' || url.trim() === '') {
    throw new SignerConfigError('AppSync client: `url` is required (the GraphQL endpoint, e.g. process.env.GRAPHQL_URL)');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new SignerConfigError(`AppSync client: \`url\` is not a valid URL: ${JSON.stringify(url)}`, { cause: error });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new SignerConfigError(`AppSync client: \`url\` must be http(s), got ${parsed.protocol} in ${JSON.stringify(url)}`);
  }
  if (parsed.username || parsed.password) {
    throw new SignerConfigError('AppSync client: `url` must not carry user info');
  }
  return parsed;
};

/** Region from the option, else `AWS_REGION`, else the AppSync host name. */
export const resolveRegion = (region: string | undefined, url: URL, env: Environment): string => {
  if (region !== undefined) {
    if (region.trim() === '') throw new SignerConfigError('AppSync client: `region` is empty');
    return region;
  }
  const fromEnv = env.AWS_REGION;
  if (fromEnv) return fromEnv;
  const fromHost = APPSYNC_HOST.exec(url.hostname)?.[1];
  if (fromHost) return fromHost;
  throw new SignerConfigError(
    `AppSync client: cannot determine the region: pass \`region\`, set AWS_REGION, or use an ` +
      `appsync-api.<region>.amazonaws.com endpoint (got host ${url.hostname})`,
  );
};

const checkCredentials = (credentials: unknown, origin: string): AwsCredentialIdentity => {
  const c = credentials as Partial<AwsCredentialIdentity> | null | undefined;
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.accessKeyId !== 'string' ||
    c.accessKeyId === '' ||
    typeof c.secretAccessKey !== 'string' ||
    c.secretAccessKey === ''
  ) {
    throw new SignerConfigError(`AppSync client: ${origin} did not provide accessKeyId and secretAccessKey`);
  }
  if (c.sessionToken !== undefined && typeof c.sessionToken !== 'string') {
    throw new SignerConfigError(`AppSync client: ${origin} provided a sessionToken that is not a string`);
  }
  return c as AwsCredentialIdentity;
};

/** Reads the Lambda environment's credentials at call time (they may be rotated between invocations). */
export const credentialsFromEnvironment = (env: Environment): AwsCredentialIdentityProvider => {
  return async () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new SignerConfigError(
        'AppSync client: no credentials: pass `credentials` or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ' +
          '(and AWS_SESSION_TOKEN for temporary credentials)',
      );
    }
    const sessionToken = env.AWS_SESSION_TOKEN;
    return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
  };
};

/** Normalizes the `credentials` option into a provider that checks what it returns. */
export const resolveCredentialProvider = (
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined,
  env: Environment,
): AwsCredentialIdentityProvider => {
  if (credentials === undefined) return credentialsFromEnvironment(env);
  if (typeof credentials === 'function') {
    return async () => {
      let resolved: unknown;
      try {
        resolved = await credentials();
      } catch (error) {
        // A provider may say itself that the configuration is wrong; anything else (timeouts, refused
        // connections, throttled STS) may pass, so it is retried.
        if (error instanceof SignerConfigError) throw error;
        throw new CredentialsProviderError(
          `AppSync client: the credential provider failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      return checkCredentials(resolved, 'the credential provider');
    };
  }
  const fixed = checkCredentials(credentials, '`credentials`');
  return () => Promise.resolve(fixed);
};

/** Applies defaults to the retry policy and checks it. */
export const resolveRetry = (retry: RetryOptions | undefined): ResolvedRetryOptions => {
  const resolved = { ...DEFAULT_RETRY, ...retry };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new SignerConfigError(`AppSync client: retry.maxAttempts must be an integer >= 1, got ${resolved.maxAttempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) {
      throw new SignerConfigError(`AppSync client: retry.${key} must be a finite number >= 0, got ${resolved[key]}`);
    }
  }
  return resolved;
};

/** Checks the per-attempt timeout. */
export const resolveTimeout = (timeoutMs: number | undefined): number => {
  const value = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(value) || value <= 0) {
    throw new SignerConfigError(`AppSync client: timeoutMs must be a finite number > 0, got ${value}`);
  }
  return value;
};
