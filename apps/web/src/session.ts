import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { WebConfig } from './config';

/** A signed-in user: their user-pool claims and identity-pool credentials. */
export interface Session {
  email: string;
  sub: string;
  identityId: string;
  credentials: AwsCredentialIdentityProvider;
}

/**
 * Signs in with the user pool (USER_PASSWORD_AUTH) and exchanges the ID token for identity-pool
 * credentials, which the provider refreshes before they expire.
 *
 * @example
 * const session = await signIn(config, 'ada@example.com', password);
 */
export async function signIn(config: WebConfig, email: string, password: string): Promise<Session> {
  const idp = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.cognitoEndpoint ? { endpoint: config.cognitoEndpoint } : {}),
    // User-pool sign-in is unsigned; local endpoints still need the SDK to have some credentials.
    credentials: { accessKeyId: 'unsigned', secretAccessKey: 'unsigned' },
  });
  const auth = await idp.send(
    new InitiateAuthCommand({
      ClientId: config.userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const idToken = auth.AuthenticationResult?.IdToken;
  if (!idToken) throw new Error(`Sign-in needs another step (${auth.ChallengeName ?? 'unknown challenge'}), which this page does not support`);
  const claims = JSON.parse(atob((idToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string; email?: string };
  const provider = `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
  const fetchCredentials = fromCognitoIdentityPool({
    identityPoolId: config.identityPoolId,
    logins: { [provider]: idToken },
    clientConfig: { region: config.region, ...(config.identityPoolEndpoint ? { endpoint: config.identityPoolEndpoint } : {}) },
  });
  const first = await fetchCredentials();
  return { email: claims.email ?? email, sub: claims.sub, identityId: first.identityId, credentials: fetchCredentials };
}
