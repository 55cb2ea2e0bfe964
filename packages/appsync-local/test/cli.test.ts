import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { synthesizedAssemblyDir } from '../testing';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signedGraphQL } from './helpers/signing';

/** Runs the CLI; `next()` resolves with each JSON document it prints, `stderr()` with what it wrote there. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, [path.join(__dirname, '../bin/appsync-local.cjs'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const lines = createInterface({ input: child.stdout });
  let block = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const onLine = (line: string) => {
        block += `${line}\n`;
        try {
          JSON.parse(block);
        } catch {
          return;
        }
        lines.off('line', onLine);
        const done = block;
        block = '';
        resolve(done);
      };
      lines.on('line', onLine);
    });
  return { child, exited, next, stderr: () => errors };
}

describe('CLI: appsync-local', () => {
  it('prints endpoints and minted credentials, mints more on request and stops on quit', async () => {
    // Prepare
    const { child, exited, next } = runCli(['--assembly', synthesizedAssemblyDir(), '--no-tls', '--mint', 'post-auth']);

    // Act
    const started = JSON.parse(await next()) as {
      graphqlUrl: string;
      region: string;
      tlsGraphqlUrl?: string;
      credentials: { role: string; accessKeyId: string; secretAccessKey: string; sessionToken: string }[];
    };
    const pending = next();
    child.stdin.write('mint image-tagger\n');
    const minted = JSON.parse(await pending) as { role: string; roleArn: string };
    const call = await signedGraphQL(started.graphqlUrl, started.credentials[0]!, started.region, {
      query: 'mutation { addUser(userId: "cli-user", userDetails: { displayName: "C" }) { id displayName } }',
    });
    child.stdin.write('quit\n');
    const code = await exited;

    // Assess
    expect(started.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(started.tlsGraphqlUrl).toBeUndefined();
    expect(started.credentials[0]!.role).toBe('post-auth');
    expect(minted.role).toBe('image-tagger');
    expect(minted.roleArn).toMatch(/^arn:aws:iam::000000000000:role\//);
    expect(call).toEqual({ status: 200, body: { data: { addUser: { id: 'cli-user', displayName: 'C' } } } });
    expect(code).toBe(0);
  });

  it('passes --connection-timeout-ms, --keep-alive-interval-ms and --max-realtime-message-bytes to the real-time endpoint', async () => {
    // Prepare
    const { child, exited, next } = runCli([
      '--assembly', synthesizedAssemblyDir(), '--no-tls', '--mint', 'post-auth',
      '--connection-timeout-ms', '4000', '--keep-alive-interval-ms', '1000', '--max-realtime-message-bytes', '2048',
    ]);
    const started = JSON.parse(await next()) as {
      graphqlUrl: string;
      realtimeUrl: string;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }[];
    };
    const client = await RealtimeTestClient.open({ realtimeUrl: started.realtimeUrl, graphqlUrl: started.graphqlUrl, credentials: started.credentials[0]!, region: started.region });

    // Act
    const ack = await client.init();
    client.send({ type: 'start', id: 'big', payload: { data: 'x'.repeat(2048) } });
    const closed = await client.closed;
    child.stdin.write('quit\n');
    const code = await exited;

    // Assess
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 4000 } });
    expect(closed.code).toBe(1009);
    expect(code).toBe(0);
  });

  it.each([
    [['--connection-timeout-ms', '2.5'], '--connection-timeout-ms must be a positive integer of milliseconds, got 2.5'],
    [['--connection-timeout-ms', 'soon'], '--connection-timeout-ms must be a number, got "soon"'],
    [['--connection-timeout-ms', '30000'], '--connection-timeout-ms (30000) must exceed --keep-alive-interval-ms (60000)'],
    [['--connection-timeout-ms', '5000', '--keep-alive-interval-ms', '5000'], '--connection-timeout-ms (5000) must exceed --keep-alive-interval-ms (5000)'],
    [['--keep-alive-interval-ms=-1'], '--keep-alive-interval-ms must be a positive integer of milliseconds, got -1'],
    [['--max-realtime-message-bytes', '0'], '--max-realtime-message-bytes must be a positive integer of bytes, got 0'],
    [['--max-realtime-message-bytes', ''], '--max-realtime-message-bytes must be a number, got ""'],
  ])('refuses %j with a message naming the flag, before reading the template', async (flags, message) => {
    // Prepare: an assembly that does not exist, so only the flag check can answer
    const { exited, stderr } = runCli(['--assembly', path.join(__dirname, 'no-such-assembly'), ...flags]);

    // Act
    const code = await exited;

    // Assess
    expect(code).toBe(1);
    expect(stderr()).toContain(message);
  });
});
