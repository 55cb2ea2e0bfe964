import { NotifyModelReadyDocument } from '@notifier/schema';
import { eventually, signedInUser, startLocalAppSyncStack, type LocalAppSyncStack } from '../testing';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signPost, signedGraphQL } from './helpers/signing';

// Every start here runs the deployed onModelReady subscription resolver, so a start is still pending
// when a message read in the same chunk is handled.
const ON_MODEL_READY = { query: 'subscription { onModelReady { id } }' };

describe('Function: startLocalAppSync (real-time operations on one connection)', () => {
  let stack: LocalAppSyncStack;
  let mutations = 0;
  const clients: RealtimeTestClient[] = [];

  beforeAll(async () => {
    stack = await startLocalAppSyncStack({ maxSubscriptionsPerConnection: 2 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    // Each test counts subscriptions from zero.
    await eventually(() => stack.appsync.subscriptionCount() === 0, { what: 'the closed connections to be forgotten' });
  });
  afterAll(async () => {
    await stack.stop();
  });

  const open = async () => {
    const client = await RealtimeTestClient.open({
      realtimeUrl: stack.appsync.realtimeUrl,
      graphqlUrl: stack.appsync.graphqlUrl,
      credentials: signedInUser(stack.appsync, 1).credentials,
      region: stack.appsync.region,
    });
    clients.push(client);
    await client.init();
    return client;
  };

  const publishModelReady = async () => {
    mutations++;
    const result = await signedGraphQL(stack.appsync.graphqlUrl, stack.appsync.mintForRole('model-ready-notice'), stack.appsync.region, {
      query: String(NotifyModelReadyDocument),
      variables: { input: { idempotencyKey: `ops-${mutations}`, modelName: 'churn', version: '7', artifactLocation: 's3://m/churn/7/model.tar.gz', metrics: [] } },
    });
    expect(result.status).toBe(200);
  };

  const forId = (client: RealtimeTestClient, id: string) => client.messages.filter((m) => m.id === id).map((m) => m.type);

  it('cancels a start stopped before its start_ack: complete once, no start_ack, no data', async () => {
    // Prepare
    const client = await open();

    // Act
    client.sendTogether([await client.signedStart('s1', ON_MODEL_READY), { type: 'stop', id: 's1' }]);
    await client.next((m) => m.type === 'complete' && m.id === 's1');
    // A later subscription on the same connection is the witness: once it has its data, a live s1 would have had its own.
    await client.start('witness', ON_MODEL_READY);
    await publishModelReady();
    await client.next((m) => m.type === 'data' && m.id === 'witness');

    // Assess
    expect(forId(client, 's1')).toEqual(['complete']);
    expect(stack.appsync.subscriptionCount()).toBe(1);
  });

  it('lets a cancelled id be started again at once', async () => {
    // Prepare
    const client = await open();

    // Act
    client.sendTogether([await client.signedStart('again', ON_MODEL_READY), { type: 'stop', id: 'again' }, await client.signedStart('again', ON_MODEL_READY)]);
    await client.next((m) => m.type === 'start_ack' && m.id === 'again');
    await publishModelReady();
    await client.next((m) => m.type === 'data' && m.id === 'again');
    await new Promise((r) => setImmediate(r));

    // Assess
    expect(forId(client, 'again')).toEqual(['complete', 'start_ack', 'data']);
  });

  it('refuses starts beyond the per-connection limit even when they arrive together', async () => {
    // Prepare
    const client = await open();
    const ids = ['m1', 'm2', 'm3', 'm4', 'm5'];
    const starts = await Promise.all(ids.map((id) => client.signedStart(id, ON_MODEL_READY)));

    // Act
    client.sendTogether(starts);
    const replies = await Promise.all(ids.map((id) => client.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'))));

    // Assess
    expect(replies.filter((r) => r.type === 'start_ack')).toHaveLength(2);
    expect(replies.filter((r) => r.type === 'error').map((r) => r.payload)).toEqual(
      Array.from({ length: 3 }, () => ({ errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 2 subscriptions reached' }] })),
    );
    expect(stack.appsync.subscriptionCount()).toBe(2);
  });

  it('frees the slot of a start that fails, for the next start', async () => {
    // Prepare
    const client = await open();
    await client.start('ok', ON_MODEL_READY);

    // Act
    const refused = await client.start('bad', { query: 'subscription { onNothing { id } }' });
    const next = await client.start('next', ON_MODEL_READY);

    // Assess
    expect(refused.type).toBe('error');
    expect(next).toEqual({ type: 'start_ack', id: 'next' });
  });

  it('refuses a start reusing an active id with DuplicatedOperationError and keeps the subscription', async () => {
    // Prepare
    const client = await open();
    await client.start('d', ON_MODEL_READY);

    // Act
    client.send(await client.signedStart('d', { query: 'subscription { onModelReady { id modelReady { modelName } } }' }));
    const reply = await client.next((m) => m.type === 'error' && m.id === 'd');
    await publishModelReady();
    const data = await client.next((m) => m.type === 'data' && m.id === 'd');

    // Assess
    expect(reply).toEqual({ type: 'error', id: 'd', payload: { errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id d' }] } });
    expect(data.payload).toEqual({ data: { onModelReady: { id: expect.any(String) } } });
    expect(forId(client, 'd')).toEqual(['start_ack', 'error', 'data']);
  });

  it('refuses a start reusing a pending id with DuplicatedOperationError and acknowledges the first', async () => {
    // Prepare
    const client = await open();
    const first = await client.signedStart('p', ON_MODEL_READY);

    // Act
    client.sendTogether([first, first]);
    await client.next((m) => m.type === 'start_ack' && m.id === 'p');
    await client.next((m) => m.type === 'error' && m.id === 'p');

    // Assess
    expect(forId(client, 'p').sort()).toEqual(['error', 'start_ack']);
    expect(client.messages.find((m) => m.type === 'error' && m.id === 'p')!.payload).toEqual({
      errors: [{ errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id p' }],
    });
  });

  it('forgets a pending start when its connection closes', async () => {
    // Prepare
    const client = await open();

    // Act
    client.sendTogether([await client.signedStart('gone', ON_MODEL_READY)]);
    await client.close();
    // A later connection's start is handled after the pending one has settled.
    const later = await open();
    await later.start('later', ON_MODEL_READY);

    // Assess
    expect(stack.appsync.subscriptionCount()).toBe(1);
  });

  it.each(['null', '"subscription"', '[]', '7', '{"query":1}', '{"variables":{}}', '{"query":"subscription { onModelReady { id } }","variables":"oops"}', '{"query":"subscription { onModelReady { id } }","operationName":5}'])(
    'answers a start whose data is %s with BadRequestException',
    async (data) => {
      // Prepare
      const client = await open();
      const authorization = await signPost({ url: stack.appsync.graphqlUrl, body: data, credentials: signedInUser(stack.appsync, 1).credentials, region: stack.appsync.region });
      const errors = jest.spyOn(console, 'error');

      // Act
      client.send({ id: 'r', type: 'start', payload: { data, extensions: { authorization } } });
      const reply = await client.next((m) => m.id === 'r');
      const logged = errors.mock.calls.length;
      errors.mockRestore();

      // Assess
      expect(reply).toEqual({
        type: 'error',
        id: 'r',
        payload: { errors: [{ errorType: 'BadRequestException', message: 'start payload.data must be a GraphQL request: a JSON object with a string query' }] },
      });
      expect(logged).toBe(0);
    },
  );
});
