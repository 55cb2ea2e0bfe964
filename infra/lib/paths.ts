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
