import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SignInError } from './errors';

/** Options of {@link signIn}. */
export interface SignInOptions {
  region: string;
  userPoolId: string;
  /** User-pool app client id (the client must allow USER_PASSWORD_AUTH). */
  clientId: string;
  identityPoolId: string;
  username: string;
  password: string;
  /**
   * User-pool endpoint.
   * @default the AWS endpoint of `region`
   */
  userPoolEndpoint?: string;
  /**
   * Identity-pool endpoint.
   * @default the AWS endpoint of `region`
   */
  identityPoolEndpoint?: string;
  /**
   * The identity pool's `Logins` key for the user pool.
   * @default `cognito-idp.<region>.amazonaws.com/<userPoolId>`
   */
  providerName?: string;
  /**
   * Clock (epoch ms), for token expiry.
   * @default Date.now
   */
  now?: () => number;
  /** Prebuilt clients (tests). @default built from region and endpoints */
  clients?: { userPool: CognitoIdentityProviderClient; identityPool: CognitoIdentityClient };
}

/** A signed-in user: identity id and a provider of the identity's temporary credentials. */
export interface SignedIn {
  identityId: string;
  /** Calls GetCredentialsForIdentity; renews the ID token with the refresh token when it is about to expire. */
  credentials: AwsCredentialIdentityProvider;
}

// Renew the ID token this long before it expires, so GetCredentialsForIdentity never sees a stale one.
const TOKEN_MARGIN_MS = 60_000;

/**
 * Signs in to the user pool with USER_PASSWORD_AUTH, gets the identity pool's identity id (GetId)
 * and returns a credentials provider (GetCredentialsForIdentity) for `@notifier/client`.
 *
 * @example
 * ```ts
 * const { identityId, credentials } = await signIn({ region, userPoolId, clientId, identityPoolId, username, password });
 * createNotifierClient({ graphqlUrl, region, credentials, WebSocket });
 * ```
 */
export async function signIn(options: SignInOptions): Promise<SignedIn> {
  const now = options.now ?? Date.now;
  const userPool =
    options.clients?.userPool ??
    new CognitoIdentityProviderClient({ region: options.region, endpoint: options.userPoolEndpoint, credentials: anonymous });
  const identityPool =
    options.clients?.identityPool ??
    new CognitoIdentityClient({ region: options.region, endpoint: options.identityPoolEndpoint, credentials: anonymous });
  const providerName = options.providerName ?? `cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;

  let tokens = await passwordAuth(userPool, options);
  const refreshToken = tokens.refreshToken;
  const idToken = async (): Promise<string> => {
    if (now() < tokens.expiresAt - TOKEN_MARGIN_MS) return tokens.idToken;
    if (!refreshToken) throw new SignInError('The sign-in expired and the user pool gave no refresh token: sign in again');
    tokens = await refreshAuth(userPool, options.clientId, refreshToken, now);
    return tokens.idToken;
  };

  let identityId: string;
  try {
    const result = await identityPool.send(
      new GetIdCommand({ IdentityPoolId: options.identityPoolId, Logins: { [providerName]: await idToken() } }),
    );
    if (!result.IdentityId) throw new SignInError('The identity pool returned no IdentityId');
    identityId = result.IdentityId;
  } catch (err) {
    throw wrap(err, `The identity pool ${options.identityPoolId} refused the sign-in`);
  }

  const credentials: AwsCredentialIdentityProvider = async () => {
    let result;
    try {
      result = await identityPool.send(
        new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: { [providerName]: await idToken() } }),
      );
    } catch (err) {
      throw wrap(err, 'The identity pool refused to hand out credentials');
    }
    const c = result.Credentials;
    if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken) {
      throw new SignInError('The identity pool returned incomplete credentials');
    }
    const identity: AwsCredentialIdentity = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
    return identity;
  };
  return { identityId, credentials };
}

interface Tokens {
  idToken: string;
  refreshToken?: string;
  expiresAt: number;
}

async function passwordAuth(client: CognitoIdentityProviderClient, options: SignInOptions): Promise<Tokens> {
  let result;
  try {
    result = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: options.clientId,
        AuthParameters: { USERNAME: options.username, PASSWORD: options.password },
      }),
    );
  } catch (err) {
    throw wrap(err, `Signing in as ${options.username} failed`);
  }
  if (result.ChallengeName) {
    throw new SignInError(
      `Signing in as ${options.username} needs ${result.ChallengeName}, which this CLI does not answer: complete it once in the web page or with the AWS CLI`,
    );
  }
  return tokensFrom(result.AuthenticationResult, undefined, options.now ?? Date.now);
}

async function refreshAuth(client: CognitoIdentityProviderClient, clientId: string, refreshToken: string, now: () => number): Promise<Tokens> {
  let result;
  try {
    result = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
  } catch (err) {
    throw wrap(err, 'Renewing the sign-in failed');
  }
  return tokensFrom(result.AuthenticationResult, refreshToken, now);
}

function tokensFrom(
  result: { IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined,
  previousRefreshToken: string | undefined,
  now: () => number,
): Tokens {
  if (!result?.IdToken) throw new SignInError('The user pool returned no ID token');
  return {
    idToken: result.IdToken,
    refreshToken: result.RefreshToken ?? previousRefreshToken,
    expiresAt: now() + (result.ExpiresIn ?? 3600) * 1000,
  };
}

function wrap(err: unknown, message: string): SignInError {
  if (err instanceof SignInError) return err;
  const e = err as { name?: string; message?: string };
  return new SignInError(`${message}: ${e?.name ? `${e.name}: ` : ''}${e?.message ?? String(err)}`, { cause: err });
}

// InitiateAuth, GetId and GetCredentialsForIdentity are unsigned calls; fixed dummy credentials keep
// the SDK from searching the machine for credentials it never uses.
const anonymous: AwsCredentialIdentity = { accessKeyId: 'anonymous', secretAccessKey: 'anonymous' };
