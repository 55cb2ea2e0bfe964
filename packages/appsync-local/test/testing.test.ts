import { createConnection } from 'node:net';
import { MeDocument } from '@notifier/schema';
import { AppSyncLocalConfigError, loadModelFromAssembly } from '../src';
import { eventually, signedInUser, startLocalAppSyncStack, synthesizedAssemblyDir, type LocalAppSyncStack } from '../testing';
import { signedGraphQL } from './helpers/signing';

function refusesConnections(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('Function: startLocalAppSyncStack', () => {
  it('serves the synthesized template over plain HTTP on dynalite, and stop() closes both', async () => {
    // Prepare
    const clock = Date.parse('2026-06-01T12:00:00Z');

    // Act
    const stack = await startLocalAppSyncStack({ assemblyDir: synthesizedAssemblyDir(), now: () => new Date(clock) });
    const { appsync } = stack;
    const dynamoDbEndpoint = appsync.dynamoDbEndpoint!;
    const alice = signedInUser(appsync, 1);
    const answer = await signedGraphQL(appsync.graphqlUrl, alice.credentials, appsync.region, { query: String(MeDocument) }, { signingDate: new Date(clock) });
    await stack.stop();

    // Assess
    expect(appsync.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(appsync.tlsGraphqlUrl).toBeUndefined();
    expect(appsync.region).toBe('us-east-1');
    expect(appsync.accountId).toBe('000000000000');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: null } });
    expect(await refusesConnections(appsync.graphqlUrl)).toBe(true);
    expect(await refusesConnections(dynamoDbEndpoint)).toBe(true);
  });
});

describe('Function: startLocalAppSyncStack (failed start)', () => {
  it('leaves no server running when the local AppSync cannot start', async () => {
    // Prepare
    const model = await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId: '000000000000', region: 'us-east-1' });
    const broken = { ...model, schema: 'type Query { broken: UnknownType }' };
    const listening = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPServerWrap').length;
    const before = listening();

    // Act
    const start = startLocalAppSyncStack({ model: broken });

    // Assess
    await expect(start).rejects.toThrow(/UnknownType/);
    // A closed server's handle goes away a moment after its close callback.
    await eventually(() => listening() === before, { timeoutMs: 2000, what: 'no more listening servers than before' });
  });
});

describe('Function: signedInUser', () => {
  let stack: LocalAppSyncStack;
  const clock = Date.parse('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    stack = await startLocalAppSyncStack({ now: () => new Date(clock) });
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('gives each user number its own identity, the same one every time', () => {
    // Act
    const first = signedInUser(stack.appsync, 1);
    const again = signedInUser(stack.appsync, 1);
    const second = signedInUser(stack.appsync, 2);
    const large = signedInUser(stack.appsync, 12345);

    // Assess
    expect(first.identityId).toBe('us-east-1:11111111-2222-4333-8444-555555555555');
    expect(first.sub).toBe('00000001-aaaa-4bbb-8ccc-dddddddddddd');
    expect(again.identityId).toBe(first.identityId);
    expect(again.credentials.accessKeyId).not.toBe(first.credentials.accessKeyId);
    expect(second.identityId).not.toBe(first.identityId);
    expect(large.identityId).toBe('us-east-1:11112345-2222-4333-8444-555555555555');
    expect(large.sub).toBe('00012345-aaaa-4bbb-8ccc-dddddddddddd');
  });

  it('mints credentials for the requested lifetime, one hour by default', () => {
    // Act
    const standard = signedInUser(stack.appsync, 3);
    const short = signedInUser(stack.appsync, 3, { durationSeconds: 900 });

    // Assess
    expect(standard.credentials.expiration.getTime()).toBe(clock + 3600_000);
    expect(short.credentials.expiration.getTime()).toBe(clock + 900_000);
  });

  it.each([-1, 1.5, 100_000_000, Number.NaN])('rejects user number %p', (n) => {
    // Act
    const act = (): unknown => signedInUser(stack.appsync, n);

    // Assess
    expect(act).toThrow(AppSyncLocalConfigError);
    expect(act).toThrow(/n must be an integer from 0 to 99999999/);
  });
});

describe('Function: eventually', () => {
  it('resolves once the check holds', async () => {
    // Prepare
    let checks = 0;

    // Act
    await eventually(() => ++checks === 3, { intervalMs: 1 });

    // Assess
    expect(checks).toBe(3);
  });

  it('throws naming what it waited for once the time is up', async () => {
    // Prepare
    const started = Date.now();

    // Act
    const outcome = eventually(() => false, { timeoutMs: 50, what: 'the delivery' });

    // Assess
    await expect(outcome).rejects.toThrow('timed out after 50 ms waiting for the delivery');
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });
});
