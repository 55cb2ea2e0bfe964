import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client } from '@notifier/aws-standins';
import { createNotifierClient, type Notification, type UserUpdate } from '@notifier/client';
import WebSocket from 'ws';
import { completedTrainingJobDetail, makeMp4Header, makePng } from './demo-media';
import type { BusEvent } from './event-router';
import type { LocalStack } from './stack';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** A running local stack. */
  stack: LocalStack;
  /**
   * Where the demo prints its lines.
   * @default console.log
   */
  print?: (line: string) => void;
  /**
   * Called about every 250 ms while waiting, with what is still missing (for a progress line).
   * @default none
   */
  onProgress?: (waitingFor: string[], elapsedMs: number) => void;
  /**
   * How long every expected notification may take to arrive.
   * @default 45_000
   */
  timeoutMs?: number;
  /**
   * How long to keep listening after the last expected arrival, to catch duplicates.
   * @default 1_500
   */
  graceMs?: number;
  /**
   * Replay every trigger event and sign in again afterwards, expecting no new notification.
   * @default true
   */
  replay?: boolean;
  /**
   * Expect the user update exactly once (it has no catch-up: with dropped real-time connections it may
   * be missed, so fault-injection runs only require "at most once").
   * @default true
   */
  requireUserUpdate?: boolean;
}

/** One expected arrival, as the demo saw it. */
export interface DemoArrival {
  label: string;
  kind: string;
  id: string;
  latencyMs: number;
  via: string;
}

/** What a demo run showed. */
export interface DemoResult {
  ok: boolean;
  /** Why the run failed (empty when ok). */
  problems: string[];
  arrivals: DemoArrival[];
  /** Requests the local AppSync answered with an injected 5xx/429, and real-time connections it dropped. */
  injectedFaults: { errors: number; throttles: number; droppedConnections: number };
  /** Lambda invocations retried by asynchronous invocation, and deliveries dead-lettered. */
  invocationRetries: number;
  deadLettered: number;
  /** Times the client lost its real-time connection and reconnected. */
  reconnects: number;
  /** Trigger events replayed (and sign-ins repeated) after the run. */
  replayed: number;
  elapsedMs: number;
}

interface Expectation {
  label: string;
  kind: string;
  matches: (n: Notification | UserUpdate, kind: string) => boolean;
  firedAt?: number;
  arrivals: DemoArrival[];
  required: boolean;
}

