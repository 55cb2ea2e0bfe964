import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppSyncHttpError, AppSyncTimeoutError, createAppSyncClient } from '../src';
import { DATASET_INPUT, NOTIFICATION, NOTIFY_DATASET_REFRESHED } from './helpers/fixtures';
import { REGION, ROLE, useVerifyingAppSync } from './helpers/verifying-appsync';

// Integration: the default transport (node:http) against a local server that verifies every signature from the bytes it received.

describe('Class: AppSyncClient against a verifying server', () => {
  const appsync = useVerifyingAppSync();

  const clientWith = (credentials = appsync.registry.mintForRole(ROLE, { sessionName: 'bulk-load-notice' }), options = {}) =>
    createAppSyncClient({ url: appsync.url, region: REGION, credentials, ...options });

  it('sends a request whose signature verifies from the received bytes', async () => {
    // Prepare
    const client = clientWith();
    const variables = structuredClone(DATASET_INPUT);
    variables.input.dataset = 'commandes-été ✓ 注文 🚀';

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, variables);

    // Assess
    expect(result).toEqual({ outcome: 'delivered', data: { notifyDatasetRefreshed: NOTIFICATION } });
    expect(appsync.server.requests).toHaveLength(1);
    const [received] = appsync.server.requests;
    expect(received?.outcome).toBe('verified');
    expect(received?.principal).toMatchObject({ kind: 'role', roleName: 'BulkLoadNoticeRole', sessionName: 'bulk-load-notice' });
    expect(JSON.parse(received?.bodyText ?? '')).toEqual({ query: NOTIFY_DATASET_REFRESHED, variables });
    expect(received?.request.headers.host).toBe(`127.0.0.1:${appsync.server.port}`);
  });

  it('signs with the Lambda environment credentials by default', async () => {
    // Prepare
    const saved = { ...process.env };
    const minted = appsync.registry.mintForRole(ROLE);
    process.env.AWS_ACCESS_KEY_ID = minted.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = minted.secretAccessKey;
    process.env.AWS_SESSION_TOKEN = minted.sessionToken;
    process.env.AWS_REGION = REGION;

    try {
      // Act
      const client = createAppSyncClient({ url: appsync.url });
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result.outcome).toBe('delivered');
      expect(appsync.server.requests[0]?.outcome).toBe('verified');
    } finally {
      for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('resolves duplicate when the appsync.server reports DuplicateNotification', async () => {
    // Prepare
    appsync.respond = () => ({
      status: 200,
      body: {
        data: { notifyDatasetRefreshed: null },
        errors: [{ path: ['notifyDatasetRefreshed'], errorType: 'DuplicateNotification', message: 'already delivered' }],
      },
    });

    // Act
    const result = await clientWith().mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('duplicate');
  });

  it('throws InvalidSignatureException for a wrong secret and does not retry it', async () => {
    // Prepare
    const minted = appsync.registry.mintForRole(ROLE);
    const client = clientWith({ ...minted, secretAccessKey: `${minted.secretAccessKey.slice(0, -1)}x` });

    // Act
    const error = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AppSyncHttpError);
    expect(error).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    expect(appsync.server.requests).toHaveLength(1);
    expect(appsync.server.requests[0]?.outcome).toBe('rejected');
  });

  it('throws UnrecognizedClientException for an unknown key and does not retry it', async () => {
    // Prepare
    const minted = appsync.registry.mintForRole(ROLE);
    appsync.registry.revoke(minted.accessKeyId);

    // Act
    const error = await clientWith(minted).mutate(NOTIFY_DATASET_REFRESHED, {}).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'AppSyncHttpError', errorType: 'UnrecognizedClientException' });
    expect(appsync.server.requests).toHaveLength(1);
  });

  it('retries a 503 with a freshly signed request that verifies again', async () => {
    // Prepare
    let calls = 0;
    appsync.respond = () =>
      ++calls === 1
        ? { status: 503, body: { errors: [{ errorType: 'ServiceUnavailableException', message: 'try later' }] } }
        : { status: 200, body: { data: { notifyDatasetRefreshed: NOTIFICATION } } };

    // Act
    const result = await clientWith(undefined, { retry: { baseDelayMs: 5, maxDelayMs: 5 } }).mutate(
      NOTIFY_DATASET_REFRESHED,
      structuredClone(DATASET_INPUT),
    );

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(appsync.server.requests.map((r) => [r.outcome, r.status])).toEqual([
      ['verified', 503],
      ['verified', 200],
    ]);
  });

  it('waits what Retry-After asks before retrying a 429', async () => {
    // Prepare
    let calls = 0;
    appsync.respond = () =>
      ++calls < 3
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { errors: [{ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }] },
          }
        : { status: 200, body: { data: { notifyDatasetRefreshed: NOTIFICATION } } };
    const sleeps: number[] = [];
    const client = clientWith(undefined, {
      retry: { baseDelayMs: 10, maxDelayMs: 10 },
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    });

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(sleeps).toEqual([1000, 1000]);
    expect(appsync.server.requests.map((r) => [r.outcome, r.status])).toEqual([
      ['verified', 429],
      ['verified', 429],
      ['verified', 200],
    ]);
  });

  it('abandons a response that does not arrive in time and retries on a new attempt', async () => {
    // Prepare
    let calls = 0;
    appsync.respond = () =>
      ++calls === 1
        ? new Promise(() => {})
        : { status: 200, body: { data: { notifyDatasetRefreshed: NOTIFICATION } } };
    const client = clientWith(undefined, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(calls).toBe(2);
  });

  it('throws AppSyncTimeoutError when the appsync.server never answers', async () => {
    // Prepare
    appsync.respond = () => new Promise(() => {});
    const client = clientWith(undefined, { timeoutMs: 100, retry: { maxAttempts: 1 } });

    // Act
    const error = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(AppSyncTimeoutError);
  });
});

describe('Function: createAppSyncClient connection reuse', () => {
  let server: Server;
  let connections = 0;
  let url: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: { notifyDatasetRefreshed: NOTIFICATION } }));
      });
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  it('reuses kept-alive connections instead of opening one per request', async () => {
    // Prepare
    const client = createAppSyncClient({
      url,
      region: REGION,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    });

    // Act
    for (let i = 0; i < 20; i++) await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(connections).toBe(1);
  });
});
