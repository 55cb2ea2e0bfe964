import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModelFromAssembly, startDynalite, startLocalAppSync, type LocalAppSync } from '@notifier/appsync-local';
import { cognitoAuthProvider, type TemporaryCredentials } from '@notifier/local-iam';

const ROOT = path.resolve(__dirname, '../../..');
// What the synthesized API, tables and roles depend on.
const INPUTS = ['infra/lib', 'infra/bin', 'infra/package.json', 'schema/schema.graphql', 'schema/dist'];

function files(p: string): string[] {
  if (!existsSync(p)) return [];
  return statSync(p).isFile() ? [p] : readdirSync(p).flatMap((name) => files(path.join(p, name)));
}

/**
 * The synthesized template the integration tests serve: `infra/cdk.out` when it is newer than its inputs,
 * else a copy synthesized once (without Lambda bundling, by appsync-local's `scripts/synth-assembly.ts`)
 * into the OS temp folder, keyed by the inputs' state. Safe when several test processes ask at once: each
 * synthesizes aside, then moves its copy into place.
 *
 * @example
 * ```ts
 * const model = await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId: '000000000000', region: 'us-east-1' });
 * ```
 */
export function synthesizedAssemblyDir(): string {
  const inputs = INPUTS.flatMap((p) => files(path.join(ROOT, p))).sort();
  const newest = Math.max(...inputs.map((f) => statSync(f).mtimeMs));
  const official = path.join(ROOT, 'infra/cdk.out');
  const officialManifest = path.join(official, 'manifest.json');
  if (existsSync(officialManifest) && statSync(officialManifest).mtimeMs >= newest) return official;
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(`${f}:${statSync(f).mtimeMs}:${statSync(f).size}\n`);
  const dir = path.join(os.tmpdir(), 'notifier-appsync-local-assembly', hash.digest('hex').slice(0, 16));
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    const appsyncLocal = path.join(ROOT, 'packages/appsync-local');
    const scratch = `${dir}.${process.pid}`;
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(appsyncLocal, 'scripts/synth-assembly.ts'), scratch], {
      stdio: 'inherit',
      cwd: appsyncLocal,
    });
    try {
      renameSync(scratch, dir);
    } catch {
      rmSync(scratch, { recursive: true, force: true });
      if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`could not place the synthesized template in ${dir}`);
    }
  }
  return dir;
}

/** A local AppSync on its own dynalite, serving the synthesized template. */
export interface LocalAppSyncStack {
  readonly appsync: LocalAppSync;
  /** Stops the AppSync listeners and dynalite. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite with the template's tables and the local AppSync serving the template (plain HTTP on
 * 127.0.0.1, OS-assigned ports), region `us-east-1`, account `000000000000`.
 *
 * @example
 * ```ts
 * const stack = await startLocalAppSyncStack();
 * const credentials = stack.appsync.mintForRole('model-ready-notice');
 * ```
 */
export async function startLocalAppSyncStack(): Promise<LocalAppSyncStack> {
  const model = await loadModelFromAssembly(synthesizedAssemblyDir(), { accountId: '000000000000', region: 'us-east-1' });
  const dynamo = await startDynalite({ tables: model.tables, region: model.region });
  try {
    const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint, tls: false });
    return {
      appsync,
      stop: async () => {
        await appsync.stop();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/** A signed-in user of the identity pool, as the local AppSync knows them. */
export interface SignedInUser {
  readonly sub: string;
  readonly identityId: string;
  readonly credentials: TemporaryCredentials;
}

/**
 * Credentials of a signed-in user (`authRole`, Cognito identity `n`), as the identity pool would hand out.
 *
 * @example
 * ```ts
 * const alice = signedInUser(stack.appsync, 1);
 * ```
 */
export function signedInUser(appsync: LocalAppSync, n: number): SignedInUser {
  const sub = `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd`;
  const identityId = `${appsync.region}:1111111${n}-2222-4333-8444-555555555555`;
  const credentials = appsync.credentials.mintForIdentity({
    role: appsync.role('authRole'),
    identityId,
    identityPoolId: `${appsync.region}:99999999-8888-4777-8666-555555555555`,
    authProvider: cognitoAuthProvider({ region: appsync.region, userPoolId: `${appsync.region}_TestPool`, sub }),
    authType: 'authenticated',
  });
  return { sub, identityId, credentials };
}
