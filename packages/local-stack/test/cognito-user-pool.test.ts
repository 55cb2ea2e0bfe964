import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoUserPool, type CognitoUserPool } from '../src/cognito-user-pool';
import { startLambdaEndpoint, type LambdaEndpoint } from '../src/lambda-endpoint';
import { LocalLambda } from '../src/local-lambda';

describe('Function: startCognitoUserPool', () => {
  let dir: string;
  let pool: CognitoUserPool;
  let endpoint: LambdaEndpoint;
  let trigger: LocalLambda;

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
  });

  afterAll(async () => {
    await pool?.stop();
    await endpoint?.stop();
    await trigger?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a user in with USER_PASSWORD_AUTH, issues verifiable tokens and runs the PostAuthentication trigger', async () => {
    // Prepare
    const client = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'notifier', UsernameAttributes: ['email'] }));
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    await client.send(
      new SignUpCommand({
        ClientId: UserPoolClient!.ClientId,
        Username: 'ada@example.com',
        Password: 'Correct-Horse-9',
        UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }, { Name: 'name', Value: 'Ada' }],
      }),
    );
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: UserPool!.Id, Username: 'ada@example.com' }));

    // Act
    const auth = await client.send(
      new InitiateAuthCommand({
        ClientId: UserPoolClient!.ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'Correct-Horse-9' },
      }),
    );

    // Assess
    const idToken = auth.AuthenticationResult?.IdToken ?? '';
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: `${pool.endpoint}/${UserPool!.Id}`, aud: UserPoolClient!.ClientId, token_use: 'id', email: 'ada@example.com' });
    const jwks = await (await fetch(`${pool.endpoint}/${UserPool!.Id}/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      triggerSource: 'PostAuthentication_Authentication',
      userPoolId: UserPool!.Id,
      request: { userAttributes: { sub: claims.sub, email: 'ada@example.com', name: 'Ada' } },
    });
  });
});
