import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LocalStackFileError } from './errors';

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
});

/** What the CLI takes from the local stack file. */
export interface LocalStack {
  file: string;
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
