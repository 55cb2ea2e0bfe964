// What the local stack's command-line scripts share.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** Writes `.notifier/local-stack.json` at the repository root; returns a function that removes it. */
export function writeContractFile(root: string, contract: unknown): () => void {
  const dir = join(root, '.notifier');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'local-stack.json');
  writeFileSync(file, `${JSON.stringify(contract, null, 2)}\n`, { mode: 0o600 });
  return () => rmSync(file, { force: true });
}
