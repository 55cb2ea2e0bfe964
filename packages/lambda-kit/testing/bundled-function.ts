import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalAppSync } from '@notifier/appsync-local';
import { startLocalAppSyncStack, type LocalAppSyncStack } from '@notifier/appsync-local/testing';
import { bundleLambda } from '../build/bundle';
import { functionEnvironment } from './local-functions';

/** Options of {@link bundledFunctionFixture}. */
export interface BundledFunctionFixtureOptions {
  /** The app folder (`apps/<name>`). */
  appDir: string;
  /** The function's role tag (`notifier:role`), e.g. `bulk-load-notice`. */
  role: string;
  /**
   * The handler entry, relative to `appDir`.
   * @default 'src/handler.ts'
   */
  entry?: string;
}

/** What {@link bundledFunctionFixture} gives the tests of one file once `beforeAll` ran. */
export interface BundledFunctionFixture {
  /** The local AppSync serving the synthesized template. */
  readonly appsync: LocalAppSync;
  /** Path of the handler's esbuild bundle, built as infra builds it. */
  readonly bundle: string;
  /** The environment Lambda would give the function: `GRAPHQL_URL`, region, credentials of its own role. */
  env(): Record<string, string>;
}

/**
 * Registers `beforeAll`/`afterAll` for an integration test file: bundles the app's handler as infra does
 * and starts the local AppSync from the synthesized template; everything is stopped and removed after.
 *
 * @example
 * const fn = bundledFunctionFixture({ appDir: join(__dirname, '..'), role: 'bulk-load-notice' });
 * it('notifies once', async () => {
 *   await runBundledHandler({ bundle: fn.bundle, event, env: fn.env(), functionName: 'bulk-load-notice' });
 * });
 */
export function bundledFunctionFixture(options: BundledFunctionFixtureOptions): BundledFunctionFixture {
  let stack: LocalAppSyncStack | undefined;
  let outdir: string | undefined;
  let bundle: string | undefined;
  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), `${options.role}-bundle-`));
    const [built] = await bundleLambda({ entries: [options.entry ?? 'src/handler.ts'], outdir, cwd: options.appDir });
    bundle = built?.outfile;
    stack = await startLocalAppSyncStack();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`bundledFunctionFixture: ${what} is not ready (use it inside a test, after beforeAll)`);
    return value;
  };
  return {
    get appsync() {
      return ready(stack, 'the local AppSync').appsync;
    },
    get bundle() {
      return ready(bundle, 'the bundle');
    },
    env: () => functionEnvironment(ready(stack, 'the local AppSync').appsync, options.role),
  };
}
