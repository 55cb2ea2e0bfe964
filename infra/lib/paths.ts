// Locations in the repository the CDK app builds from.
import * as path from 'node:path';

/** The repository root (workspace root holding `pnpm-lock.yaml`). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The lock file NodejsFunction uses to find the project root for bundling. */
export const lockFilePath = path.join(repoRoot, 'pnpm-lock.yaml');

/**
 * The entry file of one Lambda handler: `apps/<app>/src/<handler>.ts`.
 *
 * @example
 * handlerEntry('video-transcriber', 'start') // '<repo>/apps/video-transcriber/src/start.ts'
 */
export function handlerEntry(app: string, handler: string): string {
  return path.join(repoRoot, 'apps', app, 'src', `${handler}.ts`);
}

/** infra's `node_modules/.bin`, where its esbuild (a devDependency) lives. */
export const infraBinDir = path.join(repoRoot, 'infra', 'node_modules', '.bin');

/**
 * The PATH bundling commands run with: infra's binaries first, then the caller's PATH.
 *
 * @example
 * bundlerPath() // '<repo>/infra/node_modules/.bin:/usr/local/bin:...'
 */
export function bundlerPath(env: NodeJS.ProcessEnv = process.env): string {
  return [infraBinDir, env.PATH].filter((part) => part !== undefined && part !== '').join(path.delimiter);
}
