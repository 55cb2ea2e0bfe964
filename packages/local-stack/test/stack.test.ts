import { resolve } from 'node:path';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyDatasetRefreshedDocument, NotifyImageTaggedDocument } from '@notifier/schema';
import { runDemo } from '../src/demo';
import { startLocalStack, type LocalStack } from '../src/stack';

const assemblyDir = resolve(__dirname, '../../../infra/cdk.out');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('Function: startLocalStack', () => {
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack({ assemblyDir, retryDelayMs: () => 50 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs every function of the template with its deployed bundle and routes by the deployed rules', () => {
    // Assess
    expect([...stack.functions.keys()].sort()).toEqual([
      'bulk-load-notice',
      'image-tagger',
      'model-ready-notice',
      'post-auth',
      'video-transcriber-complete',
      'video-transcriber-start',
      'video-transcriber-sweep',
    ]);
    for (const fn of stack.functions.values()) expect(fn.bundlePath).toMatch(/cdk\.out\/asset\.[0-9a-f]{64}\/index\.mjs$/);
    const targets = (name: string) => stack.routes.rules.filter((r) => r.targets.includes(stack.functions.get(name)!.functionName)).length;
    expect(targets('image-tagger')).toBe(1);
    expect(targets('video-transcriber-start')).toBe(1);
    expect(targets('video-transcriber-complete')).toBe(1);
    expect(targets('bulk-load-notice')).toBe(2);
    expect(targets('model-ready-notice')).toBe(2);
    expect(stack.routes.schedules.map((s) => s.targets)).toEqual([[stack.functions.get('video-transcriber-sweep')!.functionName]]);
    expect(stack.routes.userPoolTriggers).toEqual({ PostAuthentication: stack.functions.get('post-auth')!.functionName });
    expect(Object.keys(stack.buckets).sort()).toEqual(['data', 'models', 'transcripts', 'uploads']);
  });

  it('delivers every notification kind exactly once on the demo path, and replayed triggers add none', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const result = await runDemo({ stack, print: (line) => lines.push(line), graceMs: 1_000 });

    // Assess
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.arrivals.map((a) => a.kind).sort()).toEqual(['DATASET_REFRESHED', 'IMAGE_TAGGED', 'MODEL_READY', 'TRANSCRIPT_READY', 'USER_UPDATE']);
    expect(result.replayed).toBeGreaterThanOrEqual(7);
    expect(lines.join('\n')).toContain('no new notification');
  });

  it('gives each function credentials of its own role, so another app’s mutation is refused as deployed', async () => {
    // Prepare
    const asImageTagger = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: stack.functionCredentials.get('image-tagger')! });
    const input = { idempotencyKey: 'sales#refused', dataset: 'sales', version: 'refused', completedAt: new Date().toISOString() };

    // Act
    const refused = await asImageTagger.mutate(NotifyDatasetRefreshedDocument, { input }).catch((error: unknown) => error);
    const allowed = await asImageTagger.mutate(NotifyImageTaggedDocument, {
      input: { idempotencyKey: 'iam-check', ownerId: 'us-east-1:00000000-0000-4000-8000-000000000000', bucket: stack.buckets.uploads!, key: 'private/x/y.png', status: 'TAGGED', labels: [] },
    });

    // Assess
    expect(refused).toMatchObject({ name: 'AppSyncHttpError', status: 401, errorType: 'UnauthorizedException' });
    expect(allowed.outcome).toBe('delivered');
  });
});

describe('Local stack under injected faults', () => {
  it('still delivers every notification exactly once when a fifth of AppSync requests fail and connections drop', async () => {
    // Prepare
    const stack = await startLocalStack({
      assemblyDir,
      retryDelayMs: () => 100,
      faults: { errorRate: 0.1, throttleRate: 0.1, dropConnectionRate: 0.2, seed: 7 },
    });

    try {
      // Act
      const result = await runDemo({ stack, print: () => undefined, graceMs: 2_000, requireUserUpdate: false });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.arrivals.filter((a) => a.kind !== 'USER_UPDATE').map((a) => a.kind).sort()).toEqual([
        'DATASET_REFRESHED',
        'IMAGE_TAGGED',
        'MODEL_READY',
        'TRANSCRIPT_READY',
      ]);
      expect(result.injectedFaults.errors + result.injectedFaults.throttles).toBeGreaterThan(0);
      expect(result.injectedFaults.droppedConnections).toBeGreaterThan(0);
      expect(result.reconnects).toBeGreaterThan(0);
    } finally {
      await stack.stop();
    }
  });
});

describe('Function: buildContract', () => {
  it('lists endpoints, ids and credentials for every role, the signed-in test user’s identity included', async () => {
    // Prepare
    const { buildContract } = await import('../src/contract');
    const stack = await startLocalStack({ assemblyDir });
    try {
      await stack.createUser('contract@example.com', 'Contract-Password-1!');
      const session = await stack.signIn('contract@example.com', 'Contract-Password-1!');

      // Act
      const contract = buildContract(stack, session, 'Contract-Password-1!', 'http://127.0.0.1:1/');

      // Assess
      expect(Object.keys(contract.credentials).sort()).toEqual([
        'authRole',
        'bulk-load-notice',
        'image-tagger',
        'model-ready-notice',
        'post-auth',
        'unauthRole',
        'video-transcriber-complete',
        'video-transcriber-start',
        'video-transcriber-sweep',
      ]);
      expect(contract.credentials.authRole).toMatchObject({ identityId: session.identityId, accessKeyId: session.credentials.accessKeyId });
      for (const entry of Object.values(contract.credentials)) {
        expect(entry.roleArn).toMatch(/^arn:aws:iam::000000000000:role\//);
        expect(new Date(entry.expiration).getTime()).toBeGreaterThan(Date.now());
      }
      expect(contract).toMatchObject({
        graphqlUrl: stack.appsync.graphqlUrl,
        realtimeUrl: stack.appsync.realtimeUrl,
        tlsGraphqlUrl: stack.appsync.tlsGraphqlUrl,
        s3: { endpoint: stack.s3Endpoint, buckets: stack.buckets },
        cognito: stack.cognito,
        testUser: { email: 'contract@example.com', identityId: session.identityId },
      });
    } finally {
      await stack.stop();
    }
  });
});
