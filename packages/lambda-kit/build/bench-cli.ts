// Usage (from an app folder, after its build): tsx node_modules/@notifier/lambda-kit/build/bench-cli.ts
//   [--samples N] [--baseline bench/baseline.cjs] [--packages aws-sdk@2,node-fetch@2]
//   [--env NAME=value ...] [--node-options "--enable-source-maps"] [--invoke test/events/<source>/<variant>.json]
//   [dist/handler.mjs ...]
// Prints the bundle size and cold import time of each bundle against a baseline handler doing the same job
// the original way (aws-sdk v2 installed on demand outside the workspace), with ratios and the target. Every
// subject, baseline and floors included, runs with the same NODE_OPTIONS: by default the ones infra deploys
// (`--enable-source-maps`, which makes Node read each bundle's source map at load). With `--invoke`, each
// child also calls its module's `handler` once with that event, against a stub AppSync started here
// (GRAPHQL_URL points at it), and the report adds the first invocation and the cold start to first
// response. Exits 0 unless it crashes or a handler fails: figures are reported, not asserted.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatColdStartReport, formatTargetVerdict, installBaseline, measureColdStart } from './bench';
import { bundleLambda } from './bundle';
import { startStubAppSync, type StubAppSync } from './stub-appsync';

const TARGET_RATIO = 40;
const SIGNER_FLOOR = 'floor: @smithy/signature-v4 alone';
/** What infra sets on every function (NODE_OPTIONS), so bundles are measured as deployed. */
const DEPLOYED_NODE_OPTIONS = '--enable-source-maps';

async function main(): Promise<void> {
  // `pnpm bench -- --samples 9` passes the `--` through (after the script's own arguments); it would end the options.
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    allowPositionals: true,
    options: {
      samples: { type: 'string', default: '31' },
      baseline: { type: 'string', default: 'bench/baseline.cjs' },
      packages: { type: 'string', default: 'aws-sdk@2,node-fetch@2' },
      env: { type: 'string', multiple: true, default: [] },
      'node-options': { type: 'string', default: DEPLOYED_NODE_OPTIONS },
      invoke: { type: 'string' },
    },
  });
  const extraEnv = Object.fromEntries(
    values.env.map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`--env expects NAME=value, got ${JSON.stringify(pair)}`);
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
  if (values.invoke !== undefined && 'GRAPHQL_URL' in extraEnv) {
    throw new Error('--invoke points GRAPHQL_URL at its stub AppSync: do not also pass --env GRAPHQL_URL=...');
  }
  const event = values.invoke === undefined ? undefined : readEvent(resolve(values.invoke));
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
    // Lambda runs Node.js 22+, where the SDK v3 has no Node.js version warning to emit; on this machine's
    // Node.js 20 it would add its cost to every SDK v3 subject, which the deployed function never pays.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // Set by Lambda on a cold start; without it Powertools logs every first invocation as `cold_start: false`.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    NODE_OPTIONS: values['node-options'],
    ...extraEnv,
  };
  console.log(
    `measuring ${samples} cold loads per subject${event === undefined ? '' : ', each followed by a first invocation'}, one fresh node process each, NODE_OPTIONS=${JSON.stringify(env.NODE_OPTIONS)}...`,
  );
  // Floors: what loading an empty module, and the signer alone, cost the same way, for reading the figures (not subtracted).
  const floorDir = mkdtempSync(resolve(tmpdir(), 'notifier-bench-floor-'));
  writeFileSync(resolve(floorDir, 'empty.mjs'), 'export {};\n');
  writeFileSync(resolve(floorDir, 'empty.cjs'), 'module.exports = {};\n');
  let appSync: StubAppSync | undefined;
  try {
    // The least any handler that signs with @smithy/signature-v4 loads, bundled as the apps are.
    const [signerFloor] = await bundleLambda({ entries: [resolve(__dirname, 'floors/signer.ts')], outdir: floorDir, cwd: __dirname });
    if (event !== undefined) {
      // The stub verifies every signature with the credentials the children sign with.
      appSync = await startStubAppSync({
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN },
        region: env.AWS_REGION,
      });
      console.log(`first invocation: handler(${values.invoke}, context) against a stub AppSync at ${appSync.url} (one request with a verified SigV4 signature expected per invocation)`);
    }
    const figures = await measureColdStart(
      [
        ...bundles.map((b) => ({ name: b, file: resolve(b) })),
        { name: 'floor: empty .mjs', file: resolve(floorDir, 'empty.mjs'), invoke: false },
        { name: 'floor: empty .cjs', file: resolve(floorDir, 'empty.cjs'), invoke: false },
        { name: SIGNER_FLOOR, file: signerFloor!.outfile, invoke: false },
        { name: baselineName, file: baselineFile, nodePath },
      ],
      { samples, env, ...(event !== undefined && appSync ? { invoke: { event: event.value, appSync, functionName: basename(process.cwd()) } } : {}) },
    );
    console.log(formatColdStartReport(figures, baselineName));
    const baselineBytes = sizeOfPackages(nodePath, packages);
    console.log(`baseline dependencies on disk: ${(baselineBytes / 1024 / 1024).toFixed(1)} MiB (${packages.join(', ')})`);
    if (appSync) {
      const invoked = figures.filter((f) => f.signedRequests !== undefined).length;
      console.log(
        `stub AppSync: ${appSync.signedRequests} requests with a verified signature received (${invoked} subjects x ${samples} invocations, exactly one each, checked per sample), ${appSync.rejectedRequests} rejected`,
      );
    }
    console.log(formatTargetVerdict(figures, { baselineName, subjects: bundles, targetRatio: TARGET_RATIO, floorNames: ['floor: empty .mjs', SIGNER_FLOOR] }));
  } finally {
    await appSync?.close();
    rmSync(floorDir, { recursive: true, force: true });
  }
}

function readEvent(file: string): { value: unknown } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--invoke: cannot read the event ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    throw new Error(`--invoke: the event ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
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
