import { resolve } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startLocalStack, webConfigFor, type LocalStack } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { MeDocument } from '@notifier/schema';
import { parseWebConfig, type WebConfig } from '../../src/config';
import { jwtClaims, refreshIdToken, signIn } from '../../src/session';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
jest.setTimeout(60_000);

const USER = { email: 'lin@example.com', password: 'Lin-Password-1!', name: 'Lin Ito' };

describe('Function: signIn (against the local user pool and identity pool)', () => {
  let stack: LocalStack;
  let config: WebConfig;

  beforeAll(async () => {
    stack = await startLocalStack({ assemblyDir: resolve(__dirname, '../../../../infra/cdk.out') });
    config = parseWebConfig(webConfigFor(stack));
    await stack.createUser(USER.email, USER.password, { name: USER.name });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('exchanges a refresh token for a new ID token of the same user', async () => {
    // Prepare
    const idp = new CognitoIdentityProviderClient({ region: stack.region, endpoint: stack.cognito.userPoolEndpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const auth = await idp.send(
      new InitiateAuthCommand({ ClientId: stack.cognito.userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: USER.email, PASSWORD: USER.password } }),
    );
    idp.destroy();

    // Act
    const idToken = await refreshIdToken(config, auth.AuthenticationResult!.RefreshToken!);

    // Assess
    expect(jwtClaims(idToken)).toMatchObject({ sub: jwtClaims(auth.AuthenticationResult!.IdToken!).sub, token_use: 'id', email: USER.email });
  });

  it('renews identity-pool credentials with refreshed ID tokens for the same identity', async () => {
    // Prepare: every token looks about to expire, so each credential fetch refreshes it first.
    const expected = await stack.signIn(USER.email, USER.password);

    // Act
    const session = await signIn(config, USER.email, USER.password, { refreshMarginMs: 24 * 3600_000 });
    const renewed = await session.credentials();
    const me = await createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: renewed }).query(MeDocument, {});

    // Assess
    expect(session).toMatchObject({ email: USER.email, sub: expected.sub, identityId: expected.identityId });
    expect(renewed.identityId).toBe(expected.identityId);
    expect(renewed.accessKeyId).not.toBe(expected.credentials.accessKeyId);
    expect(me.me).toMatchObject({ id: expected.sub, displayName: USER.name });
  });
});
