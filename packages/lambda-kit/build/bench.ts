import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { StubAppSync } from './stub-appsync';

const run = promisify(execFile);

/** The child writes its figures to this file descriptor: handlers log to stdout, so stdout cannot carry them. */
const RESULT_FD = 3;
/** Exit code of a child whose module loaded but whose first invocation failed. */
const INVOCATION_FAILED = 3;
/** A child that takes longer is killed and reported (Lambda's longest timeout is 15 min; these are seconds). */
const CHILD_TIMEOUT_MS = 120_000;
/** Keeps the script well under Linux's 128 KiB limit of one command-line argument. */
const MAX_SCRIPT_LENGTH = 120_000;

/**
 * Node.js built-ins that Lambda's Node.js runtime has loaded before it imports the handler, as its source
 * (aws-lambda-nodejs-runtime-interface-client) requires them: `http` (RAPIDClient.js), `net` (ResponseStream.js),
 * `util` and `fs` (Errors.js, LogPatch.js), `assert` (InvokeContext.js), `path` (UserFunction.js). A handler's
 * cold import never pays for them in Lambda, so each child loads them before its clock starts.
 */
export const LAMBDA_RUNTIME_MODULES: readonly string[] = ['node:http', 'node:net', 'node:util', 'node:fs', 'node:assert', 'node:path'];

/** One module whose cold import is measured. */
export interface ColdStartSubject {
  /** Name printed in the report. */
  name: string;
  /** Absolute path: `.mjs` files are loaded with `import()`, anything else with `require()`. */
  file: string;
  /**
   * `NODE_PATH` of the child process (where a baseline finds `aws-sdk` installed outside the workspace).
   * @default unset
   */
  nodePath?: string;
  /**
   * Whether the subject's `handler` is invoked after the load when {@link ColdStartOptions.invoke} is set
   * (`false` for modules that have no handler, such as the empty-module floors).
   * @default true
   */
  invoke?: boolean;
}

/** What the first invocation of each subject gets, and who plays AppSync for it. */
export interface FirstInvocationOptions {
  /** The event passed to `handler(event, context)`: a real fixture such as the app's `test/events/...json`. */
  event: unknown;
  /**
   * The server the handlers call (see {@link startStubAppSync}): its `url` becomes the child's `GRAPHQL_URL`,
   * and its counts are read before and after each sample to check what the invocation sent.
   */
  appSync: Pick<StubAppSync, 'url' | 'signedRequests' | 'rejectedRequests' | 'lastRejection'>;
  /**
   * Signed requests one invocation must make; any other count (a handler that did nothing, or retried)
   * fails the measurement.
   * @default 1
   */
  requestsPerInvocation?: number;
  /**
   * `functionName` of the Lambda-like context (its ARN, log group and stream are derived from it).
   * @default 'bench-function'
   */
  functionName?: string;
  /**
   * Time the invocation has before its deadline: `context.getRemainingTimeInMillis()` counts down from it,
   * starting when the handler is called.
   * @default 30000
   */
  timeoutMs?: number;
}

/** Options of {@link measureColdStart}. */
export interface ColdStartOptions {
  /**
   * Fresh `node` processes per subject; the median is reported.
   * @default 31
   */
  samples?: number;
  /**
   * Environment of the child processes (e.g. `GRAPHQL_URL`, since handlers validate config at import).
   * @default `process.env`
   */
  env?: NodeJS.ProcessEnv;
  /**
   * When set, each child also calls the module's `handler(event, context)` once after the timed load,
   * timed on its own, and must make exactly one signed request to `invoke.appSync`: the figures then
   * include the first invocation and the cold start to first response (load + first invocation).
   * @default load only
   */
  invoke?: FirstInvocationOptions;
  /**
   * Modules each child imports before its clock starts, as the Lambda runtime has loaded them before it
   * imports the handler.
   * @default {@link LAMBDA_RUNTIME_MODULES}
   */
  preload?: readonly string[];
}

