// Usage (from an app folder, after its build): tsx node_modules/@notifier/lambda-kit/build/bench-cli.ts
//   [--samples N] [--baseline bench/baseline.cjs] [--packages aws-sdk@2,node-fetch@2] [dist/handler.mjs ...]
// Prints the bundle size and cold import time of each bundle against a baseline handler doing the same job
// the original way (aws-sdk v2 installed on demand outside the workspace), with ratios. Exits 0 unless it
// crashes: figures are reported, not asserted.
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatColdStartReport, installBaseline, measureColdStart } from './bench';

const TARGET_RATIO = 40;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      samples: { type: 'string', default: '31' },
      baseline: { type: 'string', default: 'bench/baseline.cjs' },
      packages: { type: 'string', default: 'aws-sdk@2,node-fetch@2' },
    },
  });
  const bundles = positionals.length > 0 ? positionals : readdirSync('dist').filter((f) => f.endsWith('.mjs')).map((f) => `dist/${f}`);
  if (bundles.length === 0) throw new Error('no bundle in dist/: run the build first');
  const baselineFile = resolve(values.baseline);
  if (!existsSync(baselineFile)) throw new Error(`no baseline handler at ${baselineFile}`);
  const packages = values.packages.split(',').filter(Boolean);
  console.log(`installing the baseline's packages (${packages.join(', ')}) outside the workspace...`);
  const nodePath = await installBaseline({ packages });

  const samples = Number(values.samples);
  const baselineName = `baseline (${packages.join(' + ')})`;
  const env = {
    ...process.env,
    // Handlers validate their configuration at load; give them what Lambda would.
    GRAPHQL_URL: process.env.GRAPHQL_URL ?? 'https://bench.appsync-api.eu-west-1.amazonaws.com/graphql',
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'ASIABENCHEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_SESSION_TOKEN: 'bench-token',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
  console.log(`measuring ${samples} cold loads per subject, one fresh node process each...`);
  // Floors: what loading an empty module costs the same way, for reading the figures (not subtracted).
  const floorDir = mkdtempSync(resolve(tmpdir(), 'notifier-bench-floor-'));
  writeFileSync(resolve(floorDir, 'empty.mjs'), 'export {};\n');
  writeFileSync(resolve(floorDir, 'empty.cjs'), 'module.exports = {};\n');
  const figures = await measureColdStart(
    [
      ...bundles.map((b) => ({ name: b, file: resolve(b) })),
      { name: 'floor: empty .mjs', file: resolve(floorDir, 'empty.mjs') },
      { name: 'floor: empty .cjs', file: resolve(floorDir, 'empty.cjs') },
      { name: baselineName, file: baselineFile, nodePath },
    ],
    { samples, env },
  );
  console.log(formatColdStartReport(figures, baselineName));
  const baseline = figures.at(-1)!;
  const baselineBytes = sizeOfPackages(nodePath, packages);
  console.log(`baseline dependencies on disk: ${(baselineBytes / 1024 / 1024).toFixed(1)} MiB (${packages.join(', ')})`);
  for (const f of figures.slice(0, bundles.length)) {
    const ratio = baseline.medianMs / f.medianMs;
    const cpuRatio = baseline.medianCpuMs / f.medianCpuMs;
    console.log(
      `${f.name}: cold load ${f.medianMs.toFixed(2)} ms vs ${baseline.medianMs.toFixed(2)} ms = 1/${ratio.toFixed(1)} of the baseline ` +
        `(CPU ${f.medianCpuMs.toFixed(2)} vs ${baseline.medianCpuMs.toFixed(2)} ms = 1/${cpuRatio.toFixed(1)}); ` +
        `target <= 1/${TARGET_RATIO} of the baseline's cold load time: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'}`,
    );
  }
}

function sizeOfPackages(nodeModules: string, packages: readonly string[]): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
      const path = resolve(dir, entry.name);
      return sum + (entry.isDirectory() ? walk(path) : entry.isFile() ? statSync(path).size : 0);
    }, 0);
  return packages.reduce((sum, spec) => {
    const name = spec.slice(0, spec.lastIndexOf('@') > 0 ? spec.lastIndexOf('@') : undefined);
    const dir = resolve(nodeModules, name);
    return sum + (existsSync(dir) ? walk(dir) : 0);
  }, 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
