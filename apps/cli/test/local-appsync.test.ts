// End to end: `notifier listen` against the local AppSync serving the synthesized template.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, signedInUser, startLocalAppSyncStack, type LocalAppSyncStack, type SignedInUser } from '@notifier/appsync-local/testing';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyImageTaggedDocument, NotifyModelReadyDocument } from '@notifier/schema';
import { main, type MainIo } from '../src/main';

function capture(env: Record<string, string>): MainIo & { out: string[]; err: string[]; signals: EventEmitter & MainIo['signals'] } {
  const out: string[] = [];
  const err: string[] = [];
  const collect = (into: string[]) => ({ write: (text: string) => into.push(...text.split('\n').filter((l) => l !== '')) });
  return { env, stdout: collect(out), stderr: collect(err), signals: new EventEmitter() as EventEmitter & MainIo['signals'], out, err };
}

describe('Function: main (notifier listen against the local AppSync)', () => {
  let stack: LocalAppSyncStack;
  let alice: SignedInUser;
  let dir: string;
  let sequence = 0;

  const publish = async (kind: 'image' | 'model'): Promise<string> => {
    sequence += 1;
    const key = `${kind}-${sequence}-${Date.now()}`;
    if (kind === 'image') {
      const signer = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('image-tagger') });
      const r = await signer.mutate(NotifyImageTaggedDocument, {
        input: { idempotencyKey: key, ownerId: alice.identityId, bucket: 'media', key: `private/${alice.identityId}/a.jpg`, status: 'TAGGED', labels: [{ name: 'Dog', confidence: 97.25 }] },
      });
      if (r.outcome !== 'delivered' || !r.data.notifyImageTagged) throw new Error('not delivered');
      return r.data.notifyImageTagged.id;
    }
    const signer = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('model-ready-notice') });
    const r = await signer.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: key, modelName: 'churn', version: 'v1', artifactLocation: 's3://m/churn.tar.gz', metrics: [] },
    });
    if (r.outcome !== 'delivered' || !r.data.notifyModelReady) throw new Error('not delivered');
    return r.data.notifyModelReady.id;
  };

  beforeAll(async () => {
    stack = await startLocalAppSyncStack();
    alice = signedInUser(stack.appsync, 1);
  }, 180_000);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'notifier-cli-e2e-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('prints the chosen kind as JSON lines with credentials from the environment', async () => {
    // Prepare
    const io = capture({
      AWS_ACCESS_KEY_ID: alice.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: alice.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: alice.credentials.sessionToken,
    });

    // Act
    const exit = main(['listen', '--graphql-url', stack.appsync.graphqlUrl, '--region', stack.appsync.region, '--json', '--kind', 'IMAGE_TAGGED'], io);
    await eventually(() => io.out.some((l) => l.includes('"type":"subscribed"')), { what: 'the subscription' });
    await publish('model');
    const imageId = await publish('image');
    await eventually(() => io.out.some((l) => l.includes(imageId)), { what: 'the image notification' });
    io.signals.emit('SIGINT');
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    const notifications = io.out.map((l) => JSON.parse(l)).filter((l) => l.type === 'notification');
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ source: 'live', notification: { id: imageId, kind: 'IMAGE_TAGGED', ownerId: alice.identityId } });
    expect(JSON.parse(io.out.at(-1) as string)).toMatchObject({ type: 'stopped', cursor: expect.any(String) });
  });

  it('runs as a process that prints as notifications arrive and exits 0 by itself on SIGINT', async () => {
    // Prepare
    const child = spawn(process.execPath, [path.resolve(__dirname, '../bin/notifier.js'), 'listen', '--json', '--graphql-url', stack.appsync.graphqlUrl, '--region', stack.appsync.region], {
      env: {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: alice.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: alice.credentials.secretAccessKey,
        AWS_SESSION_TOKEN: alice.credentials.sessionToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // Act
    await eventually(() => lines.some((l) => l.includes('"type":"subscribed"')), { what: 'the subscription', timeoutMs: 30_000 });
    const id = await publish('image');
    await eventually(() => lines.some((l) => l.includes(id)), { what: 'the notification' });
    child.kill('SIGINT');
    const code = await exited;

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ type: 'stopped', cursor: expect.any(String) });
    expect(stderr).not.toMatch(/Error/);
  });

  it('reads endpoint and credentials from the local stack file with --local and prints for people', async () => {
    // Prepare
    const file = path.join(dir, 'local-stack.json');
    writeFileSync(
      file,
      JSON.stringify({
        region: stack.appsync.region,
        graphqlUrl: stack.appsync.graphqlUrl,
        realtimeUrl: stack.appsync.realtimeUrl,
        credentials: { authRole: { ...alice.credentials, expiration: alice.credentials.expiration.toISOString(), identityId: alice.identityId } },
      }),
    );
    const io = capture({});

    // Act
    const exit = main(['listen', '--local-stack-file', file], io);
    await eventually(() => io.err.some((l) => l.includes('listening (Ctrl-C to stop)')), { what: 'the subscription' });
    const modelId = await publish('model');
    await eventually(() => io.out.length === 1, { what: 'the model notification' });
    io.signals.emit('SIGINT');
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/^\d\d:\d\d:\d\d {2}MODEL_READY {8}model churn v1 is ready s3:\/\/m\/churn\.tar\.gz$/);
    expect(io.err[0]).toContain(`listening as the local stack's test user (identity ${alice.identityId})`);
    expect(modelId).toEqual(expect.any(String));
  });
});
