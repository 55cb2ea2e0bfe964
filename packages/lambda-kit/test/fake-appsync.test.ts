import { AppSyncHttpError, AppSyncNetworkError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument } from '@notifier/schema';
import { createFakeAppSync, delivered, duplicate, firstField, serveFakeAppSync } from '../testing';

const URL = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
const credentials = { accessKeyId: 'ASIAFAKEEXAMPLE', secretAccessKey: 'fake-secret', sessionToken: 'fake-token' };
const input = { idempotencyKey: 'churn#3', modelName: 'churn', version: '3', artifactLocation: 's3://m/models/churn/3/', metrics: [] };

describe('Function: createFakeAppSync', () => {
  it('records a correctly signed request with its variables and answers as told', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials, reply: () => delivered('notifyModelReady', { id: 'n-1' }) });
    const client = createAppSyncClient({ url: URL, region: 'eu-west-1', credentials, fetch: fake.fetch });

    // Act
    const result = await client.mutate(NotifyModelReadyDocument, { input });

    // Assess
    expect(result).toEqual({ outcome: 'delivered', data: { notifyModelReady: { id: 'n-1' } } });
    expect(fake.rejected).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.variables).toEqual({ input });
    expect(fake.requests[0]?.authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, scopeRegion: 'eu-west-1', scopeService: 'appsync' });
  });

  it('refuses a request signed with another secret, like AppSync', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials });
    const client = createAppSyncClient({ url: URL, region: 'eu-west-1', credentials: { ...credentials, secretAccessKey: 'wrong' }, fetch: fake.fetch, retry: { maxAttempts: 1 } });

    // Act
    const call = client.mutate(NotifyModelReadyDocument, { input });

    // Assess
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
    expect(fake.requests).toEqual([]);
    expect(fake.rejected).toHaveLength(1);
  });

  it('refuses an unsigned request', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials });

    // Act
    const response = await fake.fetch(URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation X { x }' }) });

    // Assess
    expect(response.status).toBe(403);
    expect(fake.requests).toEqual([]);
    expect(fake.rejected[0]?.reason).toMatch(/authentication|Authorization|missing/i);
  });

  it('answers a duplicate as AppSync does for a repeated idempotency key', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials, reply: () => duplicate('notifyModelReady') });
    const client = createAppSyncClient({ url: URL, region: 'eu-west-1', credentials, fetch: fake.fetch });

    // Act
    const result = await client.mutate(NotifyModelReadyDocument, { input });

    // Assess
    expect(result).toMatchObject({ outcome: 'duplicate', data: { notifyModelReady: null } });
  });
});

describe('Function: serveFakeAppSync', () => {
  it('verifies and records what the client sends over HTTP with its own transport', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials, reply: () => delivered('notifyModelReady', { id: 'n-2' }) });
    const served = await serveFakeAppSync(fake);

    try {
      const client = createAppSyncClient({ url: served.graphqlUrl, region: 'eu-west-1', credentials });

      // Act
      const result = await client.mutate(NotifyModelReadyDocument, { input });

      // Assess
      expect(result).toEqual({ outcome: 'delivered', data: { notifyModelReady: { id: 'n-2' } } });
      expect(fake.rejected).toEqual([]);
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]?.url).toBe(served.graphqlUrl);
      expect(fake.requests[0]?.variables).toEqual({ input });
    } finally {
      await served.close();
    }
  });

  it('resets the connection for a networkError reply', async () => {
    // Prepare
    const fake = createFakeAppSync({ credentials, reply: () => ({ networkError: new Error('reset') }) });
    const served = await serveFakeAppSync(fake);

    try {
      const client = createAppSyncClient({ url: served.graphqlUrl, region: 'eu-west-1', credentials, retry: { maxAttempts: 1 } });

      // Act
      const call = client.mutate(NotifyModelReadyDocument, { input });

      // Assess
      await expect(call).rejects.toBeInstanceOf(AppSyncNetworkError);
      expect(fake.requests).toHaveLength(1);
    } finally {
      await served.close();
    }
  });
});

describe('Function: firstField', () => {
  it('names the first field an operation selects', () => {
    // Act & Assess
    expect(firstField(String(NotifyModelReadyDocument))).toBe('notifyModelReady');
    expect(() => firstField('fragment F on X { a }')).toThrow('cannot find the field');
  });
});
