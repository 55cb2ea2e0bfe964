import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { MeDocument, NotifyImageTaggedDocument, OnNotificationDocument } from '@notifier/schema';
import { buildContract } from '../src/contract';
import { startLocalStack, type LocalStack } from '../src/stack';
import { startNodeChild, type ChildEvent, type NodeChild } from './helpers/node-child';

const assemblyDir = resolve(__dirname, '../../../infra/cdk.out');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** What the child reports of `fetchAuthSession()`. */
type SessionEvent = ChildEvent & { identityId: string; credentials: { expiration: string } };

describe('Function: startLocalStack (official aws-amplify v6 client, whole sign-in chain)', () => {
  let stack: LocalStack;
  let tmp: string;
  let child: NodeChild | undefined;

  beforeAll(async () => {
    stack = await startLocalStack({ assemblyDir });
    tmp = mkdtempSync(join(tmpdir(), 'local-stack-amplify-'));
  });

  afterAll(async () => {
    await child?.stop();
    await stack?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('signs in through the user pool and identity pool, reads the profile the trigger wrote, refreshes, and receives only its own notifications', async () => {
    // Prepare
    const password = 'Correct-Horse-9!';
    await stack.createUser('ada@example.com', password, { name: 'Ada Lovelace' });
    await stack.createUser('grace@example.com', password, { name: 'Grace Hopper' });
    const grace = await stack.signIn('grace@example.com', password);
    // The client gets only what `.notifier/local-stack.json` gives a tool outside the project.
    const contract = buildContract(stack, grace, password);
    const caFile = join(tmp, 'ca.pem');
    writeFileSync(caFile, contract.tlsCaCertPem ?? '');
    const config = {
      cognito: contract.cognito,
      graphqlEndpoint: contract.tlsGraphqlUrl,
      region: contract.region,
      username: 'ada@example.com',
      password,
      documents: { me: String(MeDocument), onNotification: String(OnNotificationDocument) },
    };
    const asImageTagger = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: stack.functionCredentials.get('image-tagger')! });
    const tagged = (ownerId: string, name: string) => ({
      input: {
        idempotencyKey: `${ownerId}#${name}`,
        ownerId,
        bucket: stack.buckets.uploads!,
        key: `private/${ownerId}/${name}`,
        status: 'TAGGED' as const,
        labels: [{ name: 'Cat', confidence: 97.5 }],
      },
    });

    // Act
    child = startNodeChild({
      script: join(__dirname, 'fixtures/amplify-sign-in.mjs'),
      nodeArgs: ['--experimental-websocket', '--no-warnings'],
      env: { NODE_EXTRA_CA_CERTS: caFile, AMPLIFY_TEST_CONFIG: JSON.stringify(config) },
    });
    const failed = child.waitFor((e) => e.event === 'error', 25_000).then((e) => Promise.reject(new Error(`Amplify client failed: ${JSON.stringify(e)}`)));
    failed.catch(() => undefined);
    const untilEvent = (name: string) => Promise.race([child!.waitFor((e) => e.event === name, 25_000), failed]);
    await untilEvent('ready');
    const session = (await untilEvent('session')) as SessionEvent;
    // Grace's first: if it reached Ada it would arrive before Ada's own (one socket, published in order).
    const toGrace = await asImageTagger.mutate(NotifyImageTaggedDocument, tagged(grace.identityId, 'grace.png'));
    const toAda = await asImageTagger.mutate(NotifyImageTaggedDocument, tagged(session.identityId, 'ada.png'));
    const adaId = toAda.data?.notifyImageTagged?.id;
    await Promise.race([child.waitFor((e) => e.event === 'data' && (e.value as { id?: string }).id === adaId, 10_000), failed]);
    child.send('finish');
    await untilEvent('done');
    const code = await child.exited;
    // The same user signing in again through the AWS SDK gets the identity the stand-in issued to Amplify.
    const ada = await stack.signIn('ada@example.com', password);

    // Assess
    expect(code).toBe(0);
    const [signedIn, sessionEvent, me, refreshed] = ['signedIn', 'session', 'me', 'refreshed'].map((name) => child!.events.find((e) => e.event === name));
    expect(signedIn).toEqual({ event: 'signedIn', isSignedIn: true, signInStep: 'DONE' });
    expect(sessionEvent).toEqual({
      event: 'session',
      identityId: ada.identityId,
      userSub: ada.sub,
      idTokenSub: ada.sub,
      credentials: { accessKeyId: expect.stringMatching(/^ASIA/), hasSecretAccessKey: true, hasSessionToken: true, expiration: expect.any(String) },
    });
    const expiresInMs = Date.parse((sessionEvent as SessionEvent).credentials.expiration) - Date.now();
    expect(expiresInMs).toBeGreaterThan(55 * 60_000);
    expect(expiresInMs).toBeLessThanOrEqual(60 * 60_000);
    // The profile exists only because Amplify's sign-in ran the PostAuthentication trigger.
    expect(me).toMatchObject({ event: 'me', me: { id: ada.sub, displayName: 'Ada Lovelace', email: 'ada@example.com' } });
    expect(stack.triggerFailures).toEqual([]);
    expect(refreshed).toEqual({ event: 'refreshed', identityId: ada.identityId, idTokenSub: ada.sub, newIdToken: true, newCredentials: true });
    expect([toGrace.outcome, toAda.outcome]).toEqual(['delivered', 'delivered']);
    expect(child.events.filter((e) => e.event === 'data').map((e) => e.value)).toEqual([
      expect.objectContaining({ id: adaId, kind: 'IMAGE_TAGGED', audience: 'PRIVATE', ownerId: ada.identityId, imageTagged: expect.objectContaining({ key: `private/${ada.identityId}/ada.png` }) }),
    ]);
  });
});
