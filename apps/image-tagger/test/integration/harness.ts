import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadModelFromAssembly, startDynalite, startLocalAppSync, type LocalAppSync, type RunningDynalite } from '@notifier/appsync-local';
import { createNotifierClient } from '@notifier/client';
import { bundleLambda } from '@notifier/lambda-kit/build';
import { cognitoAuthProvider, type TemporaryCredentials } from '@notifier/local-iam';
import { LocalLambda, startLocalS3, type LocalS3 } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotificationsDocument } from '@notifier/schema';
import WebSocket from 'ws';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';

/** The local AppSync (with dynalite), local S3 and a folder for bundles: what every integration test needs. */
export interface Harness {
  appsync: LocalAppSync;
  s3: LocalS3;
  dir: string;
  /** Bundles `entry` with the shared Lambda settings and runs it as `role`'s function, with `environment`. */
  lambda(entry: string, role: string, environment: Record<string, string>): Promise<LocalLambda>;
  /** A signed-in user's identity with authenticated-role credentials. */
  user(n: number): { identityId: string; credentials: TemporaryCredentials };
  /** The caller's catch-up feed (`notifications` query), as `credentials`. */
  feed(credentials: TemporaryCredentials): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite, the local AppSync from the synthesized template (SigV4 and IAM enforced) and local S3.
 *
 * @example
 * const h = await startHarness(['uploads']);
 */
export async function startHarness(buckets: string[], appRoot: string): Promise<Harness> {
  const assemblyDir = process.env.NOTIFIER_TEST_ASSEMBLY;
  if (!assemblyDir) throw new Error('NOTIFIER_TEST_ASSEMBLY is not set: run through jest (global setup)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notifier-it-'));
  const model = await loadModelFromAssembly(assemblyDir, { accountId: ACCOUNT, region: REGION });
  const dynamo: RunningDynalite = await startDynalite({ tables: model.tables, region: model.region });
  const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint, tls: false });
  const s3 = await startLocalS3({ directory: path.join(dir, 's3'), buckets, onObjectCreated: () => undefined });
  const lambdas: LocalLambda[] = [];
  return {
    appsync,
    s3,
    dir,
    lambda: async (entry, role, environment) => {
      const [bundle] = await bundleLambda({ entries: [entry], outdir: path.join(dir, 'dist', role), cwd: appRoot });
      const credentials = appsync.mintForRole(role);
      s3.allowAccessKey(credentials.accessKeyId, credentials.secretAccessKey);
      const fn = new LocalLambda({
        functionName: role,
        bundlePath: bundle!.outfile,
        region: REGION,
        accountId: ACCOUNT,
        timeoutMs: 20_000,
        environment: {
          AWS_REGION: REGION,
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          AWS_SESSION_TOKEN: credentials.sessionToken,
          AWS_ENDPOINT_URL_S3: s3.endpoint,
          S3_FORCE_PATH_STYLE: 'true',
          POWERTOOLS_SERVICE_NAME: role,
          LOG_LEVEL: 'WARN',
          ...environment,
        },
      });
      lambdas.push(fn);
      return fn;
    },
    user: (n) => {
      const identityId = `${REGION}:1111111${n}-2222-4333-8444-555555555555`;
      const credentials = appsync.credentials.mintForIdentity({
        role: appsync.role('authRole'),
        identityId,
        identityPoolId: `${REGION}:99999999-8888-4777-8666-555555555555`,
        authProvider: cognitoAuthProvider({ region: REGION, userPoolId: `${REGION}_TestPool`, sub: `0000000${n}-aaaa-4bbb-8ccc-dddddddddddd` }),
        authType: 'authenticated',
      });
      return { identityId, credentials };
    },
    feed: async (credentials) => {
      const client = createAppSyncClient({ url: appsync.graphqlUrl, region: REGION, credentials });
      const data = await client.query(NotificationsDocument, { after: null });
      return data.notifications.items as unknown as Array<Record<string, unknown>>;
    },
    stop: async () => {
      await Promise.all(lambdas.map((fn) => fn.close()));
      await s3.stop();
      await appsync.stop();
      await dynamo.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A live subscriber: what it received over the real-time protocol, and how to stop it. */
export interface Subscriber {
  received: Array<{ kind: string; id: string; source: string }>;
  stop(): void;
}

/**
 * Subscribes as `credentials` to the given kinds over the local AppSync's real-time WebSocket (`@notifier/client`),
 * resolving once the subscription is acknowledged.
 *
 * @example
 * const owner = await subscribe(harness, credentials, ['IMAGE_TAGGED']);
 */
export async function subscribe(harness: Harness, credentials: TemporaryCredentials, kinds: string[]): Promise<Subscriber> {
  const client = createNotifierClient({ graphqlUrl: harness.appsync.graphqlUrl, realtimeUrl: harness.appsync.realtimeUrl, region: REGION, credentials, WebSocket: WebSocket as never });
  const received: Subscriber['received'] = [];
  let subscription: { unsubscribe(): void } | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('subscription not acknowledged within 10 s')), 10_000);
    subscription = client.subscribe({
      kinds,
      onNotification: (notification, meta) => received.push({ kind: String(notification.kind), id: String(notification.id), source: meta.source }),
      onSubscribed: () => {
        clearTimeout(timer);
        resolve();
      },
      onError: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
  });
  return { received, stop: () => subscription?.unsubscribe() };
}

/** Waits until `check` holds (polling every 20 ms), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
