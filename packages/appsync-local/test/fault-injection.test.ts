import { NotifyModelReadyDocument, NotificationsDocument } from '@notifier/schema';
import { signedInUser, startLocalAppSyncStack, type LocalAppSyncStack } from '../testing';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signedGraphQL } from './helpers/signing';

const input = (key: string) => ({ idempotencyKey: key, modelName: 'm', version: key, artifactLocation: 's3://b/m', metrics: [] });

describe('Function: startLocalAppSync (fault injection)', () => {
  let stack: LocalAppSyncStack;

  beforeAll(async () => {
    stack = await startLocalAppSyncStack({ faults: { errorRate: 0.25, throttleRate: 0.25, dropConnectionRate: 1, seed: 3 } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('answers some requests 500 or 429 before executing them, and executes the others', async () => {
    // Prepare
    const credentials = stack.appsync.mintForRole('model-ready-notice');
    const user = signedInUser(stack.appsync, 1);

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await signedGraphQL(stack.appsync.graphqlUrl, credentials, stack.appsync.region, { query: String(NotifyModelReadyDocument), variables: { input: input(`f-${i}`) } });
      statuses.push(r.status);
      if (r.status !== 200) expect(r.body).toEqual({ errors: [{ errorType: r.status === 429 ? 'LimitExceededError' : 'InternalFailure', message: expect.any(String) }] });
    }
    let feed: { status: number; body: Record<string, unknown> };
    do {
      feed = await signedGraphQL(stack.appsync.graphqlUrl, user.credentials, stack.appsync.region, { query: String(NotificationsDocument), variables: { limit: 100 } });
    } while (feed.status !== 200);

    // Assess
    const served = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(0);
    const items = (feed.body.data as { notifications: { items: unknown[] } }).notifications.items;
    expect(items).toHaveLength(served);
    expect(stack.appsync.faults.errors + stack.appsync.faults.throttles).toBeGreaterThanOrEqual(40 - served);
  });

  it('drops a subscriber connection instead of delivering when told to', async () => {
    // Prepare
    const user = signedInUser(stack.appsync, 2);
    const client = await RealtimeTestClient.open({ realtimeUrl: stack.appsync.realtimeUrl, graphqlUrl: stack.appsync.graphqlUrl, credentials: user.credentials, region: stack.appsync.region });
    await client.init();
    await client.start('s', { query: 'subscription { onModelReady { id } }' });
    const credentials = stack.appsync.mintForRole('model-ready-notice');

    // Act
    let published = false;
    while (!published) {
      const r = await signedGraphQL(stack.appsync.graphqlUrl, credentials, stack.appsync.region, { query: String(NotifyModelReadyDocument), variables: { input: input(`drop-${Date.now()}`) } });
      published = r.status === 200;
    }
    const closed = await client.closed;

    // Assess
    expect(closed.code).toBe(1006);
    expect(client.dataFor('s')).toHaveLength(0);
    expect(stack.appsync.faults.drops).toBe(1);
  });
});
