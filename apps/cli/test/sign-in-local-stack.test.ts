// End to end: `notifier listen --username` signs in through a local user pool (cognito-local) and
// the identity-pool stand-in of @notifier/local-stack, whose credentials the local AppSync minted for
// the authenticated role, then receives what that identity may receive.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { eventually, startLocalAppSyncStack, type LocalAppSyncStack } from '@notifier/appsync-local/testing';
import { startCognitoUserPool, startIdentityPool, type CognitoUserPool, type IdentityPool } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyImageTaggedDocument, NotifyModelReadyDocument } from '@notifier/schema';
import { main, type MainIo } from '../src/main';

const PASSWORD = 'Correct-Horse-9!';
const IDENTITY_POOL_ID = 'us-east-1:00000000-0000-4000-8000-00000000c11a';

describe('Function: main (notifier listen --username against a local user pool and identity pool)', () => {
  let dir: string;
  let stack: LocalAppSyncStack;
  let userPool: CognitoUserPool;
  let identityPool: IdentityPool;
  let userPoolId: string;
  let clientId: string;
  const providerName = (): string => `cognito-idp.us-east-1.amazonaws.com/${userPoolId}`;

  const createUser = async (email: string): Promise<void> => {
    const idp = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await idp.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
    await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
    idp.destroy();
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'notifier-cli-cognito-'));
    stack = await startLocalAppSyncStack();
    // No triggers here: the PostAuthentication path belongs to the local stack's own tests.
    userPool = await startCognitoUserPool({ dataDirectory: path.join(dir, 'cognito'), lambdaEndpoint: 'http://127.0.0.1:9', triggerFunctions: {} });
    const idp = new CognitoIdentityProviderClient({ endpoint: userPool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { UserPool } = await idp.send(new CreateUserPoolCommand({ PoolName: 'notifier', UsernameAttributes: ['email'] }));
    userPoolId = UserPool?.Id as string;
    const { UserPoolClient } = await idp.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'cli', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    clientId = UserPoolClient?.ClientId as string;
    idp.destroy();
    identityPool = await startIdentityPool({
      identityPoolId: IDENTITY_POOL_ID,
      region: 'us-east-1',
      providers: {
        [providerName()]: {
          clientIds: [clientId],
          issuer: `${userPool.endpoint}/${userPoolId}`,
          jwksUrl: `${userPool.endpoint}/${userPoolId}/.well-known/jwks.json`,
        },
      },
      mintCredentials: (identity) =>
        stack.appsync.credentials.mintForIdentity({
          role: stack.appsync.role('authRole'),
          identityId: identity.identityId,
          identityPoolId: identity.identityPoolId,
          authProvider: identity.authProvider,
          authType: 'authenticated',
        }),
    });
    await createUser('ada@example.com');
  }, 180_000);

  afterAll(async () => {
    await identityPool?.stop();
    await userPool?.stop();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const notifyImageTagged = async (ownerId: string, key: string): Promise<string> => {
    const client = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('image-tagger') });
    const r = await client.mutate(NotifyImageTaggedDocument, {
      input: { idempotencyKey: key, ownerId, bucket: 'uploads', key: `private/${ownerId}/${key}.jpg`, status: 'TAGGED', labels: [{ name: 'Cat', confidence: 99 }] },
    });
    if (r.outcome !== 'delivered' || !r.data.notifyImageTagged) throw new Error('not delivered');
    return r.data.notifyImageTagged.id;
  };

  it("signs in with user name and password and prints the user's own and broadcast notifications only", async () => {
    // Prepare
    const other = 'us-east-1:99999999-0000-4000-8000-000000000b0b';
    const out: string[] = [];
    const err: string[] = [];
    const io: MainIo & { signals: EventEmitter & MainIo['signals'] } = {
      env: { NOTIFIER_PASSWORD: PASSWORD },
      stdout: { write: (t: string) => out.push(...t.split('\n').filter(Boolean)) },
      stderr: { write: (t: string) => err.push(...t.split('\n').filter(Boolean)) },
      signals: new EventEmitter() as EventEmitter & MainIo['signals'],
    };
    const argv = [
      'listen',
      '--json',
      '--username', 'ada@example.com',
      '--graphql-url', stack.appsync.graphqlUrl,
      '--region', stack.appsync.region,
      '--user-pool-id', userPoolId,
      '--client-id', clientId,
      '--identity-pool-id', IDENTITY_POOL_ID,
      '--cognito-idp-endpoint', userPool.endpoint,
      '--cognito-identity-endpoint', identityPool.endpoint,
    ];

    // Act
    const exit = main(argv, io);
    await eventually(() => out.some((l) => l.includes('"type":"subscribed"')), { what: 'the subscription', timeoutMs: 15_000 });
    const adaIdentity = [...identityPool.identities().values()][0] as string;
    const own = await notifyImageTagged(adaIdentity, `ada-${Date.now()}`);
    await notifyImageTagged(other, `other-${Date.now()}`);
    const models = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('model-ready-notice') });
    const m = await models.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: `model-${Date.now()}`, modelName: 'churn', version: 'v9', artifactLocation: 's3://m/churn.tar.gz', metrics: [] },
    });
    const broadcast = m.outcome === 'delivered' ? m.data.notifyModelReady?.id : undefined;
    await eventually(() => out.filter((l) => l.includes('"type":"notification"')).length === 2, { what: 'two notifications', timeoutMs: 15_000 });
    io.signals.emit('SIGINT');
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    const notifications = out.map((l) => JSON.parse(l)).filter((l) => l.type === 'notification').map((l) => l.notification);
    expect(notifications.map((n) => n.id)).toEqual([own, broadcast]);
    expect(notifications[0]).toMatchObject({ kind: 'IMAGE_TAGGED', ownerId: adaIdentity });
    expect(identityPool.identities().size).toBe(1);
    expect(err).toEqual([]);
  });
});
