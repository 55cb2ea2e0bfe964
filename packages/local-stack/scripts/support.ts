// What the local stack's command-line scripts share.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ContractInUseError } from '../src/errors';

/** The repository root (this package is `packages/local-stack`). */
export function repositoryRoot(): string {
  return resolve(__dirname, '../../..');
}

// What the synthesized template is made from: infra, the resolvers, the schema and every app's sources.
const SYNTH_INPUTS = ['infra/bin', 'infra/lib', 'schema/schema.graphql', 'schema/resolvers', 'apps', 'packages/lambda-kit/src', 'packages/mutation-signer/src'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name === 'test' || name === 'web') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** Synthesizes `infra/cdk.out` when it is missing or older than what it is made from. */
export function ensureSynthesized(root: string, assemblyDir: string): void {
  const manifest = join(assemblyDir, 'manifest.json');
  const newest = Math.max(...SYNTH_INPUTS.map((p) => newestMtime(join(root, p))));
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest) return;
  console.log('the synthesized template is missing or stale: running `pnpm synth` first');
  execFileSync('pnpm', ['--filter', '@notifier/infra', 'synth'], { cwd: root, stdio: 'inherit' });
}

// Lambda runs Node.js 22+; the AWS SDK's warning about this machine's Node.js 20 is noise here. Set before
// any SDK module loads (this module is imported first).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Where `pnpm dev` and `pnpm demo` write the contract for tools outside the project. */
export function contractFilePath(root: string): string {
  return join(root, '.notifier', 'local-stack.json');
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `pid` recorded in a contract file, or undefined when the file is missing, unreadable or has none. */
function contractOwner(file: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    // Missing or half-readable: nobody holds it.
    return undefined;
  }
}

/**
 * Throws {@link ContractInUseError} when the contract file names a live process other than this one. A file
 * left by a process that is gone is taken over.
 */
export function assertContractFree(root: string): void {
  const file = contractFilePath(root);
  const owner = contractOwner(file);
  if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) throw new ContractInUseError(file, owner);
}

/**
 * Writes `.notifier/local-stack.json` at the repository root with this process's id in `pid`; returns a
 * function that removes it, only while it still names this process. Throws {@link ContractInUseError} when a
 * live process other than this one holds the file.
 */
export function writeContractFile(root: string, contract: object): () => void {
  assertContractFree(root);
  const file = contractFilePath(root);
  mkdirSync(dirname(file), { recursive: true });
  // Written aside and renamed: a tool re-reading the file (fresh credentials) never sees half of it.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify({ ...contract, pid: process.pid }, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
  return () => {
    if (contractOwner(file) === process.pid) rmSync(file, { force: true });
  };
}

/**
 * Wraps clean-up steps so that they run once however often the result is called, each step even when an
 * earlier one failed; the result rejects with the first failure.
 */
export function cleanupOnce(...steps: (() => Promise<void> | void)[]): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () =>
    (running ??= (async () => {
      const failures: unknown[] = [];
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, `${failures.length} clean-up steps failed`);
    })());
}

/** What {@link runCleanupOnExit} does when the process stops. */
export interface CleanupOptions {
  /** Prefix of the messages it logs, e.g. `pnpm dev`. */
  name: string;
  /** Stops everything started so far; run at most once. */
  cleanup: () => Promise<void> | void;
  /**
   * Exit codes for SIGINT and SIGTERM.
   * @default { SIGINT: 130, SIGTERM: 143 }
   */
  signalExitCodes?: { SIGINT: number; SIGTERM: number };
  /** @default (line) => console.error(line) */
  log?: (line: string) => void;
}

/**
 * Makes every way the process can end run `cleanup` once: SIGINT, SIGTERM, an uncaught exception or an
 * unhandled rejection (logged, then exit 1), and the returned `exit(code)` for a normal end. A second signal
 * while cleaning up exits at once.
 */
export function runCleanupOnExit(options: CleanupOptions): (code: number) => Promise<never> {
  const log = options.log ?? ((line: string) => console.error(line));
  const codes = options.signalExitCodes ?? { SIGINT: 130, SIGTERM: 143 };
  let exiting: Promise<never> | undefined;
  const exit = (code: number): Promise<never> => {
    exiting ??= (async () => {
      let final = code;
      try {
        await options.cleanup();
      } catch (error) {
        log(`${options.name}: cleaning up failed: ${describe(error)}`);
        if (final === 0) final = 1;
      }
      process.exit(final);
    })();
    return exiting;
  };
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => {
    if (exiting) {
      log(`${options.name}: ${signal} again: exiting without waiting for the clean-up`);
      process.exit(codes[signal]);
    }
    void exit(codes[signal]);
  };
  const onFailure = (kind: string) => (error: unknown) => {
    log(`${options.name}: ${kind}: ${describe(error)}`);
    void exit(1);
  };
  process.on('SIGINT', onSignal('SIGINT'));
  process.on('SIGTERM', onSignal('SIGTERM'));
  process.on('uncaughtException', onFailure('uncaught exception'));
  process.on('unhandledRejection', onFailure('unhandled rejection'));
  return exit;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
