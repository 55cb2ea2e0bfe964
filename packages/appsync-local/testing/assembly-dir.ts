// Where tests and the benchmark find a synthesized template: infra/cdk.out when it is newer than its inputs,
// else a copy synthesized once into the OS temp folder, keyed by the inputs' state.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const INPUTS = ['infra/lib', 'infra/bin', 'infra/package.json', 'schema/schema.graphql', 'schema/dist'].map((p) => path.join(ROOT, p));

function files(p: string): string[] {
  if (!existsSync(p)) return [];
  const s = statSync(p);
  if (s.isFile()) return [p];
  return readdirSync(p).flatMap((name) => files(path.join(p, name)));
}

/**
 * The directory of a synthesized cloud assembly that matches the current sources: `infra/cdk.out`
 * when it is newer than infra's and the schema's files, else one synthesized once (without Lambda
 * bundling) into `<tmpdir>/notifier-appsync-local-assembly/<hash>` and reused while sources are unchanged.
 * Test-time helper (`@notifier/appsync-local/testing`); needs the schema package built.
 *
 * @example
 * ```ts
 * const model = await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId, region });
 * ```
 */
export function synthesizedAssemblyDir(): string {
  const inputs = INPUTS.flatMap(files).sort();
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  const official = path.join(ROOT, 'infra/cdk.out');
  const manifest = path.join(official, 'manifest.json');
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= newest) return official;
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(`${f}:${statSync(f).mtimeMs}:${statSync(f).size}\n`);
  const dir = path.join(os.tmpdir(), 'notifier-appsync-local-assembly', hash.digest('hex').slice(0, 16));
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    // Test runs of several packages may synthesize at the same time: write aside, then rename.
    const staging = `${dir}.${process.pid}.tmp`;
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const packageDir = path.resolve(__dirname, '..');
    execFileSync(tsx, [path.join(packageDir, 'scripts/synth-assembly.ts'), staging], { stdio: 'inherit', cwd: packageDir });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run finished first: use its copy.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(path.join(dir, 'manifest.json'))) throw error;
    }
  }
  return dir;
}
