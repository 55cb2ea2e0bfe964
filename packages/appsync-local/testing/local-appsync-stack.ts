import { cognitoAuthProvider, type TemporaryCredentials } from '@notifier/local-iam';
import { startDynalite } from '../src/dynalite';
import { AppSyncLocalConfigError } from '../src/errors';
import { loadModelFromAssembly } from '../src/model';
import { startLocalAppSync, type LocalAppSync, type LocalAppSyncOptions } from '../src/server';
import { synthesizedAssemblyDir } from './assembly-dir';

/** Options of {@link startLocalAppSyncStack}: those of `startLocalAppSync`, with test defaults. */
export interface LocalAppSyncStackOptions extends Omit<LocalAppSyncOptions, 'tls'> {
  /**
   * The synthesized cloud assembly to serve (ignored when `model` is given).
   * @default synthesizedAssemblyDir()
   */
  assemblyDir?: string;
  /**
   * Also serve HTTPS and WSS (the client needs the server's `caCertPem`).
   * @default false
   */
  tls?: boolean;
}

/** A local AppSync on its own dynalite, serving the synthesized template. */
export interface LocalAppSyncStack {
  readonly appsync: LocalAppSync;
  /** Stops the AppSync listeners, every connection and dynalite. */
  stop(): Promise<void>;
}

/**
 * Starts the local AppSync serving the synthesized template on an in-memory dynalite with the template's
 * tables: plain HTTP on 127.0.0.1, OS-assigned port, region `us-east-1`, account `000000000000`.
 *
 * @example
 * ```ts
 * const stack = await startLocalAppSyncStack();
 * const credentials = stack.appsync.mintForRole('model-ready-notice');
 * await stack.stop();
 * ```
 */
export async function startLocalAppSyncStack(options: LocalAppSyncStackOptions = {}): Promise<LocalAppSyncStack> {
  const { assemblyDir, model, ...rest } = options;
  const accountId = options.accountId ?? '000000000000';
  const region = options.region ?? 'us-east-1';
  const served = model ?? (await loadModelFromAssembly(assemblyDir ?? synthesizedAssemblyDir(), { accountId, region }));
  // Started here rather than by the server, so that a server that fails to start never leaves dynalite running.
  const ownsDynamo = !rest.dynamoDbEndpoint && !rest.dynamoDbClient && served.dataSources.some((source) => source.kind === 'AMAZON_DYNAMODB');
  const dynamo = ownsDynamo ? await startDynalite({ tables: served.tables, region: served.region }) : undefined;
  try {
    const appsync = await startLocalAppSync({ ...rest, model: served, tls: options.tls ?? false, dynamoDbEndpoint: rest.dynamoDbEndpoint ?? dynamo?.endpoint });
    return {
      appsync,
      stop: async () => {
        await appsync.stop();
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await dynamo?.stop();
    throw error;
  }
}

/** A signed-in user of the identity pool, as the local AppSync knows them. */
export interface SignedInUser {
  /** The user pool `sub`. */
  readonly sub: string;
  /** The identity pool identity id (`<region>:<uuid>`), the owner of the user's notifications. */
  readonly identityId: string;
  /** Credentials of `authRole` carrying that identity. */
  readonly credentials: TemporaryCredentials;
}

/** Options of {@link signedInUser}. */
export interface SignedInUserOptions {
  /**
   * Lifetime of the credentials.
   * @default the credential registry's default (one hour)
   */
  durationSeconds?: number;
}

/**
 * Credentials of signed-in user `n` (a fixed Cognito `sub` and identity id per `n`, on `authRole`), as the
 * identity pool would hand them out.
 *
 * @example
 * ```ts
 * const alice = signedInUser(stack.appsync, 1);
 * const bob = signedInUser(stack.appsync, 2, { durationSeconds: 900 });
 * ```
 */
export function signedInUser(appsync: LocalAppSync, n: number, options: SignedInUserOptions = {}): SignedInUser {
  if (!Number.isInteger(n) || n < 0 || n > 99_999_999) throw new AppSyncLocalConfigError(`signedInUser: n must be an integer from 0 to 99999999, got ${n}`);
  const sub = `${String(n).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;
  const identityId = `${appsync.region}:${String(n).padStart(8, '1')}-2222-4333-8444-555555555555`;
  const credentials = appsync.credentials.mintForIdentity({
    role: appsync.role('authRole'),
    identityId,
    identityPoolId: `${appsync.region}:99999999-8888-4777-8666-555555555555`,
    authProvider: cognitoAuthProvider({ region: appsync.region, userPoolId: `${appsync.region}_TestPool`, sub }),
    authType: 'authenticated',
    durationSeconds: options.durationSeconds,
  });
  return { sub, identityId, credentials };
}
