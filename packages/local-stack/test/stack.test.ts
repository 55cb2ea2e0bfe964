import { resolve } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '@notifier/aws-standins';
import { evaluate, policyContextFor, type TemporaryCredentials } from '@notifier/local-iam';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotificationsDocument, NotifyDatasetRefreshedDocument, NotifyImageTaggedDocument } from '@notifier/schema';
import { makeMp4Header } from '../src/demo-media';
import { runDemo } from '../src/demo';
import type { BusEvent, DeliveryOutcome } from '../src/event-router';
import { startLocalStack, type LocalStack } from '../src/stack';
import sagemakerTrainingCompleted from './events/eventbridge/sagemaker-training-completed.json';
import s3ObjectCreated from './events/eventbridge/s3-object-created.json';

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

  it('routes uploads to the image-tagger or the video-transcriber start whatever the case of their extension', () => {
    // Prepare
    const upload = (key: string): BusEvent => {
      const event = structuredClone(s3ObjectCreated);
      event.detail.bucket.name = stack.buckets.uploads!;
      event.detail.object.key = key;
      return event as BusEvent;
    };
    const routedTo = (key: string) => stack.bus.match(upload(key)).flatMap((rule) => rule.targets);
    const fn = (name: string) => stack.functions.get(name)!.functionName;
    const owner = 'private/eu-west-1:7d3b8a41-2f2c-4b32-9d8e-8e1a4f3e5b6c';

    // Act + Assess
    for (const name of ['IMG.Jpg', 'IMG.JPG', 'img.jpg', 'scan.Tiff', 'photo.HeIc']) expect(routedTo(`${owner}/${name}`)).toEqual([fn('image-tagger')]);
    for (const name of ['talk.Mp4', 'TALK.MP4', 'talk.mp4', 'voice.Flac']) expect(routedTo(`${owner}/${name}`)).toEqual([fn('video-transcriber-start')]);
    for (const name of ['notes.txt', 'talk.mp4.txt', 'IMG.Jpg.json']) expect(routedTo(`${owner}/${name}`)).toEqual([]);
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

/** What the IAM policies of the role behind `credentials` (as deployed) decide for an S3 action on one object. */
function s3Decision(stack: LocalStack, credentials: TemporaryCredentials, action: string, bucket: string, key: string): string {
  const principal = stack.appsync.credentials.lookup(credentials.accessKeyId)?.principal;
  const role = stack.appsync.model.roles.find((r) => r.roleArn === principal?.roleArn);
  if (!principal || !role) throw new Error(`no role behind ${credentials.accessKeyId}`);
  return evaluate({ policies: role.policies, action, resource: `arn:aws:s3:::${bucket}/${key}`, context: policyContextFor(principal) }).decision;
}

describe("Function: startLocalStack, transcripts for their owner", () => {
  let stack: LocalStack;
  const s3 = (credentials: TemporaryCredentials | { accessKeyId: string; secretAccessKey: string }) =>
    createS3Client({ endpoint: stack.s3Endpoint, region: stack.region, credentials });

  beforeAll(async () => {
    stack = await startLocalStack({ assemblyDir, retryDelayMs: () => 50 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("copies a finished transcript under its owner's private prefix, where only the owner's role may read it, and the copy starts no app", async () => {
    // Prepare
    const password = 'Transcript-Owner-1!';
    await stack.createUser('ida@example.com', password);
    await stack.createUser('joe@example.com', password);
    const ida = await stack.signIn('ida@example.com', password);
    const joe = await stack.signIn('joe@example.com', password);
    const uploads = stack.buckets.uploads!;
    const key = `private/${ida.identityId}/talks/intro.mp4`;
    const spoken = 'Hello from the intro talk. Thanks for listening.';
    const pipeline = s3({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    const asIda = s3(ida.credentials);
    const feed = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.region, credentials: ida.credentials });
    const transcriptFor = async () =>
      (await feed.query(NotificationsDocument, { after: null })).notifications.items.filter((n) => n.transcriptReady?.mediaKey === key);

    // Act: the upload goes through the deployed rules to start, Transcribe, complete; then the sweep runs on the same job.
    await pipeline.send(new PutObjectCommand({ Bucket: uploads, Key: `${key}.txt`, Body: spoken, ContentType: 'text/plain' }));
    await asIda.send(new PutObjectCommand({ Bucket: uploads, Key: key, Body: makeMp4Header(), ContentType: 'video/mp4' }));
    const deadline = Date.now() + 30_000;
    while ((await transcriptFor()).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
    const [notification] = await transcriptFor();
    const location = notification?.transcriptReady?.transcriptLocation ?? '';
    const copyKey = location.replace(`s3://${uploads}/`, '');
    const swept = await stack.runSchedule(stack.routes.schedules[0]!.name);
    const afterSweep = await transcriptFor();
    const copy = JSON.parse(await (await asIda.send(new GetObjectCommand({ Bucket: uploads, Key: copyKey }))).Body!.transformToString()) as {
      jobName: string;
      results: { transcripts: Array<{ transcript: string }> };
    };
    const copyEvents = stack.bus.history.filter((e: BusEvent) => e.source === 'aws.s3' && (e.detail as { object?: { key?: string } }).object?.key === copyKey);
    pipeline.destroy();
    asIda.destroy();

    // Assess
    expect(location).toMatch(new RegExp(`^s3://${uploads}/private/${ida.identityId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/transcripts/notifier-[A-Za-z0-9._-]+\\.json$`));
    expect(copyKey).toBe(`private/${ida.identityId}/transcripts/${copy.jobName}.json`);
    expect(copy.results.transcripts.map((t) => t.transcript)).toEqual([spoken]);
    expect(swept.map((s) => s.status)).toEqual(['succeeded']);
    expect(afterSweep.map((n) => n.id)).toEqual([notification!.id]);
    // As deployed: the owner reads the copy, another user does not; only complete and sweep write it, and never read it back.
    expect(s3Decision(stack, ida.credentials, 's3:GetObject', uploads, copyKey)).toBe('Allow');
    expect(s3Decision(stack, joe.credentials, 's3:GetObject', uploads, copyKey)).toBe('ImplicitDeny');
    for (const fn of ['video-transcriber-complete', 'video-transcriber-sweep']) {
      expect(s3Decision(stack, stack.functionCredentials.get(fn)!, 's3:PutObject', uploads, copyKey)).toBe('Allow');
      expect(s3Decision(stack, stack.functionCredentials.get(fn)!, 's3:PutObject', uploads, key)).toBe('ImplicitDeny');
      expect(s3Decision(stack, stack.functionCredentials.get(fn)!, 's3:GetObject', uploads, copyKey)).toBe('ImplicitDeny');
    }
    expect(s3Decision(stack, stack.functionCredentials.get('video-transcriber-start')!, 's3:PutObject', uploads, copyKey)).toBe('ImplicitDeny');
    // Written once, by complete, which then tags the job notifier:notified: the sweep skips it without rewriting the
    // copy. The write is an Object Created event on the bus that no deployed rule matches.
    expect(copyEvents).toHaveLength(1);
    for (const event of copyEvents) expect(stack.bus.match(event)).toEqual([]);
  });
});

describe('Function: startLocalStack, scheduled rules', () => {
  it('retries a failing scheduled target per its EventInvokeConfig, then dead-letters the Scheduled Event', async () => {
    // Prepare: nothing listens on port 9, so the sweep cannot reach Transcribe.
    const outcomes: DeliveryOutcome[] = [];
    const stack = await startLocalStack({
      assemblyDir,
      retryDelayMs: () => 10,
      functionEnvironment: { AWS_ENDPOINT_URL_TRANSCRIBE: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
      onDelivery: (outcome) => outcomes.push(outcome),
    });
    try {
      const schedule = stack.routes.schedules[0]!;
      const sweep = stack.functions.get('video-transcriber-sweep')!;

      // Act
      const result = await stack.runSchedule(schedule.name.split('/').pop()!);

      // Assess
      expect(sweep.maximumRetryAttempts).toBe(2);
      expect(result).toEqual([
        { rule: schedule.name, functionName: sweep.functionName, eventId: expect.any(String), attempts: 3, status: 'dead-lettered', error: expect.stringContaining(sweep.functionName) },
      ]);
      expect(outcomes).toEqual(result);
      expect(stack.bus.deadLetters).toHaveLength(1);
      expect(stack.bus.deadLetters[0]!.event).toMatchObject({
        source: 'aws.events',
        'detail-type': 'Scheduled Event',
        account: stack.accountId,
        region: stack.region,
        resources: [schedule.ruleArn],
        detail: {},
      });
      expect(stack.bus.stats.retries).toBe(2);
    } finally {
      await stack.stop();
    }
  });
});

describe('Function: startLocalStack, function-role credentials', () => {
  it('mints each function role’s credentials again before they expire, and later invocations use the new ones', async () => {
    // Prepare: 900 s credentials (the STS minimum) renewed 898 s before they expire: every 2 s.
    const stack = await startLocalStack({ assemblyDir, retryDelayMs: () => 10, functionCredentialLifetimeSeconds: 900, functionCredentialRenewalMarginSeconds: 898 });
    const seen = new Map<string, TemporaryCredentials>();
    const current = () => stack.functionCredentials.get('model-ready-notice')!;
    const watcher = setInterval(() => seen.set(current().accessKeyId, current()), 10);
    const nextGeneration = async (after: string) => {
      const deadline = Date.now() + 10_000;
      while (current().accessKeyId === after && Date.now() < deadline) await new Promise((done) => setTimeout(done, 10));
      return current();
    };
    const trainingCompleted = (name: string) => {
      const event = structuredClone(sagemakerTrainingCompleted) as BusEvent & { detail: { TrainingJobName: string; TrainingJobArn: string } };
      Object.assign(event, { account: stack.accountId, region: stack.region });
      event.detail.TrainingJobName = name;
      event.detail.TrainingJobArn = `arn:aws:sagemaker:${stack.region}:${stack.accountId}:training-job/${name}`;
      return event;
    };
    try {
      const started = new Map(stack.functionCredentials);
      const renewed = await nextGeneration(started.get('model-ready-notice')!.accessKeyId);
      // A warm worker with the credentials of this generation.
      const [warm] = await stack.bus.put(trainingCompleted(`churn-renewal-warm-${renewed.accessKeyId}`));
      const later = await nextGeneration(renewed.accessKeyId);

      // Act: every earlier generation stops working, as expired credentials do.
      for (const [accessKeyId] of seen) if (accessKeyId !== current().accessKeyId) stack.appsync.credentials.revoke(accessKeyId);
      const [afterRenewal] = await stack.bus.put(trainingCompleted(`churn-renewal-after-${later.accessKeyId}`));

      // Assess
      expect(warm).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(afterRenewal).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(seen.size).toBeGreaterThanOrEqual(2);
      for (const [key, first] of started) {
        const now = stack.functionCredentials.get(key)!;
        expect(now.accessKeyId).not.toBe(first.accessKeyId);
        expect(now.expiration.getTime()).toBeGreaterThan(first.expiration.getTime());
        expect(now.expiration.getTime() - Date.now()).toBeGreaterThan(890_000);
        expect(stack.appsync.credentials.lookup(now.accessKeyId)?.principal.roleArn).toBe(stack.functions.get(key)!.roleArn);
      }
      expect(later.expiration.getTime()).toBeGreaterThan(renewed.expiration.getTime());
      expect(stack.bus.deadLetters).toEqual([]);
    } finally {
      clearInterval(watcher);
      await stack.stop();
    }
  });

  it('refuses a credential lifetime STS would refuse, or a renewal margin not shorter than the lifetime', async () => {
    // Act + Assess
    await expect(startLocalStack({ assemblyDir, functionCredentialLifetimeSeconds: 600 })).rejects.toThrow('functionCredentialLifetimeSeconds must be an integer from 900 to 43200 (as STS), got 600');
    await expect(startLocalStack({ assemblyDir, functionCredentialLifetimeSeconds: 900, functionCredentialRenewalMarginSeconds: 900 })).rejects.toThrow(
      'functionCredentialRenewalMarginSeconds must be more than 0 and less than functionCredentialLifetimeSeconds (900), got 900',
    );
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
