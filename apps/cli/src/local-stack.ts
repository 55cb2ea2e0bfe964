import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LocalStackFileError, LocalStackNotRunningError } from './errors';

const credentialsEntry = z.object({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1),
  expiration: z.union([z.string(), z.number()]),
  identityId: z.string().optional(),
  roleArn: z.string().optional(),
});

/** The part of `.notifier/local-stack.json` the CLI reads (the file holds more). */
const localStackSchema = z.object({
  region: z.string().min(1),
  graphqlUrl: z.url(),
  realtimeUrl: z.string().optional(),
  cognito: z
    .object({
      userPoolId: z.string().optional(),
      userPoolClientId: z.string().optional(),
      clientId: z.string().optional(),
      identityPoolId: z.string().optional(),
      userPoolEndpoint: z.string().optional(),
      identityPoolEndpoint: z.string().optional(),
      /** The identity pool's `Logins` key for the user pool, when not the AWS form. */
      providerName: z.string().optional(),
    })
    .optional(),
  credentials: z.object({ authRole: credentialsEntry.optional() }).loose().optional(),
  /** The process that wrote the file; anything but a positive integer is ignored (older files have none). */
  pid: z.unknown().optional(),
});

/** What the CLI takes from the local stack file. */
export interface LocalStack {
  file: string;
  /** The process that wrote the file (`pnpm dev` or `pnpm demo`), when it says. */
  pid?: number;
  region: string;
  graphqlUrl: string;
  realtimeUrl?: string;
  cognito: {
    userPoolId?: string;
    clientId?: string;
    identityPoolId?: string;
    userPoolEndpoint?: string;
    identityPoolEndpoint?: string;
    providerName?: string;
  };
  /** Credentials of the local stack's signed-in test user (authenticated role). */
  authRole?: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken: string;
    expiration: Date;
    identityId?: string;
  };
}

/**
 * Finds `.notifier/local-stack.json` at the repository root: the nearest directory above `from`
 * holding `pnpm-workspace.yaml`, else the root of the repository this CLI lives in.
 *
 * @example
 * ```ts
 * const file = findLocalStackFile(process.cwd());
 * ```
 */
export function findLocalStackFile(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return path.join(dir, '.notifier', 'local-stack.json');
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(__dirname, '..', '..', '..', '.notifier', 'local-stack.json');
}

/**
 * Reads and checks the local stack file written while `pnpm dev` (or the demo) runs.
 *
 * @example
 * ```ts
 * const stack = readLocalStack(findLocalStackFile(process.cwd()));
 * ```
 */
export function readLocalStack(file: string): LocalStack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LocalStackFileError(
      missing
        ? `${file} does not exist: start the local stack with \`pnpm dev\` first (it writes this file while it runs)`
        : `Cannot read ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new LocalStackFileError(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const parsed = localStackSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new LocalStackFileError(`${file} is not a local stack description: ${issues}`);
  }
  const data = parsed.data;
  const auth = data.credentials?.authRole;
  let authRole: LocalStack['authRole'];
  if (auth) {
    const expiration = typeof auth.expiration === 'number' ? new Date(auth.expiration < 1e12 ? auth.expiration * 1000 : auth.expiration) : new Date(auth.expiration);
    if (Number.isNaN(expiration.getTime())) {
      throw new LocalStackFileError(`${file}: credentials.authRole.expiration is not a date: ${JSON.stringify(auth.expiration)}`);
    }
    authRole = { ...auth, expiration };
  }
  return {
    file,
    ...(typeof data.pid === 'number' && Number.isInteger(data.pid) && data.pid > 0 ? { pid: data.pid } : {}),
    region: data.region,
    graphqlUrl: data.graphqlUrl,
    realtimeUrl: data.realtimeUrl,
    cognito: {
      userPoolId: data.cognito?.userPoolId,
      clientId: data.cognito?.userPoolClientId ?? data.cognito?.clientId,
      identityPoolId: data.cognito?.identityPoolId,
      userPoolEndpoint: data.cognito?.userPoolEndpoint,
      identityPoolEndpoint: data.cognito?.identityPoolEndpoint,
      providerName: data.cognito?.providerName,
    },
    authRole,
  };
}

/** Injectable parts of {@link assertLocalStackRunning}. */
export interface LocalStackProbeDeps {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default signal 0 through `process.kill` */
  isProcessAlive?: (pid: number) => boolean;
  /**
   * How long the one request to `graphqlUrl` may take.
   * @default 2000
   */
  timeoutMs?: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `code` of an error or of one of its causes (fetch wraps the socket error as its cause). */
function errorCode(err: unknown): string | undefined {
  // Not `instanceof Error`: fetch's errors may come from another realm (a test sandbox).
  let current = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/**
 * Checks that the stack a local stack file describes is up before the CLI connects to it (a file left by
 * a stack that is gone would otherwise be retried for ever): its `pid`, when the file has one, must be a
 * live process, and `graphqlUrl` must answer an HTTP request (any status). Throws
 * {@link LocalStackNotRunningError} when the process is gone or the connection is refused; any other
 * failure of the request (a slow answer) is left to the client, which reports and retries it.
 *
 * @example
 * ```ts
 * await assertLocalStackRunning(readLocalStack(findLocalStackFile(process.cwd())));
 * ```
 */
export async function assertLocalStackRunning(stack: LocalStack, deps: LocalStackProbeDeps = {}): Promise<void> {
  if (stack.pid !== undefined && !(deps.isProcessAlive ?? processAlive)(stack.pid)) {
    throw new LocalStackNotRunningError(stack.file, `process ${stack.pid}, which wrote it, is gone`);
  }
  try {
    const response = await (deps.fetch ?? fetch)(stack.graphqlUrl, { method: 'GET', signal: AbortSignal.timeout(deps.timeoutMs ?? 2000) });
    // Only reachability matters; the body is not read.
    await response.body?.cancel();
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ECONNREFUSED') throw new LocalStackNotRunningError(stack.file, `nothing listens at ${stack.graphqlUrl}`, { cause: err });
  }
}
