import { NotifyImageTaggedDocument, NotifyModelReadyDocument, OnImageTaggedDocument, OnModelReadyDocument } from '@notifier/schema';
import { fixtureModel } from './helpers/fixture-model';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signedGraphQL } from './helpers/signing';
import { signInUser, startTestStack, type TestStack } from './helpers/stack';

const modelReadyInput = (key: string) => ({
  idempotencyKey: key,
  modelName: 'churn',
  version: '7',
  artifactLocation: 's3://models/churn/7/model.tar.gz',
  metrics: [{ name: 'auc', value: 0.91 }],
});

describe('Function: startLocalAppSync (real-time)', () => {
  let stack: TestStack;
  const clients: RealtimeTestClient[] = [];

  beforeAll(async () => {
    stack = await startTestStack(fixtureModel());
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await stack.stop();
  });

  const open = async (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, via: 'query' | 'subprotocol' = 'query') => {
    const client = await RealtimeTestClient.open({
      realtimeUrl: stack.appsync.realtimeUrl,
      graphqlUrl: stack.appsync.graphqlUrl,
      credentials,
      region: stack.appsync.region,
      via,
    });
    clients.push(client);
    return client;
  };

  it('delivers a broadcast mutation to a subscriber in its own selection set', async () => {
    // Prepare
    const user = signInUser(stack.appsync, 1);
    const client = await open(user.credentials, 'subprotocol');
    const ack = await client.init();
    const started = await client.start('s1', { query: 'subscription { onModelReady { id kind modelReady { modelName } } }' });
    const creds = stack.appsync.mintForRole('model-ready-notice');

    // Act
    const result = await signedGraphQL(stack.appsync.graphqlUrl, creds, stack.appsync.region, {
      query: String(NotifyModelReadyDocument),
      variables: { input: modelReadyInput('k-1') },
    });
    const data = await client.next((m) => m.type === 'data' && m.id === 's1');

    // Assess
    expect(client.protocol).toBe('graphql-ws');
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(started).toEqual({ type: 'start_ack', id: 's1' });
    expect(result.status).toBe(200);
    const published = (result.body.data as { notifyModelReady: { id: string } }).notifyModelReady;
    expect(data.payload).toEqual({ data: { onModelReady: { id: published.id, kind: 'MODEL_READY', modelReady: { modelName: 'churn' } } } });
  });

  it('delivers a private notification to its owner only', async () => {
    // Prepare
    const owner = signInUser(stack.appsync, 2);
    const other = signInUser(stack.appsync, 3);
    const ownerClient = await open(owner.credentials);
    const otherClient = await open(other.credentials);
    await ownerClient.init();
    await otherClient.init();
    await ownerClient.start('o', { query: String(OnImageTaggedDocument) });
    await otherClient.start('x', { query: String(OnImageTaggedDocument) });

    // Act
    const result = await signedGraphQL(stack.appsync.graphqlUrl, stack.appsync.mintForRole('image-tagger'), stack.appsync.region, {
      query: String(NotifyImageTaggedDocument),
      variables: {
        input: { idempotencyKey: 'img-1', ownerId: owner.identityId, bucket: 'b', key: `private/${owner.identityId}/a.jpg`, status: 'TAGGED', labels: [{ name: 'Cat', confidence: 99.1 }] },
      },
    });
    const delivered = await ownerClient.next((m) => m.type === 'data' && m.id === 'o');
    await new Promise((r) => setTimeout(r, 100));

    // Assess
    expect(result.status).toBe(200);
    expect((delivered.payload as { data: { onImageTagged: { ownerId: string } } }).data.onImageTagged.ownerId).toBe(owner.identityId);
    expect(otherClient.dataFor('x')).toHaveLength(0);
  });

  it('refuses a start the caller role may not subscribe to', async () => {
    // Prepare
    const creds = stack.appsync.mintForRole('image-tagger');
    const client = await open(creds);
    await client.init();

    // Act
    const reply = await client.start('s', { query: String(OnModelReadyDocument) });

    // Assess
    expect(reply).toEqual({ type: 'error', id: 's', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } });
  });
});
