import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ContractInUseError } from '../src/errors';
import { assertContractFree, contractFilePath, writeContractFile } from '../scripts/support';

const CHILD = resolve(__dirname, 'fixtures/cleanup-child.ts');

/** Runs the clean-up child to its end; `signal` is sent once it is ready. */
function runChild(how: string, marker: string, signal?: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, how, marker], { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      if (signal && chunk.toString('utf8').includes('ready')) child.kill(signal);
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stderr }));
  });
}

/** A process id that was just in use and no longer is. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((done) => child.on('exit', done));
  return child.pid as number;
}

describe('Function: runCleanupOnExit', () => {
  let dir: string;
  let marker: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notifier-cleanup-'));
    marker = join(dir, 'cleanup.log');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string, NodeJS.Signals | undefined, number, RegExp | undefined]>([
    ['an unhandled rejection, exiting 1', 'rejection', undefined, 1, /child: unhandled rejection: Error: bad request/],
    ['an uncaught exception, exiting 1', 'exception', undefined, 1, /child: uncaught exception: URIError: URI malformed/],
    ['SIGINT, exiting 130', 'signal', 'SIGINT', 130, undefined],
    ['SIGTERM, exiting 143', 'signal', 'SIGTERM', 143, undefined],
    ['exit(0) called twice, exiting 0', 'exit', undefined, 0, undefined],
  ])('cleans up once on %s', async (_name, how, signal, expected, logged) => {
    // Act
    const { code, stderr } = await runChild(how, marker, signal);

    // Assess
    expect(code).toBe(expected);
    expect(readFileSync(marker, 'utf8')).toBe('first step\nsecond step\n');
    if (logged) expect(stderr).toMatch(logged);
  });

  it('runs every step and exits 1 when a clean-up step fails', async () => {
    // Act
    const { code, stderr } = await runChild('failing-cleanup', marker);

    // Assess
    expect(code).toBe(1);
    expect(readFileSync(marker, 'utf8')).toBe('first step\nsecond step\n');
    expect(stderr).toContain('child: cleaning up failed: Error: cannot stop');
  });
});

describe('Function: writeContractFile', () => {
  let root: string;
  let file: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'notifier-contract-'));
    file = contractFilePath(root);
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('writes the contract with its pid and removes it on stop', () => {
    // Act
    const remove = writeContractFile(root, { graphqlUrl: 'http://127.0.0.1:1/graphql' });
    const written = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    remove();

    // Assess
    expect(written).toEqual({ graphqlUrl: 'http://127.0.0.1:1/graphql', pid: process.pid });
    expect(existsSync(file)).toBe(false);
  });

  it('rewrites its own contract (fresh credentials)', () => {
    // Prepare
    writeContractFile(root, { version: 1 });

    // Act
    writeContractFile(root, { version: 2 });

    // Assess
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 2, pid: process.pid });
  });

  it('refuses to replace the contract of a live process, naming it and the file', async () => {
    // Prepare
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'ignore' });
    const exited = new Promise((done) => other.on('exit', done));
    mkdirSync(join(root, '.notifier'));
    writeFileSync(file, JSON.stringify({ graphqlUrl: 'http://127.0.0.1:2/graphql', pid: other.pid }));

    try {
      // Act
      const attempt = () => writeContractFile(root, { graphqlUrl: 'http://127.0.0.1:1/graphql' });

      // Assess
      expect(attempt).toThrow(ContractInUseError);
      expect(attempt).toThrow(`another local stack is running (process ${other.pid} wrote ${file}): stop it first`);
      expect(() => assertContractFree(root)).toThrow(ContractInUseError);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: other.pid });
    } finally {
      other.kill();
      await exited;
    }
  });

  it('takes over a contract left by a process that is gone', async () => {
    // Prepare
    mkdirSync(join(root, '.notifier'));
    writeFileSync(file, JSON.stringify({ graphqlUrl: 'http://127.0.0.1:2/graphql', pid: await deadPid() }));

    // Act
    writeContractFile(root, { graphqlUrl: 'http://127.0.0.1:1/graphql' });

    // Assess
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ graphqlUrl: 'http://127.0.0.1:1/graphql', pid: process.pid });
  });

  it('leaves the file alone on stop when another process has written it since', async () => {
    // Prepare
    const remove = writeContractFile(root, { graphqlUrl: 'http://127.0.0.1:1/graphql' });
    const newer = JSON.stringify({ graphqlUrl: 'http://127.0.0.1:2/graphql', pid: await deadPid() });
    writeFileSync(file, newer);

    // Act
    remove();

    // Assess
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });
});
