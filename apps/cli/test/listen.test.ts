import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { eventually } from '@notifier/appsync-local/testing';
// The scripted AppSync peer of the client's protocol tests: a real WebSocket server that verifies signatures.
import { AppSyncPeer, notification, PEER_REGION } from '@notifier/client/testing';
import { main, type MainIo } from '../src/main';

const CREDENTIALS = { accessKeyId: 'ASIACLITESTKEY00001', secretAccessKey: 'cli/secret/0123456789abcdefghijklmn', sessionToken: 'cli-token' };

interface Captured extends MainIo {
  out: string[];
  err: string[];
  signals: EventEmitter & MainIo['signals'];
}

function capture(env: Record<string, string>): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const collect = (into: string[]) => ({ write: (text: string) => into.push(...text.split('\n').filter((l) => l !== '')) });
  return { env, stdout: collect(out), stderr: collect(err), signals: new EventEmitter() as Captured['signals'], out, err };
}

describe('Function: main (notifier listen against a scripted AppSync peer)', () => {
  let peer: AppSyncPeer;
  const env = { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_SESSION_TOKEN: CREDENTIALS.sessionToken };

  beforeEach(async () => {
    peer = await new AppSyncPeer().start();
    peer.allow(CREDENTIALS);
  });

  afterEach(async () => {
    await peer.stop();
  });

  it('prints only the chosen kinds as JSON lines and exits 0 on SIGINT with the resume cursor', async () => {
    // Prepare
    const io = capture(env);
    const model = notification('MODEL_READY');

    // Act
    const exit = main(['listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION, '--json', '--kind', 'MODEL_READY'], io);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    for (const n of [notification('IMAGE_TAGGED'), model, notification('PODCAST_PUBLISHED')]) connection.sendNotification(start, n);
    await eventually(() => io.out.some((l) => l.includes('"type":"notification"')), { what: 'the notification line' });
    io.signals.emit('SIGINT');
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    const lines = io.out.map((l) => JSON.parse(l) as { type: string; notification?: unknown; state?: string; cursor?: unknown });
    expect(lines.filter((l) => l.type === 'notification')).toEqual([
      expect.objectContaining({ type: 'notification', source: 'live', notification: model }),
    ]);
    expect(lines.filter((l) => l.type === 'status').map((l) => l.state)).toEqual(['connecting', 'connected']);
    expect(lines.at(-1)).toMatchObject({ type: 'stopped', cursor: null });
    expect(io.signals.listenerCount('SIGINT')).toBe(0);
    await eventually(() => connection.closed, { what: 'the socket to close' });
  });

  it('prints every kind for people, unknown ones included, with status on stderr', async () => {
    // Prepare
    const io = capture(env);
    const unknown = notification('PODCAST_PUBLISHED');

    // Act
    const exit = main(['listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION], io);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    connection.sendNotification(start, notification('DATASET_REFRESHED'));
    connection.sendNotification(start, unknown);
    await eventually(() => io.out.length === 2, { what: 'two lines' });
    io.signals.emit('SIGTERM');
    const code = await exit;

    // Assess
    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/^\d\d:\d\d:\d\d {2}DATASET_REFRESHED {2}dataset orders v42 refreshed \(1,200 records\)$/);
    expect(io.out[1]).toContain(`PODCAST_PUBLISHED  broadcast notification ${unknown.id}`);
    expect(io.err[0]).toContain(`listening as access key ASIA…0001 on ${peer.graphqlUrl}`);
    expect(io.err).toEqual(expect.arrayContaining(['notifier: connected', 'notifier: listening (Ctrl-C to stop)']));
  });

  it('exits 1 with the reason when AppSync refuses the connection for good', async () => {
    // Prepare
    const io = capture(env);

    // Act
    const exit = main(['listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION], io);
    const connection = await peer.connection(0);
    await connection.next('connection_init');
    connection.send({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', errorCode: 401, message: 'You are not authorized' }] } });
    const code = await exit;

    // Assess
    expect(code).toBe(1);
    expect(io.err.join('\n')).toContain('NotifierConnectionError: AppSync refused the real-time connection: UnauthorizedException 401 You are not authorized');
  });

  it('exits 2 with a clear message for bad flags', async () => {
    // Prepare
    const io = capture(env);

    // Act
    const code = await main(['listen', '--kind', 'model_ready'], io);

    // Assess
    expect(code).toBe(2);
    expect(io.err).toEqual(['notifier: --kind "model_ready" is not a notification kind (UPPER_SNAKE_CASE, e.g. IMAGE_TAGGED)']);
  });

  it('exits 2 without a resume hint when AppSync refuses the --after cursor', async () => {
    // Prepare
    const io = capture(env);

    // Act
    const exit = main(['listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION, '--after', 'garbage'], io);
    const connection = await peer.connection(0);
    await connection.ack();
    await connection.acceptStart(peer);
    const code = await exit;

    // Assess
    expect(code).toBe(2);
    expect(io.err).toContain(
      'notifier: --after: not a valid cursor (AppSync refused the catch-up query: ValidationError: after is not a cursor returned by notifications)',
    );
    expect(io.err.join('\n')).not.toContain('resume with --after');
    expect(io.err.at(-1)).toBe('notifier: stopped');
    await eventually(() => connection.closed, { what: 'the socket to close' });
  });

  it.each<[string, string, number, string[]]>([
    ['exits 0 and writes nothing more when the reader of stdout goes away (EPIPE)', 'EPIPE', 0, []],
    ['exits 1 with the reason when stdout fails otherwise', 'EIO', 1, ['notifier: cannot write to stdout: write EIO']],
  ])('%s', async (_name, errorCode, expected, messages) => {
    // Prepare
    const io = capture(env);
    const stdout = Object.assign(new EventEmitter(), io.stdout);
    const failure = Object.assign(new Error(`write ${errorCode}`), { code: errorCode });

    // Act
    const exit = main(['listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION, '--json'], { ...io, stdout });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => io.out.some((l) => l.includes('"type":"subscribed"')), { what: 'the subscribed line' });
    const written = io.out.length;
    stdout.emit('error', failure);
    connection.sendNotification(start, notification('MODEL_READY'));
    const code = await exit;

    // Assess
    expect(code).toBe(expected);
    expect(io.out).toHaveLength(written);
    expect(io.err).toEqual(expect.arrayContaining(messages));
    await eventually(() => connection.closed, { what: 'the socket to close' });
  });

  it('ends quietly with exit code 0 when its output is piped into a reader that stops after one line', async () => {
    // Prepare
    const bin = path.resolve(__dirname, '../bin/notifier.js');
    const child = spawn(process.execPath, [bin, 'listen', '--graphql-url', peer.graphqlUrl, '--region', PEER_REGION, '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

    // Act: like `| head -1`, the reader closes its end after the first line.
    const firstLine = new Promise<void>((done) => child.stdout.once('data', () => done()));
    await firstLine;
    child.stdout.destroy();
    const connection = await peer.connection(0);
    await connection.ack();
    const code = await exited;

    // Assess
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});