/** Wall and CPU time of one step (load, first invocation, or both), over the samples. */
export interface TimingFigures {
  /** Median wall-clock time. */
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  /** Median CPU time (user + system): less sensitive than wall time to a busy machine. */
  readonly medianCpuMs: number;
  /** Wall-clock time of each sample, in the order measured. */
  readonly samplesMs: readonly number[];
}

/** Figures of one subject. */
export interface ColdStartFigures {
  readonly name: string;
  readonly file: string;
  /** Size of the file itself (a baseline's `node_modules` are not counted here). */
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Median wall-clock load time. */
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  /** Median CPU time (user + system) of the load: less sensitive than wall time to a busy machine. */
  readonly medianCpuMs: number;
  readonly samplesMs: readonly number[];
  /** The first `handler(event, context)` call alone, right after the load (only with `invoke`). */
  readonly firstInvocation?: TimingFigures;
  /** Cold start to first response: load + first invocation of the same sample (only with `invoke`). */
  readonly firstResponse?: TimingFigures;
  /** Signed requests the stub AppSync received from this subject's invocations, all samples together. */
  readonly signedRequests?: number;
}

/**
 * Measures the cold `import()`/`require()` time of each subject: one fresh `node` process per sample
 * (so nothing is cached in memory), timing only the load inside the child, samples interleaved across
 * subjects so that machine noise hits all alike. With `invoke`, the same child then calls the module's
 * `handler` once with the event and a Lambda-like context, timed separately; a handler that throws, or
 * that does not make exactly the expected signed request(s), fails the whole measurement, naming it.
 *
 * @example
 * ```ts
 * const [app, baseline] = await measureColdStart([{ name: 'app', file: '/abs/dist/handler.mjs' },
 *   { name: 'aws-sdk v2', file: '/abs/bench/baseline.cjs', nodePath }], { samples: 31 });
 * const appSync = await startStubAppSync();
 * const invoked = await measureColdStart(subjects, { samples: 9, invoke: { event, appSync } });
 * await appSync.close();
 * ```
 */
export async function measureColdStart(
  subjects: readonly ColdStartSubject[],
  options: ColdStartOptions = {},
): Promise<ColdStartFigures[]> {
  const samples = options.samples ?? 31;
  const invoke = options.invoke;
  const expected = invoke?.requestsPerInvocation ?? 1;
  const baseEnv = { ...(options.env ?? process.env), ...(invoke ? { GRAPHQL_URL: invoke.appSync.url } : {}) };
  const results: ChildFigures[][] = subjects.map(() => []);
  const signed: number[] = subjects.map(() => 0);
  // Lambda's runtime is itself loaded from ES and CommonJS files, so both file loaders are initialised when it
  // imports the handler: each child loads one empty file of each kind first, off the clock.
  const warmUpDir = mkdtempSync(join(tmpdir(), 'notifier-bench-warm-up-'));
  const warmUp: WarmUp = { mjs: join(warmUpDir, 'warm-up.mjs'), cjs: join(warmUpDir, 'warm-up.cjs'), preload: options.preload ?? LAMBDA_RUNTIME_MODULES };
  writeFileSync(warmUp.mjs, 'export {};\n');
  writeFileSync(warmUp.cjs, 'module.exports = {};\n');
  try {
    for (let i = 0; i < samples; i++) {
      for (const [s, subject] of subjects.entries()) {
        const invoking = invoke !== undefined && subject.invoke !== false;
        const before = invoke ? { signed: invoke.appSync.signedRequests, rejected: invoke.appSync.rejectedRequests } : undefined;
        const { figures, stdout, stderr } = await runChild(subject, baseEnv, warmUp, invoking ? invoke : undefined);
        if (invoke && before) {
          const made = invoke.appSync.signedRequests - before.signed;
          const rejected = invoke.appSync.rejectedRequests - before.rejected;
          signed[s]! += made;
          const wanted = invoking ? expected : 0;
          if (made !== wanted || rejected !== 0) {
            throw new Error(
              `${subject.name}: sample ${i + 1}: ${invoking ? 'the first invocation' : 'the load'} made ${made} signed request(s) to the stub AppSync` +
                `${rejected > 0 ? ` and ${rejected} rejected one(s) (last: ${invoke.appSync.lastRejection})` : ''}, expected exactly ${wanted}` +
                `${invoking ? ': a handler that does not deliver its mutation cannot be measured' : ''}${outputTail(stdout)}${outputTail(stderr, 'stderr')}`,
            );
          }
        }
        results[s]!.push(figures);
      }
    }
  } finally {
    rmSync(warmUpDir, { recursive: true, force: true });
  }
  return subjects.map((subject, s) => {
    const content = readFileSync(subject.file);
    const runs = results[s]!;
    const load = timing(runs.map((r) => [r.loadMs, r.loadCpuMs]));
    const invoked = invoke !== undefined && subject.invoke !== false;
    return {
      name: subject.name,
      file: subject.file,
      bytes: content.length,
      gzipBytes: gzipSync(content).length,
      ...load,
      ...(invoked
        ? {
            firstInvocation: timing(runs.map((r) => [r.invokeMs!, r.invokeCpuMs!])),
            firstResponse: timing(runs.map((r) => [r.loadMs + r.invokeMs!, r.loadCpuMs + r.invokeCpuMs!])),
            signedRequests: signed[s]!,
          }
        : {}),
    };
  });
}

