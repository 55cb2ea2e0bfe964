import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const run = promisify(execFile);

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
}

/**
 * Measures the cold `import()`/`require()` time of each subject: one fresh `node` process per sample
 * (so nothing is cached in memory), timing only the load inside the child, samples interleaved across
 * subjects so that machine noise hits all alike.
 *
 * @example
 * ```ts
 * const [app, baseline] = await measureColdStart([{ name: 'app', file: '/abs/dist/handler.mjs' },
 *   { name: 'aws-sdk v2', file: '/abs/bench/baseline.cjs', nodePath }], { samples: 31 });
 * ```
 */
export async function measureColdStart(
  subjects: readonly ColdStartSubject[],
  options: ColdStartOptions = {},
): Promise<ColdStartFigures[]> {
  const samples = options.samples ?? 31;
  const times: number[][] = subjects.map(() => []);
  const cpuTimes: number[][] = subjects.map(() => []);
  for (let i = 0; i < samples; i++) {
    for (const [s, subject] of subjects.entries()) {
      const { wallMs, cpuMs } = await loadOnce(subject, options.env ?? process.env);
      times[s]!.push(wallMs);
      cpuTimes[s]!.push(cpuMs);
    }
  }
  return subjects.map((subject, s) => {
    const sorted = [...times[s]!].sort((a, b) => a - b);
    const content = readFileSync(subject.file);
    return {
      name: subject.name,
      file: subject.file,
      bytes: statSync(subject.file).size,
      gzipBytes: gzipSync(content).length,
      medianMs: quantile(sorted, 0.5),
      p90Ms: quantile(sorted, 0.9),
      minMs: sorted[0] ?? Number.NaN,
      medianCpuMs: quantile([...cpuTimes[s]!].sort((a, b) => a - b), 0.5),
      samplesMs: times[s]!,
    };
  });
}

async function loadOnce(subject: ColdStartSubject, env: NodeJS.ProcessEnv): Promise<{ wallMs: number; cpuMs: number }> {
  const href = pathToFileURL(subject.file).href;
  const esm = subject.file.endsWith('.mjs');
  const load = esm ? `await import(${JSON.stringify(href)})` : `require(${JSON.stringify(subject.file)})`;
  // Only the load is timed: Node's start-up and the ESM loader's own initialisation (a first import of an
  // empty module, several ms) happen before the clock starts, the same for every subject.
  const timed = `await import('data:text/javascript,export{}'); const c0 = process.cpuUsage(); const t0 = process.hrtime.bigint(); ${load}; const t1 = process.hrtime.bigint(); const c = process.cpuUsage(c0); process.stdout.write(JSON.stringify([Number(t1 - t0) / 1e6, (c.user + c.system) / 1e3]));`;
  const script = esm ? timed : `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(href)}); ${timed}`;
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...env, ...(subject.nodePath ? { NODE_PATH: subject.nodePath } : {}) },
    }));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${subject.name}: cannot be loaded: ${stderr.trim() || String(error)}`, { cause: error });
  }
  const [wallMs, cpuMs] = JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as [number, number];
  if (!Number.isFinite(wallMs) || !Number.isFinite(cpuMs)) throw new Error(`${subject.name}: unexpected output ${JSON.stringify(stdout)}`);
  return { wallMs, cpuMs };
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
 * 40 means forty times faster or smaller).
 *
 * @example
 * ```ts
 * console.log(formatColdStartReport(figures, 'aws-sdk v2 + node-fetch'));
 * ```
 */
export function formatColdStartReport(figures: readonly ColdStartFigures[], baselineName: string): string {
  const baseline = figures.find((f) => f.name === baselineName);
  const rows = figures.map((f) => [
    f.name,
    (f.bytes / 1024).toFixed(1),
    (f.gzipBytes / 1024).toFixed(1),
    f.medianMs.toFixed(2),
    f.p90Ms.toFixed(2),
    f.medianCpuMs.toFixed(2),
    baseline && f !== baseline ? `${(baseline.medianMs / f.medianMs).toFixed(1)}x` : '-',
    baseline && f !== baseline ? `${(baseline.medianCpuMs / f.medianCpuMs).toFixed(1)}x` : '-',
  ]);
  const header = ['subject', 'KiB', 'gzip KiB', 'median ms', 'p90 ms', 'median cpu ms', 'ratio (wall)', 'ratio (cpu)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
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
   * Name of the empty-module floor, used to say what ratio an empty bundle would reach in the same run.
   * @default no floor line
   */
  floorName?: string;
}

/**
 * States the target and each subject's ratio to the baseline in words (wall time decides, CPU time is shown
 * alongside), with the time the target allows and how far a missed target is.
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
  const floor = options.floorName ? figures.find((f) => f.name === options.floorName) : undefined;
  if (floor) {
    lines.push(`an empty module loaded the same way takes ${floor.medianMs.toFixed(2)} ms: no bundle can do better than 1/${(baseline.medianMs / floor.medianMs).toFixed(1)} here`);
  }
  for (const name of options.subjects) {
    const f = figures.find((x) => x.name === name);
    if (!f) throw new Error(`no figures for ${name}`);
    const ratio = baseline.medianMs / f.medianMs;
    const cpuRatio = baseline.medianCpuMs / f.medianCpuMs;
    const verdict = ratio >= target ? 'met' : `MISSED (${(f.medianMs / allowed).toFixed(1)}x over the ${allowed.toFixed(2)} ms allowed)`;
    lines.push(
      `${name}: ${f.medianMs.toFixed(2)} ms = 1/${ratio.toFixed(1)} of the baseline (CPU ${f.medianCpuMs.toFixed(2)} ms = 1/${cpuRatio.toFixed(1)}); target 1/${target}: ${verdict}`,
    );
  }
  return lines.join('\n');
}