const PASSWORD_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Runs notifier's main job against a local stack: signs a user in and subscribes to every notification
 * kind and to user updates, then fires each trigger the way production does (a first sign-in through
 * the user pool's PostAuthentication trigger, an image and a video uploaded to the user's
 * `private/<identityId>/`, a transcription that completes, a bulk-load manifest, a SageMaker
 * training-completed event) and checks that each expected notification arrives exactly once, then that
 * replaying every trigger adds none.
 *
 * @example
 * const result = await runDemo({ stack });
 * process.exitCode = result.ok ? 0 : 1;
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { stack } = options;
  const print = options.print ?? ((line: string) => console.log(line));
  const timeoutMs = options.timeoutMs ?? 45_000;
  const graceMs = options.graceMs ?? 1_500;
  const started = Date.now();
  const run = randomBytes(3).toString('hex');
  const password = `Demo-${Array.from(randomBytes(12), (b) => PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length]).join('')}-9!`;
  const problems: string[] = [];
  const retriesBefore = countRetries(stack);

  // 1. A signed-in user, subscribed to every notification kind and to user updates.
  const ada = `ada.${run}@example.com`;
  await stack.createUser(ada, password, { name: 'Ada Lovelace' });
  const session = await stack.signIn(ada, password);
  print(`signed in ${ada} (identity ${session.identityId})`);

  const expectations: Expectation[] = [];
  const unexpected: string[] = [];
  let reconnects = 0;
  const client = createNotifierClient({
    graphqlUrl: stack.appsync.graphqlUrl,
    region: stack.region,
    credentials: session.credentials,
    WebSocket: WebSocket as never,
  });
  const onArrival = (n: Notification | UserUpdate, kind: string, via: string) => {
    const expectation = expectations.find((e) => e.kind === kind && e.matches(n, kind));
    if (!expectation) {
      unexpected.push(`${kind} ${n.id}`);
      print(`  unexpected ${kind} ${n.id}`);
      return;
    }
    const latencyMs = Date.now() - (expectation.firedAt ?? started);
    expectation.arrivals.push({ label: expectation.label, kind, id: n.id, latencyMs, via });
    const again = expectation.arrivals.length > 1 ? '  (DUPLICATE)' : '';
    print(`  ✓ ${kind.padEnd(18)} ${describe(n, kind)}  ${latencyMs} ms end to end, via ${via}${again}`);
  };
  const live = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the subscription did not start within 10 s')), 10_000);
    client.subscribe({
      onNotification: (n, meta) => onArrival(n, n.kind, meta.source),
      onUserUpdate: (u) => onArrival(u, 'USER_UPDATE', 'live'),
      onSubscribed: ({ reconnect }) => {
        if (!reconnect) {
          clearTimeout(timer);
          resolve();
        }
      },
      onStatus: (status) => {
        if (status.state === 'disconnected') {
          reconnects += 1;
          print(`  … real-time connection lost (${status.reason ?? 'no reason'}); reconnecting in ${status.retryInMs ?? 0} ms`);
        }
      },
      onError: () => undefined,
    });
  });
  try {
    await live;
    print('subscribed to every notification kind and to user updates\n');

    // 2. Fire every trigger the way production does.
    const s3 = createS3Client({ endpoint: stack.s3Endpoint, region: stack.region, credentials: session.credentials });
    // s3rver's own credentials, for what the data pipeline writes (the video's transcript sidecar, the bulk-load manifest).
    const pipeline = createS3Client({ endpoint: stack.s3Endpoint, region: stack.region });
    const grace = `grace.${run}@example.com`;
    const graceName = `Grace Hopper ${run}`;
    const imageKey = `private/${session.identityId}/demo ${run}/beach photo.png`;
    const videoKey = `private/${session.identityId}/demo ${run}/welcome clip.mp4`;
    const dataset = `demo-sales-${run}`;
    const model = `churn-${run}`;

    const fire = async (expectation: Omit<Expectation, 'arrivals' | 'firedAt'>, action: () => Promise<unknown>) => {
      const entry: Expectation = { ...expectation, arrivals: [] };
      expectations.push(entry);
      entry.firedAt = Date.now();
      print(`→ ${expectation.label}`);
      await action();
    };

    await fire(
      {
        label: `first sign-in of ${grace}: the PostAuthentication trigger runs post-auth`,
        kind: 'USER_UPDATE',
        matches: (n) => (n as UserUpdate).displayName === graceName,
        required: options.requireUserUpdate ?? true,
      },
      async () => {
        await stack.createUser(grace, password, { name: graceName });
        await stack.signIn(grace, password);
      },
    );
    await fire(
      { label: 'image uploaded to private/<identityId>/: image-tagger asks Rekognition', kind: 'IMAGE_TAGGED', matches: (n) => (n as Notification).imageTagged?.key === imageKey, required: true },
      () =>
        s3.send(
          new PutObjectCommand({
            Bucket: stack.buckets.uploads,
            Key: imageKey,
            Body: makePng(96, 64, (x, y) => (y < 40 ? [40, 110, 220] : x % 7 === 0 ? [250, 250, 245] : [230, 200, 120])),
            ContentType: 'image/png',
          }),
        ),
    );
    await fire(
      { label: 'video uploaded to private/<identityId>/: video-transcriber starts a Transcribe job', kind: 'TRANSCRIPT_READY', matches: (n) => (n as Notification).transcriptReady?.mediaKey === videoKey, required: true },
      async () => {
        await pipeline.send(
          new PutObjectCommand({ Bucket: stack.buckets.uploads, Key: `${videoKey}.txt`, Body: 'Welcome to notifier. Every result reaches you the moment it is ready.', ContentType: 'text/plain' }),
        );
        await s3.send(new PutObjectCommand({ Bucket: stack.buckets.uploads, Key: videoKey, Body: makeMp4Header(), ContentType: 'video/mp4' }));
      },
    );
    await fire(
      { label: 'bulk-load manifest lands: bulk-load-notice broadcasts the refresh', kind: 'DATASET_REFRESHED', matches: (n) => (n as Notification).datasetRefreshed?.dataset === dataset, required: true },
      () =>
        pipeline.send(
          new PutObjectCommand({
            Bucket: stack.buckets.data,
            Key: `${dataset}/2026-11-27/manifest.json`,
            Body: JSON.stringify({ recordCount: 125_000, completedAt: new Date().toISOString() }),
            ContentType: 'application/json',
          }),
        ),
    );
    await fire(
      { label: 'SageMaker training job completed: model-ready-notice broadcasts the model', kind: 'MODEL_READY', matches: (n) => (n as Notification).modelReady?.modelName === model, required: true },
      () => stack.bus.putEvent({ source: 'aws.sagemaker', detailType: 'SageMaker Training Job State Change', detail: completedTrainingJobDetail(stack, model, run) }, { region: stack.region, accountId: stack.accountId }),
    );
    print('');

    // 3. Wait until every expected notification arrived, then a little longer for duplicates.
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && expectations.some((e) => e.required && e.arrivals.length === 0)) {
      options.onProgress?.(expectations.filter((e) => e.required && e.arrivals.length === 0).map((e) => e.kind), Date.now() - started);
      await sleep(250);
    }
    await sleep(graceMs);

    // 4. Replays: the same S3 events, the same SageMaker event, the same Transcribe event, a repeated sign-in.
    let replayed = 0;
    if (options.replay ?? true) {
      const before = expectations.reduce((sum, e) => sum + e.arrivals.length, 0) + unexpected.length;
      const ours = stack.bus.history.filter((event) => JSON.stringify(event.detail).includes(run));
      print(`replaying ${ours.length} trigger events and repeating a sign-in: expecting no new notification`);
      for (const event of ours) {
        await stack.bus.put(structuredClone(event) as BusEvent);
        replayed += 1;
      }
      await stack.signIn(grace, password);
      replayed += 1;
      await stack.transcribe.idle();
      await sleep(graceMs);
      const after = expectations.reduce((sum, e) => sum + e.arrivals.length, 0) + unexpected.length;
      if (after !== before) problems.push(`replaying the triggers added ${after - before} notification(s)`);
      else print('  ✓ no new notification\n');
    }

    for (const e of expectations) {
      if (e.arrivals.length === 0 && e.required) problems.push(`${e.kind} never arrived (${e.label})`);
      if (e.arrivals.length > 1) problems.push(`${e.kind} arrived ${e.arrivals.length} times (${e.label})`);
    }
    if (unexpected.length > 0) problems.push(`unexpected notifications: ${unexpected.join(', ')}`);
    for (const letter of stack.bus.deadLetters) problems.push(`dead-lettered after ${letter.attempts} attempts: ${letter.error}`);
    for (const failure of stack.triggerFailures) problems.push(`user-pool trigger failed (Cognito would refuse the sign-in): ${failure.error}`);

    const retries = countRetries(stack);
    return {
      ok: problems.length === 0,
      problems,
      arrivals: expectations.flatMap((e) => e.arrivals),
      injectedFaults: { errors: stack.appsync.faults.errors, throttles: stack.appsync.faults.throttles, droppedConnections: stack.appsync.faults.drops },
      invocationRetries: retries.retries - retriesBefore.retries,
      deadLettered: stack.bus.deadLetters.length,
      reconnects,
      replayed,
      elapsedMs: Date.now() - started,
    };
  } finally {
    client.close();
  }
}

function countRetries(stack: LocalStack): { retries: number } {
  return { retries: stack.bus.stats.retries };
}


function describe(n: Notification | UserUpdate, kind: string): string {
  const note = n as Notification;
  switch (kind) {
    case 'IMAGE_TAGGED':
      return `${note.imageTagged?.status}: ${(note.imageTagged?.labels ?? []).slice(0, 4).map((l) => `${l.name} ${Math.round(l.confidence)}%`).join(', ')}`;
    case 'TRANSCRIPT_READY':
      return `${note.transcriptReady?.status} (${note.transcriptReady?.languageCode}): "${(note.transcriptReady?.excerpt ?? '').slice(0, 48)}…"`;
    case 'DATASET_REFRESHED':
      return `${note.datasetRefreshed?.dataset} v${note.datasetRefreshed?.version}, ${note.datasetRefreshed?.recordCount} records`;
    case 'MODEL_READY':
      return `${note.modelReady?.modelName} v${note.modelReady?.version}, ${(note.modelReady?.metrics ?? []).map((m) => `${m.name}=${m.value}`).join(' ')}`;
    case 'USER_UPDATE':
      return `${(n as UserUpdate).displayName} signed in for the first time`;
    default:
      return n.id;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
