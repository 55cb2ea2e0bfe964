import {
  AddUserDocument,
  NotifyImageTaggedDocument,
  NotifyModelReadyDocument,
  OnImageTaggedDocument,
  OnModelReadyDocument,
  OnNotificationDocument,
  UserUpdatesDocument,
} from '@notifier/schema';
import { eventually, signedInUser, startLocalAppSyncStack, type LocalAppSyncStack } from '../testing';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signPost, signedGraphQL, type TestCredentials } from './helpers/signing';

const modelReadyInput = (key: string) => ({
  idempotencyKey: key,
  modelName: 'churn',
  version: '7',
  artifactLocation: 's3://models/churn/7/model.tar.gz',
  metrics: [{ name: 'auc', value: 0.91 }],
});

describe('Function: startLocalAppSync (real-time)', () => {
  let stack: LocalAppSyncStack;
  const clients: RealtimeTestClient[] = [];

  beforeAll(async () => {
    stack = await startLocalAppSyncStack({ keepAliveIntervalMs: 200 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await stack.stop();
  });

  const open = async (credentials: TestCredentials, options: { via?: 'query' | 'subprotocol'; mutateHeaders?: (h: Record<string, string>) => Record<string, string> } = {}) => {
    const client = await RealtimeTestClient.open({
      realtimeUrl: stack.appsync.realtimeUrl,
      graphqlUrl: stack.appsync.graphqlUrl,
      credentials,
      region: stack.appsync.region,
      ...options,
    });
    clients.push(client);
    return client;
  };

  const mutate = (role: string, request: { query: string; variables?: Record<string, unknown> }) =>
    signedGraphQL(stack.appsync.graphqlUrl, stack.appsync.mintForRole(role), stack.appsync.region, request);

  it('acknowledges a connection authorized through a header- subprotocol and sends keep-alives', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials, { via: 'subprotocol' });

    // Act
    const ack = await client.init();
    await new Promise((r) => setTimeout(r, 450));

    // Assess
    expect(client.protocol).toBe('graphql-ws');
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(client.messages.filter((m) => m.type === 'ka').length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['offers no subprotocol', [], 'NoProtocolError'],
    ['offers only another subprotocol', ['graphql-transport-ws'], 'SubProtocolNotSupportedError'],
  ])('sends connection_error and closes when the client %s', async (_name, protocols, message) => {
    // Prepare
    const client = await RealtimeTestClient.open({
      realtimeUrl: stack.appsync.realtimeUrl,
      graphqlUrl: stack.appsync.graphqlUrl,
      credentials: signedInUser(stack.appsync, 1).credentials,
      region: stack.appsync.region,
      protocols,
    });
    clients.push(client);

    // Act
    client.send({ type: 'connection_init' });
    const closed = await client.closed;

    // Assess
    expect(client.messages).toEqual([{ type: 'connection_error', payload: { errors: [{ message, errorCode: 400 }] } }]);
    expect(closed.code).toBe(1000);
  });

  it('also serves the protocol at /graphql, where some clients derive the real-time endpoint', async () => {
    // Prepare
    const client = await RealtimeTestClient.open({
      realtimeUrl: stack.appsync.realtimeUrl.replace('/graphql/realtime', '/graphql'),
      graphqlUrl: stack.appsync.graphqlUrl,
      credentials: signedInUser(stack.appsync, 1).credentials,
      region: stack.appsync.region,
    });
    clients.push(client);

    // Act
    const ack = await client.init();
    const started = await client.start('g', { query: 'subscription { onModelReady { id } }' });

    // Assess
    expect(ack.type).toBe('connection_ack');
    expect(started).toEqual({ type: 'start_ack', id: 'g' });
  });

  it('sends connection_error and closes at once when the connect signature is wrong, without waiting for connection_init', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials, {
      mutateHeaders: (h) => ({ ...h, authorization: h.authorization!.replace(/Signature=\w+/, `Signature=${'0'.repeat(64)}`) }),
    });

    // Act
    const closed = await client.closed;

    // Assess
    expect(client.messages).toEqual([
      { type: 'connection_error', payload: { errors: [expect.objectContaining({ errorType: 'UnauthorizedException', errorCode: 401 })] } },
    ]);
    expect(closed.code).toBe(1000);
    await eventually(() => stack.appsync.connectionCount() === 0, { what: 'the refused connection to be forgotten' });
  });

  it.each(['constructor', '__proto__'])('refuses a connect signature listing a %s header, and keeps serving other connections', async (name) => {
    // Prepare
    const credentials = signedInUser(stack.appsync, 1).credentials;
    const client = await open(credentials, { mutateHeaders: (h) => ({ ...h, authorization: h.authorization!.replace('SignedHeaders=', `SignedHeaders=${name};`) }) });

    // Act
    const reply = await client.init();
    const healthy = await open(credentials);
    const ack = await healthy.init();

    // Assess
    expect(reply).toEqual({ type: 'connection_error', payload: { errors: [expect.objectContaining({ errorType: 'UnauthorizedException', errorCode: 401 })] } });
    expect(ack.type).toBe('connection_ack');
  });

  it.each(['constructor', '__proto__'])('refuses a start signature listing a %s header with InvalidSignatureException', async (name) => {
    // Prepare
    const credentials = signedInUser(stack.appsync, 1).credentials;
    const client = await open(credentials);
    await client.init();
    const data = JSON.stringify({ query: 'subscription { onModelReady { id } }' });
    const authorization = await signPost({ url: stack.appsync.graphqlUrl, body: data, credentials, region: stack.appsync.region });
    authorization.authorization = authorization.authorization!.replace('SignedHeaders=', `SignedHeaders=${name};`);

    // Act
    client.send({ id: 'p', type: 'start', payload: { data, extensions: { authorization } } });
    const reply = await client.next((m) => m.id === 'p');

    // Assess
    expect(reply).toMatchObject({ type: 'error', id: 'p', payload: { errors: [{ errorType: 'InvalidSignatureException' }] } });
  });

  it('sends connection_error and closes at once when no authorization was sent', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials, { mutateHeaders: () => ({}) });

    // Act
    const closed = await client.closed;

    // Assess
    expect(client.messages).toEqual([
      {
        type: 'connection_error',
        payload: { errors: [{ errorType: 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 400 }] },
      },
    ]);
    expect(closed.code).toBe(1000);
  });

  it('refuses a start whose data was changed after signing', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials);
    await client.init();

    // Act
    const reply = await client.start('t', { query: String(OnModelReadyDocument) }, undefined, (d) => d.replace('onModelReady', 'onNotification'));

    // Assess
    expect(reply).toMatchObject({ type: 'error', id: 't', payload: { errors: [{ errorType: 'InvalidSignatureException' }] } });
  });

  it('delivers a broadcast mutation to a subscriber in its own selection set', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials);
    await client.init();
    const started = await client.start('s1', { query: 'subscription { onModelReady { id kind modelReady { modelName } } }' });

    // Act
    const result = await mutate('model-ready-notice', { query: String(NotifyModelReadyDocument), variables: { input: modelReadyInput('rt-1') } });
    const data = await client.next((m) => m.type === 'data' && m.id === 's1');

    // Assess
    expect(started).toEqual({ type: 'start_ack', id: 's1' });
    const published = (result.body.data as { notifyModelReady: { id: string } }).notifyModelReady;
    expect(data.payload).toEqual({ data: { onModelReady: { id: published.id, kind: 'MODEL_READY', modelReady: { modelName: 'churn' } } } });
  });

  it('serializes a published payload once per distinct selection set, whatever the number of subscribers', async () => {
    // Prepare
    const clients = await Promise.all([1, 2, 3].map((n) => open(signedInUser(stack.appsync, n).credentials)));
    for (const c of clients) await c.init();
    await clients[0]!.start('same-a', { query: 'subscription { onModelReady { id kind } }' });
    await clients[1]!.start('same-b', { query: 'subscription   { onModelReady { id kind } }' });
    await clients[2]!.start('other', { query: 'subscription { onModelReady { id createdAt } }' });

    // Act
    await mutate('model-ready-notice', { query: String(NotifyModelReadyDocument), variables: { input: modelReadyInput('rt-shape') } });
    await Promise.all([
      clients[0]!.next((m) => m.type === 'data' && m.id === 'same-a'),
      clients[1]!.next((m) => m.type === 'data' && m.id === 'same-b'),
      clients[2]!.next((m) => m.type === 'data' && m.id === 'other'),
    ]);

    // Assess
    expect(stack.appsync.lastPublish()).toEqual({ delivered: 3, serialized: 2 });
    expect(clients[0]!.dataFor('same-a')[0]!.payload).toEqual(clients[1]!.dataFor('same-b')[0]!.payload);
  });

  it('sends null for fields the mutation did not select, and an error for a missing non-null field', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials);
    await client.init();
    await client.start('nullable', { query: 'subscription { onModelReady { id ownerId } }' });
    await client.start('nonnull', { query: 'subscription { onModelReady { id audience } }' });

    // Act
    await mutate('model-ready-notice', { query: 'mutation($i: ModelReadyInput!) { notifyModelReady(input: $i) { id } }', variables: { i: modelReadyInput('rt-sel') } });
    const nullable = await client.next((m) => m.type === 'data' && m.id === 'nullable');
    const nonNull = await client.next((m) => m.type === 'data' && m.id === 'nonnull');

    // Assess
    expect(nullable.payload).toEqual({ data: { onModelReady: { id: expect.any(String), ownerId: null } } });
    expect(nonNull.payload).toEqual({
      data: { onModelReady: null },
      errors: [
        {
          path: ['onModelReady', 'audience'],
          locations: null,
          message: "Cannot return null for non-nullable type: 'Audience' within parent 'Notification' (/onModelReady/audience)",
        },
      ],
    });
  });

  it('delivers a private notification to its owner only, and broadcasts to everyone on onNotification', async () => {
    // Prepare
    const owner = signedInUser(stack.appsync, 2);
    const other = signedInUser(stack.appsync, 3);
    const ownerClient = await open(owner.credentials);
    const otherClient = await open(other.credentials);
    await ownerClient.init();
    await otherClient.init();
    await ownerClient.start('o', { query: String(OnImageTaggedDocument) });
    await otherClient.start('x', { query: String(OnImageTaggedDocument) });
    await otherClient.start('all', { query: String(OnNotificationDocument) });

    // Act
    await mutate('image-tagger', {
      query: String(NotifyImageTaggedDocument),
      variables: {
        input: { idempotencyKey: 'img-1', ownerId: owner.identityId, bucket: 'b', key: `private/${owner.identityId}/a.jpg`, status: 'TAGGED', labels: [{ name: 'Cat', confidence: 99.1 }] },
      },
    });
    const delivered = await ownerClient.next((m) => m.type === 'data' && m.id === 'o');
    await mutate('model-ready-notice', { query: String(NotifyModelReadyDocument), variables: { input: modelReadyInput('rt-2') } });
    const broadcast = await otherClient.next((m) => m.type === 'data' && m.id === 'all');

    // Assess
    expect((delivered.payload as { data: { onImageTagged: { ownerId: string } } }).data.onImageTagged.ownerId).toBe(owner.identityId);
    expect(otherClient.dataFor('x')).toHaveLength(0);
    expect(otherClient.dataFor('all')).toHaveLength(1);
    expect((broadcast.payload as { data: { onNotification: { kind: string } } }).data.onNotification.kind).toBe('MODEL_READY');
  });

  it('filters on subscription arguments against the mutation result', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 4).credentials);
    await client.init();
    await client.start('a', { query: String(UserUpdatesDocument), variables: { id: 'user-a' } });
    await client.start('any', { query: String(UserUpdatesDocument), variables: {} });

    // Act
    await mutate('post-auth', { query: String(AddUserDocument), variables: { userId: 'user-b', userDetails: { displayName: 'B' } } });
    await mutate('post-auth', { query: String(AddUserDocument), variables: { userId: 'user-a', userDetails: { displayName: 'A' } } });
    await client.next((m) => m.type === 'data' && m.id === 'a');
    await client.next((m) => client.dataFor('any').length === 2 && m.type === 'data');

    // Assess
    expect(client.dataFor('a').map((m) => (m.payload as { data: { userUpdates: { id: string } } }).data.userUpdates.id)).toEqual(['user-a']);
    expect(client.dataFor('any').map((m) => (m.payload as { data: { userUpdates: { id: string } } }).data.userUpdates.id)).toEqual(['user-b', 'user-a']);
  });

  it('refuses a start the caller role may not subscribe to', async () => {
    // Prepare
    const client = await open(stack.appsync.mintForRole('image-tagger'));
    await client.init();

    // Act
    const reply = await client.start('s', { query: String(OnModelReadyDocument) });

    // Assess
    expect(reply).toEqual({ type: 'error', id: 's', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } });
  });

  it('refuses a start when the subscription resolver rejects the caller', async () => {
    // Prepare: the authenticated role assumed directly (no identity-pool identity) passes IAM, but
    // the subscription resolver needs a signed-in identity.
    const client = await open(stack.appsync.mintForRole('authRole'));
    await client.init();

    // Act
    const reply = await client.start('u', { query: 'subscription { onImageTagged { id } }' });

    // Assess
    expect(reply).toEqual({
      type: 'error',
      id: 'u',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onImageTagged on type Subscription' }] },
    });
    expect(stack.appsync.subscriptionCount()).toBe(0);
  });

  it('answers stop with complete and delivers nothing afterwards', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 5).credentials);
    await client.init();
    await client.start('s', { query: 'subscription { onModelReady { id } }' });

    // Act
    client.send({ type: 'stop', id: 's' });
    const complete = await client.next((m) => m.type === 'complete');
    await mutate('model-ready-notice', { query: String(NotifyModelReadyDocument), variables: { input: modelReadyInput('rt-stop') } });
    await new Promise((r) => setTimeout(r, 100));

    // Assess
    expect(complete).toEqual({ type: 'complete', id: 's' });
    expect(client.dataFor('s')).toHaveLength(0);
  });

  it('answers an unknown message type with UnsupportedOperation', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials);
    await client.init();

    // Act
    client.send({ type: 'subscribe', id: 'q' });
    const reply = await client.next((m) => m.type === 'error');

    // Assess
    expect(reply).toMatchObject({ type: 'error', id: 'q', payload: { errors: [{ errorType: 'UnsupportedOperation' }] } });
  });

  it('answers a start with an invalid query with a validation error', async () => {
    // Prepare
    const client = await open(signedInUser(stack.appsync, 1).credentials);
    await client.init();

    // Act
    const reply = await client.start('v', { query: 'subscription { onNothing { id } }' });

    // Assess
    expect(reply).toEqual({
      type: 'error',
      id: 'v',
      payload: { errors: [{ message: "Validation error of type FieldUndefined: Field 'onNothing' in type 'Subscription' is undefined @ 'onNothing'" }] },
    });
  });
});
