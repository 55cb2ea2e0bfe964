// Integration tests read the synthesized template (the API, tables and roles infra deploys): infra/cdk.out when it is
// newer than its inputs, else a copy synthesized once (without bundling) into the OS temp folder, keyed by the inputs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const INPUTS = ['infra/lib', 'infra/bin', 'infra/package.json', 'schema/schema.graphql', 'schema/dist'].map((p) => path.join(ROOT, p));

function files(p: string): string[] {
  if (!existsSync(p)) return [];
  return statSync(p).isFile() ? [p] : readdirSync(p).flatMap((name) => files(path.join(p, name)));
}

export default function globalSetup(): void {
  const inputs = INPUTS.flatMap(files).sort();
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  const official = path.join(ROOT, 'infra/cdk.out');
  if (existsSync(path.join(official, 'manifest.json')) && statSync(path.join(official, 'manifest.json')).mtimeMs >= newest) {
    process.env.NOTIFIER_TEST_ASSEMBLY = official;
    return;
  }
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(`${f}:${statSync(f).mtimeMs}:${statSync(f).size}\n`);
  const dir = path.join(os.tmpdir(), 'notifier-appsync-local-assembly', hash.digest('hex').slice(0, 16));
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    // appsync-local's synthesis script: the stacks in-process, no Lambda bundling.
    const appsyncLocal = path.join(ROOT, 'packages/appsync-local');
    // Other packages' tests may synthesize the same inputs at the same time: write aside, then move into place.
    const scratch = `${dir}.${process.pid}`;
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(appsyncLocal, 'scripts/synth-assembly.ts'), scratch], { stdio: 'inherit', cwd: appsyncLocal });
    try {
      renameSync(scratch, dir);
    } catch {
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`could not place the synthesized template in ${dir}`);
    }
  }
  process.env.NOTIFIER_TEST_ASSEMBLY = dir;
}
