import { CognitoIdentityProviderClient, InitiateAuthCommand, type AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { fromCognitoIdentityPool, type CognitoIdentityCredentialProvider } from '@aws-sdk/credential-provider-cognito-identity';
import type { WebConfig } from './config';
import { SignInError } from './errors';

/** A signed-in user: their user-pool claims and identity-pool credentials. */
export interface Session {
  email: string;
  sub: string;
  identityId: string;
  /** Identity-pool credentials (with the `identityId`), fetched anew on each call. */
  credentials: CognitoIdentityCredentialProvider;
}

/** Options of {@link idTokenProvider}. */
export interface IdTokenProviderOptions {
  /** The ID token of the sign-in. */
  idToken: string;
  /**
   * The refresh token of the sign-in; without it the first ID token is used until it expires.
   * @default undefined
   */
  refreshToken?: string;
  /** Exchanges the refresh token for a new ID token (`REFRESH_TOKEN_AUTH`). */
  refresh: (refreshToken: string) => Promise<string>;
  /**
   * A token this close to its `exp` is refreshed before use.
   * @default 300000 (5 minutes)
   */
  marginMs?: number;
  /**
   * Clock (epoch ms).
   * @default Date.now
   */
  now?: () => number;
}

/**
 * The claims of a JWT (not verified: the page only reads its own tokens, which the servers verify).
 *
 * @example
 * jwtClaims(idToken).sub;
 */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) throw new SignInError('The ID token is not a JWT');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch (error) {
    throw new SignInError('The ID token carries no readable claims', { cause: error });
  }
}

/**
 * The user-pool login the identity pool is given: the current ID token, refreshed with the refresh
 * token shortly before it expires, so identity-pool credentials can be renewed for as long as the
 * refresh token lasts. Concurrent callers share one refresh.
 *
 * @example
 * const logins = { [provider]: idTokenProvider({ idToken, refreshToken, refresh }) };
 */
export function idTokenProvider(options: IdTokenProviderOptions): () => Promise<string> {
  const now = options.now ?? Date.now;
  const marginMs = options.marginMs ?? 300_000;
  let current = options.idToken;
  let refreshing: Promise<string> | undefined;
  const expiresAt = (token: string) => {
    const exp = jwtClaims(token).exp;
    return typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
  };
  return async () => {
    if (!options.refreshToken || now() < expiresAt(current) - marginMs) return current;
    refreshing ??= options
      .refresh(options.refreshToken)
      .then((token) => (current = token))
      .catch((error: unknown) => {
        throw new SignInError('The sign-in could not be refreshed: sign in again', { cause: error });
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };
}

/** Options of {@link signIn}. */
export interface SignInOptions {
  /**
   * The ID token is refreshed when it is this close to expiry.
   * @default 300000 (5 minutes)
   */
  refreshMarginMs?: number;
  /**
   * Clock (epoch ms).
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Signs in with the user pool (USER_PASSWORD_AUTH) and exchanges the ID token for identity-pool
 * credentials; the ID token is refreshed when it nears expiry, and the credential provider is called
 * again by the client before the credentials expire.
 *
 * @example
 * const session = await signIn(config, 'ada@example.com', password);
 */
export async function signIn(config: WebConfig, email: string, password: string, options: SignInOptions = {}): Promise<Session> {
  const first = await initiateAuth(config, 'USER_PASSWORD_AUTH', { USERNAME: email, PASSWORD: password });
  const idToken = first.IdToken as string;
  const claims = jwtClaims(idToken) as { sub?: string; email?: string };
  if (!claims.sub) throw new SignInError('The ID token has no subject');
  const provider = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const fetchCredentials = fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    logins: {
      [provider]: idTokenProvider({
        idToken,
        ...(first.RefreshToken ? { refreshToken: first.RefreshToken } : {}),
        refresh: (refreshToken) => refreshIdToken(config, refreshToken),
        ...(options.refreshMarginMs !== undefined ? { marginMs: options.refreshMarginMs } : {}),
        ...(options.now ? { now: options.now } : {}),
      }),
    },
    clientConfig: { region: config.region, ...(config.identityPoolEndpoint ? { endpoint: config.identityPoolEndpoint } : {}) },
  });
  const credentials = await fetchCredentials();
  return { email: claims.email ?? email, sub: claims.sub, identityId: credentials.identityId, credentials: fetchCredentials };
}

/**
 * A new ID token for a refresh token (`REFRESH_TOKEN_AUTH`).
 *
 * @example
 * const idToken = await refreshIdToken(config, refreshToken);
 */
export async function refreshIdToken(config: WebConfig, refreshToken: string): Promise<string> {
  return (await initiateAuth(config, 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: refreshToken })).IdToken as string;
}

async function initiateAuth(config: WebConfig, flow: 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH', parameters: Record<string, string>): Promise<AuthenticationResultType> {
  const idp = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.cognitoEndpoint ? { endpoint: config.cognitoEndpoint } : {}),
    // User-pool sign-in is unsigned; local endpoints still need the SDK to have some credentials.
    credentials: { accessKeyId: 'unsigned', secretAccessKey: 'unsigned' },
  });
  try {
    const auth = await idp.send(new InitiateAuthCommand({ ClientId: config.userPoolClientId, AuthFlow: flow, AuthParameters: parameters }));
    if (!auth.AuthenticationResult?.IdToken) {
      throw new SignInError(`Sign-in needs another step (${auth.ChallengeName ?? 'unknown challenge'}), which this page does not support`);
    }
    return auth.AuthenticationResult;
  } finally {
    idp.destroy();
  }
}
