import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { startCognitoUserPool, type CognitoUserPool } from '../src/cognito-user-pool';
import { startIdentityPool, type IdentityPool, type PoolIdentity } from '../src/identity-pool';
import { startLambdaEndpoint, type LambdaEndpoint } from '../src/lambda-endpoint';
import { LocalLambda } from '../src/local-lambda';

describe('Local Cognito', () => {
  let dir: string;
  let pool: CognitoUserPool;
  let endpoint: LambdaEndpoint;
  let trigger: LocalLambda;
  let identityPool: IdentityPool;
  let userPoolId: string;
  let clientId: string;
  const minted: PoolIdentity[] = [];
  const region = 'us-east-1';
  const identityPoolId = 'us-east-1:00000000-0000-4000-8000-000000000001';
  const idp = () => new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  async function signUpAndSignIn(email: string): Promise<string> {
    const client = idp();
    await client.send(
      new SignUpCommand({ ClientId: clientId, Username: email, Password: 'Correct-Horse-9', UserAttributes: [{ Name: 'email', Value: email }, { Name: 'name', Value: email.split('@')[0] }] }),
    );
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
    const auth = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Correct-Horse-9' } }),
    );
    return auth.AuthenticationResult?.IdToken ?? '';
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cognito-'));
    const record = join(dir, 'events.jsonl');
    writeFileSync(
      join(dir, 'post-auth.mjs'),
      `import { appendFileSync } from 'node:fs';
       export const handler = async (event) => { appendFileSync(${JSON.stringify(record)}, JSON.stringify(event) + '\\n'); return event; };`,
    );
    trigger = new LocalLambda({ functionName: 'post-auth', bundlePath: join(dir, 'post-auth.mjs'), environment: {}, region: 'us-east-1', accountId: '000000000000' });
    endpoint = await startLambdaEndpoint((name) => (name === 'post-auth' ? trigger : undefined));
    pool = await startCognitoUserPool({ dataDirectory: join(dir, 'db'), lambdaEndpoint: endpoint.endpoint, triggerFunctions: { PostAuthentication: 'post-auth' } });
    const { UserPool } = await idp().send(new CreateUserPoolCommand({ PoolName: 'notifier', UsernameAttributes: ['email'] }));
    userPoolId = UserPool!.Id!;
    const { UserPoolClient } = await idp().send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    clientId = UserPoolClient!.ClientId!;
    identityPool = await startIdentityPool({
      identityPoolId,
      region,
      providers: { [`cognito-idp.${region}.amazonaws.com/${userPoolId}`]: { clientIds: [clientId], issuer: `${pool.endpoint}/${userPoolId}`, jwksUrl: `${pool.endpoint}/${userPoolId}/.well-known/jwks.json` } },
      mintCredentials: (identity) => {
        minted.push(identity);
        return { accessKeyId: `ASIA${minted.length}`, secretAccessKey: 'secret', sessionToken: 'token', expiration: new Date('2030-01-01T00:00:00Z') };
      },
    });
  });

  afterAll(async () => {
    await identityPool?.stop();
    await pool?.stop();
    await endpoint?.stop();
    await trigger?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a user in with USER_PASSWORD_AUTH, issues verifiable tokens and runs the PostAuthentication trigger', async () => {
    // Act
    const idToken = await signUpAndSignIn('ada@example.com');

    // Assess
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: `${pool.endpoint}/${userPoolId}`, aud: clientId, token_use: 'id', email: 'ada@example.com' });
    const jwks = await (await fetch(`${pool.endpoint}/${userPoolId}/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      triggerSource: 'PostAuthentication_Authentication',
      userPoolId: userPoolId,
      request: { userAttributes: { sub: claims.sub, email: 'ada@example.com', name: 'ada' } },
    });
  });

  it('refreshes tokens with GetTokensFromRefreshToken (how Amplify v6 refreshes) as with REFRESH_TOKEN_AUTH', async () => {
    // Prepare
    const client = idp();
    await signUpAndSignIn('lin@example.com');
    const auth = await client.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'lin@example.com', PASSWORD: 'Correct-Horse-9' } }),
    );
    const claimsOf = (token: string | undefined) => JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8'));

    // Act
    const refreshed = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: auth.AuthenticationResult!.RefreshToken! }));
    const refused = client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: 'not-a-refresh-token' }));

    // Assess
    const result = refreshed.AuthenticationResult!;
    expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 86_400 });
    expect(result.RefreshToken).toBeUndefined();
    expect(result.IdToken).not.toBe(auth.AuthenticationResult!.IdToken);
    expect(claimsOf(result.IdToken)).toMatchObject({ sub: claimsOf(auth.AuthenticationResult!.IdToken).sub, aud: clientId, token_use: 'id', iss: `${pool.endpoint}/${userPoolId}` });
    expect(claimsOf(result.AccessToken)).toMatchObject({ sub: claimsOf(auth.AuthenticationResult!.IdToken).sub, client_id: clientId, token_use: 'access' });
    await expect(refused).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('gives a signed-in user an identity and credentials for it that fromCognitoIdentityPool accepts', async () => {
    // Prepare
    const idToken = await signUpAndSignIn('grace@example.com');
    const provider = `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
    const sub = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')).sub;

    // Act
    const credentials = await fromCognitoIdentityPool({
      identityPoolId,
      logins: { [provider]: idToken },
      clientConfig: { region, endpoint: identityPool.endpoint },
    })();
    const again = await new CognitoIdentityClient({ region, endpoint: identityPool.endpoint }).send(
      new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [provider]: idToken } }),
    );

    // Assess
    expect(credentials).toMatchObject({ accessKeyId: `ASIA${minted.length}`, secretAccessKey: 'secret', sessionToken: 'token' });
    expect(credentials.expiration?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(minted.at(-1)).toEqual({ identityId: credentials.identityId, identityPoolId, sub, authProvider: `${provider},${provider}:CognitoSignIn:${sub}` });
    expect(again.IdentityId).toBe(credentials.identityId);
    expect(identityPool.identities().get(sub)).toBe(credentials.identityId);
  });

  it('takes a login keyed by the token issuer, as Amplify keys it, for the same identity and provider', async () => {
    // Prepare
    const idToken = await signUpAndSignIn('ida@example.com');
    const provider = `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    // Amplify's fetchAuthSession: `Logins[iss without its scheme] = idToken` (the provider name on AWS).
    const issuerKey = String(claims.iss).replace(/^https?:\/\//, '');
    const client = new CognitoIdentityClient({ region, endpoint: identityPool.endpoint });

    // Act
    const byIssuer = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [issuerKey]: idToken } }));
    const byProvider = await client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [provider]: idToken } }));
    const credentials = await client.send(new GetCredentialsForIdentityCommand({ IdentityId: byIssuer.IdentityId, Logins: { [issuerKey]: idToken } }));

    // Assess
    expect(issuerKey).toBe(`${pool.endpoint.replace('http://', '')}/${userPoolId}`);
    expect(byIssuer.IdentityId).toBe(byProvider.IdentityId);
    expect(credentials.IdentityId).toBe(byIssuer.IdentityId);
    expect(minted.at(-1)).toEqual({ identityId: byIssuer.IdentityId, identityPoolId, sub: claims.sub, authProvider: `${provider},${provider}:CognitoSignIn:${claims.sub}` });
    await expect(client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [`elsewhere.example/${userPoolId}`]: idToken } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Invalid login token. Provider elsewhere.example/${userPoolId} is not configured for this identity pool.`,
    });
  });

  it('refuses a tampered token, another pool, and an identity that is not the caller', async () => {
    // Prepare
    const idToken = await signUpAndSignIn('eve@example.com');
    const provider = `cognito-idp.${region}.amazonaws.com/${userPoolId}`;
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url'), signature].join('.');
    const client = new CognitoIdentityClient({ region, endpoint: identityPool.endpoint });
    const otherIdentity = [...identityPool.identities().values()][0];

    // Act + Assess
    await expect(client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: { [provider]: forged } }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Token signature invalid.',
    });
    await expect(client.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:unknown', Logins: { [provider]: idToken } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(client.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: {} }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(
      client.send(new GetCredentialsForIdentityCommand({ IdentityId: otherIdentity, Logins: { [provider]: idToken } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });
});
