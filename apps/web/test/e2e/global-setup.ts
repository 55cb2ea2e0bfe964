// The browser test serves the built page against the local stack, which runs the synthesized template and
// its bundles: build the page when it is older than its sources, synthesize when the template is missing
// (`pnpm test` through turbo synthesizes first anyway), and fail early when Chromium is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findChromium } from './browser';

const WEB = resolve(__dirname, '../..');
const ROOT = resolve(WEB, '../..');
// What the page bundle is made from.
const PAGE_INPUTS = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'apps/web/public', 'packages/client/src', 'schema/src'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export default function globalSetup(): void {
  findChromium();
  if (!existsSync(join(ROOT, 'infra/cdk.out/manifest.json'))) {
    console.log('the synthesized template is missing: running `pnpm --filter @notifier/infra synth` first');
    execFileSync('pnpm', ['--filter', '@notifier/infra', 'synth'], { cwd: ROOT, stdio: 'inherit' });
  }
  const built = join(WEB, 'dist/index.html');
  const newest = Math.max(...PAGE_INPUTS.map((p) => newestMtime(join(ROOT, p))));
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    execFileSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  }
}