/** What each child loads before its clock starts. */
interface WarmUp {
  /** An empty ES module file. */
  mjs: string;
  /** An empty CommonJS file. */
  cjs: string;
  /** Built-in modules. */
  preload: readonly string[];
}

interface ChildFigures {
  loadMs: number;
  loadCpuMs: number;
  invokeMs?: number;
  invokeCpuMs?: number;
}

function timing(samples: readonly (readonly [wallMs: number, cpuMs: number])[]): TimingFigures {
  const wall = samples.map(([w]) => w);
  const sorted = [...wall].sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    minMs: sorted[0] ?? Number.NaN,
    medianCpuMs: quantile(samples.map(([, c]) => c).sort((a, b) => a - b), 0.5),
    samplesMs: wall,
  };
}

/**
 * The script of one child. Only the load is timed by the first clock. Before it starts, the child gets where
 * Lambda's runtime is when it imports the handler: Node started, the built-ins the runtime uses loaded, the ES
 * and CommonJS file loaders initialised (one empty file each, ~2 ms for the first ES file), the same for every
 * subject. The first invocation has its own clock; building the event and context happens
 * between the two, as the Lambda runtime does it outside the handler. The figures leave on fd 3.
 */
function childScript(subject: ColdStartSubject, warmUp: WarmUp, invoke: FirstInvocationOptions | undefined, env: NodeJS.ProcessEnv): string {
  const href = pathToFileURL(subject.file).href;
  const esm = subject.file.endsWith('.mjs');
  const load = esm ? `await import(${JSON.stringify(href)})` : `require(${JSON.stringify(subject.file)})`;
  const parts = [
    `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(href)});`,
    `for (const builtin of ${JSON.stringify(warmUp.preload)}) await import(builtin);`,
    `await import(${JSON.stringify(pathToFileURL(warmUp.mjs).href)}); require(${JSON.stringify(warmUp.cjs)});`,
    `const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint();`,
    `const loaded = ${load};`,
    `const t1 = process.hrtime.bigint(); const lc = process.cpuUsage(c0);`,
    `const result = { loadMs: Number(t1 - t0) / 1e6, loadCpuMs: (lc.user + lc.system) / 1e3 };`,
  ];
  if (invoke) {
    const functionName = invoke.functionName ?? 'bench-function';
    const region = env.AWS_REGION ?? 'eu-west-1';
    const fixed = {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
      memoryLimitInMB: '128',
      // Made here: creating a UUID in the child would load crypto code the handler might need, off its clock.
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `2026/01/01/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    };
    const failed = `(reason) => { process.stderr.write('first invocation failed: ' + (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)) + '\\n'); process.exit(${INVOCATION_FAILED}); }`;
    parts.push(
      `const fail = ${failed};`,
      // Lambda's runtime fails the invocation on these too; without them Node would exit 1, which reads as a failed load.
      `process.on('unhandledRejection', fail); process.on('uncaughtException', fail);`,
      `const handler = loaded?.handler;`,
      `if (typeof handler !== 'function') fail(new Error('the module exports no handler function'));`,
      `const event = JSON.parse(${JSON.stringify(JSON.stringify(invoke.event))});`,
      `const deadline = Date.now() + ${invoke.timeoutMs ?? 30_000};`,
      `const context = { ...${JSON.stringify(fixed)}, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),` +
        ` done: () => fail(new Error('context.done is not supported')), fail, succeed: () => fail(new Error('context.succeed is not supported')) };`,
      `const c2 = process.cpuUsage(); const t2 = process.hrtime.bigint();`,
      `try { await handler(event, context); } catch (error) { fail(error); }`,
      `const t3 = process.hrtime.bigint(); const ic = process.cpuUsage(c2);`,
      `result.invokeMs = Number(t3 - t2) / 1e6; result.invokeCpuMs = (ic.user + ic.system) / 1e3;`,
    );
  }
  parts.push(
    `const { writeSync } = await import('node:fs');`,
    `writeSync(${RESULT_FD}, JSON.stringify(result));`,
    // Lambda freezes the process once the handler returned: kept-alive sockets and timers left behind must not
    // keep the child (and the benchmark) waiting.
    `process.exit(0);`,
  );
  const script = parts.filter(Boolean).join('\n');
  if (script.length > MAX_SCRIPT_LENGTH) {
    throw new Error(`${subject.name}: the event is too large to pass to the child process (${script.length} characters of script, at most ${MAX_SCRIPT_LENGTH})`);
  }
  return script;
}

async function runChild(
  subject: ColdStartSubject,
  env: NodeJS.ProcessEnv,
  warmUp: WarmUp,
  invoke: FirstInvocationOptions | undefined,
): Promise<{ figures: ChildFigures; stdout: string; stderr: string }> {
  const script = childScript(subject, warmUp, invoke, env);
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...env, ...(subject.nodePath ? { NODE_PATH: subject.nodePath } : {}) },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const collect = (stream: NodeJS.ReadableStream | null | undefined): (() => string) => {
    const chunks: Buffer[] = [];
    stream?.on('data', (chunk: Buffer) => chunks.push(chunk));
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const stdout = collect(child.stdout);
  const stderr = collect(child.stderr);
  const result = collect(child.stdio[RESULT_FD] as NodeJS.ReadableStream | null);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, CHILD_TIMEOUT_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  }).finally(() => clearTimeout(timer));
  const errors = stderr().trim();
  if (timedOut) throw new Error(`${subject.name}: did not finish within ${CHILD_TIMEOUT_MS / 1000} s${errors ? `: ${errors}` : ''}${outputTail(stdout())}`);
  if (code === INVOCATION_FAILED) {
    throw new Error(`${subject.name}: ${errors}${outputTail(stdout())}`);
  }
  if (code !== 0) {
    throw new Error(`${subject.name}: cannot be loaded: ${errors || `exit code ${code ?? signal}`}${outputTail(stdout())}`);
  }
  let figures: ChildFigures;
  try {
    figures = JSON.parse(result()) as ChildFigures;
  } catch (error) {
    throw new Error(`${subject.name}: no figures from the child process: ${JSON.stringify(result())}`, { cause: error });
  }
  const numbers = [figures.loadMs, figures.loadCpuMs, ...(invoke ? [figures.invokeMs, figures.invokeCpuMs] : [])];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new Error(`${subject.name}: unexpected figures ${JSON.stringify(figures)}`);
  }
  return { figures, stdout: stdout(), stderr: errors };
}

/** The last lines a child printed on one stream (handlers log there), to show with an error. */
function outputTail(output: string, stream: 'stdout' | 'stderr' = 'stdout', lines = 10): string {
  const tail = output.trimEnd().split('\n').slice(-lines).join('\n');
  return tail ? `\n--- last lines of its ${stream} ---\n${tail}` : '';
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Options of {@link installBaseline}. */
export interface InstallBaselineOptions {
  /** npm package specs, e.g. `['aws-sdk@2', 'node-fetch@2']`. */
  packages: readonly string[];
  /**
   * Install prefix, outside the workspace so the baseline never becomes a workspace dependency.
   * @default `<os tmpdir>/notifier-bench-baseline`
   */
  prefix?: string;
}

/**
 * Installs a baseline's packages with npm outside the workspace (once; reused while present) and
 * returns the `node_modules` folder to pass as `nodePath`.
 *
 * @example
 * ```ts
 * const nodePath = await installBaseline({ packages: ['aws-sdk@2', 'node-fetch@2'] });
 * ```
 */
export async function installBaseline(options: InstallBaselineOptions): Promise<string> {
  const prefix = options.prefix ?? join(tmpdir(), 'notifier-bench-baseline');
  const nodeModules = join(prefix, 'node_modules');
  const missing = options.packages.filter((spec) => !existsSync(join(nodeModules, packageName(spec), 'package.json')));
  if (missing.length > 0) {
    await mkdir(prefix, { recursive: true });
    await run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...missing], {
      maxBuffer: 16 * 1024 * 1024,
    });
  }
  return nodeModules;
}

function packageName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return at > 0 ? spec.slice(0, at) : spec;
}

/**
 * Formats figures as a table, each subject with its ratio to the baseline (`baseline / subject`, so
 * 40 means forty times faster or smaller). When figures carry a first invocation (`measureColdStart`
 * with `invoke`), columns follow for the first invocation alone and for load + first invocation (cold
 * start to first response) with its ratios; subjects measured without invocation show `-` there.
 *
 * @example
 * ```ts
 * console.log(formatColdStartReport(figures, 'aws-sdk v2 + node-fetch'));
 * ```
 */
export function formatColdStartReport(figures: readonly ColdStartFigures[], baselineName: string): string {
  const baseline = figures.find((f) => f.name === baselineName);
  const invoked = figures.some((f) => f.firstResponse);
  const ratio = (base: number | undefined, value: number | undefined, isBaseline: boolean): string =>
    base === undefined || value === undefined || isBaseline ? '-' : `${(base / value).toFixed(1)}x`;
  const rows = figures.map((f) => {
    const isBaseline = !baseline || f === baseline;
    const row = [
      f.name,
      (f.bytes / 1024).toFixed(1),
      (f.gzipBytes / 1024).toFixed(1),
      f.medianMs.toFixed(2),
      f.p90Ms.toFixed(2),
      f.medianCpuMs.toFixed(2),
      ratio(baseline?.medianMs, f.medianMs, isBaseline),
      ratio(baseline?.medianCpuMs, f.medianCpuMs, isBaseline),
    ];
    if (invoked) {
      row.push(
        f.firstInvocation?.medianMs.toFixed(2) ?? '-',
        f.firstInvocation?.medianCpuMs.toFixed(2) ?? '-',
        f.firstResponse?.medianMs.toFixed(2) ?? '-',
        f.firstResponse?.medianCpuMs.toFixed(2) ?? '-',
        ratio(baseline?.firstResponse?.medianMs, f.firstResponse?.medianMs, isBaseline),
        ratio(baseline?.firstResponse?.medianCpuMs, f.firstResponse?.medianCpuMs, isBaseline),
      );
    }
    return row;
  });
  const header = ['subject', 'KiB', 'gzip KiB', 'median ms', 'p90 ms', 'median cpu ms', 'ratio (wall)', 'ratio (cpu)'];
  if (invoked) header.push('1st call ms', '1st call cpu ms', 'load+1st ms', 'load+1st cpu ms', 'ratio load+1st (wall)', 'ratio load+1st (cpu)');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Options of {@link formatTargetVerdict}. */
export interface TargetVerdictOptions {
  /** Name of the baseline subject among the figures. */
  baselineName: string;
  /** Names of the subjects judged against the target (the app's bundles). */
  subjects: readonly string[];
  /**
   * The target: a subject's cold load at most `1 / targetRatio` of the baseline's.
   * @default 40
   */
  targetRatio?: number;
  /**
   * Names of floors among the figures: modules every bundle contains, at the least (an empty module; the signer
   * alone). One line each says the best ratio a bundle containing it can reach in the same run, and whether
   * the floor alone already takes more than the target allows.
   * @default no floor lines
   */
  floorNames?: readonly string[];
}

/**
 * States the target and each subject's ratio to the baseline in words (wall time decides, CPU time is shown
 * alongside), with the time the target allows and how far a missed target is. The target is judged on the
 * cold load only. When the baseline's figures carry a first invocation, one more line per subject states
 * its cold start to first response (load + first invocation) and its ratio to the baseline's: reported,
 * not judged.
 *
 * @example
 * ```ts
 * console.log(formatTargetVerdict(figures, { baselineName, subjects: ['dist/handler.mjs'], floorName: 'floor: empty .mjs' }));
 * ```
 */
export function formatTargetVerdict(figures: readonly ColdStartFigures[], options: TargetVerdictOptions): string {
  const target = options.targetRatio ?? 40;
  const baseline = figures.find((f) => f.name === options.baselineName);
  if (!baseline) throw new Error(`no figures for the baseline ${options.baselineName}`);
  const allowed = baseline.medianMs / target;
  const lines = [
    `target: cold load <= 1/${target} of the baseline's, i.e. <= ${allowed.toFixed(2)} ms (baseline ${baseline.medianMs.toFixed(2)} ms wall, ${baseline.medianCpuMs.toFixed(2)} ms CPU, median)`,
  ];
  for (const name of options.floorNames ?? []) {
    const floor = figures.find((f) => f.name === name);
    if (!floor) throw new Error(`no figures for the floor ${name}`);
    const best = baseline.medianMs / floor.medianMs;
    lines.push(
      `${name}: loaded the same way, takes ${floor.medianMs.toFixed(2)} ms = 1/${best.toFixed(1)} of the baseline: ` +
        (best < target
          ? `already over the ${allowed.toFixed(2)} ms allowed, so no bundle that contains it can meet the target here`
          : `no bundle that contains it can do better than 1/${best.toFixed(1)} here`),
    );
  }
  const subjects = options.subjects.map((name) => {
    const f = figures.find((x) => x.name === name);
    if (!f) throw new Error(`no figures for ${name}`);
    return f;
  });
  for (const f of subjects) {
    const ratio = baseline.medianMs / f.medianMs;
    const cpuRatio = baseline.medianCpuMs / f.medianCpuMs;
    const verdict = ratio >= target ? 'met' : `MISSED (${(f.medianMs / allowed).toFixed(1)}x over the ${allowed.toFixed(2)} ms allowed)`;
    lines.push(
      `${f.name}: ${f.medianMs.toFixed(2)} ms = 1/${ratio.toFixed(1)} of the baseline (CPU ${f.medianCpuMs.toFixed(2)} ms = 1/${cpuRatio.toFixed(1)}); target 1/${target}: ${verdict}`,
    );
  }
  const base = baseline.firstResponse;
  if (base) {
    lines.push(
      `cold start to first response (load + first invocation in the same process; reported, not judged against the target): baseline ${base.medianMs.toFixed(2)} ms wall, ${base.medianCpuMs.toFixed(2)} ms CPU (median)`,
    );
    for (const f of subjects) {
      if (!f.firstResponse || !f.firstInvocation) throw new Error(`no first-invocation figures for ${f.name}, but the baseline has some`);
      lines.push(
        `${f.name}: cold start to first response ${f.firstResponse.medianMs.toFixed(2)} ms = ${fraction(base.medianMs / f.firstResponse.medianMs)} of the baseline's` +
          ` (CPU ${f.firstResponse.medianCpuMs.toFixed(2)} ms = ${fraction(base.medianCpuMs / f.firstResponse.medianCpuMs)});` +
          ` medians: load ${f.medianMs.toFixed(2)} ms, first invocation ${f.firstInvocation.medianMs.toFixed(2)} ms`,
      );
    }
  }
  return lines.join('\n');
}

/** `1/4.2` for a subject 4.2 times faster than the baseline, `1.3x` for one slower. */
function fraction(ratio: number): string {
  return ratio >= 1 ? `1/${ratio.toFixed(1)}` : `${(1 / ratio).toFixed(1)}x`;
}
