import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalAppSync } from '@notifier/appsync-local';
import { signedInUser, startLocalAppSyncStack, type SignedInUser } from '@notifier/appsync-local/testing';
import { createNotifierClient, type Notification, type NotifierClientOptions } from '@notifier/client';
import type { TemporaryCredentials } from '@notifier/local-iam';
import { LocalLambda, startLocalS3, type LocalS3 } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotificationsDocument } from '@notifier/schema';
import WebSocket from 'ws';
import { bundleLambda } from '../build/bundle';

/**
 * The Lambda environment of a function running as `role` (its `notifier:role` tag) against the local AppSync:
 * `GRAPHQL_URL`, `AWS_REGION`, credentials minted for the role, `POWERTOOLS_SERVICE_NAME` = role, `LOG_LEVEL`.
 *
 * @example
 * ```ts
 * await runBundledHandler({ bundle, event, env: functionEnvironment(stack.appsync, 'bulk-load-notice') });
 * ```
 */
export function functionEnvironment(appsync: LocalAppSync, role: string, extra: Record<string, string> = {}): Record<string, string> {
  const credentials = appsync.mintForRole(role);
  return {
    GRAPHQL_URL: appsync.graphqlUrl,
    AWS_REGION: appsync.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    POWERTOOLS_SERVICE_NAME: role,
    LOG_LEVEL: 'INFO',
    ...extra,
  };
}

/** A live subscriber: the notifications it received over the real-time protocol, and how to stop it. */
export interface NotificationSubscriber {
  /** Each notification with how it arrived (`live`, or `catch-up` from the feed). */
  readonly received: Array<{ readonly notification: Notification; readonly source: string }>;
  stop(): void;
}

/**
 * Subscribes as `credentials` to notifications of the given kinds over the local AppSync's real-time WebSocket
 * (`@notifier/client`), resolving once the subscription is acknowledged.
 *
 * @example
 * ```ts
 * const owner = await subscribeNotifications(stack.appsync, alice.credentials, ['IMAGE_TAGGED']);
 * ```
 */
export async function subscribeNotifications(appsync: LocalAppSync, credentials: TemporaryCredentials, kinds: string[]): Promise<NotificationSubscriber> {
  const client = createNotifierClient({
    graphqlUrl: appsync.graphqlUrl,
    realtimeUrl: appsync.realtimeUrl,
    region: appsync.region,
    credentials,
    WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
  });
  const received: NotificationSubscriber['received'] = [];
  let subscription: { unsubscribe(): void } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('subscription not acknowledged within 10 s')), 10_000);
      subscription = client.subscribe({
        kinds,
        onNotification: (notification, meta) => received.push({ notification, source: meta.source }),
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
  } catch (error) {
    client.close();
    throw error;
  }
  return {
    received,
    stop: () => {
      subscription?.unsubscribe();
      client.close();
    },
  };
}

/**
 * The caller's catch-up feed (`notifications` query, first page), as `credentials`.
 *
 * @example
 * ```ts
 * const feed = await notificationFeed(stack.appsync, alice.credentials);
 * ```
 */
export async function notificationFeed(appsync: LocalAppSync, credentials: TemporaryCredentials): Promise<Array<Record<string, unknown>>> {
  const client = createAppSyncClient({ url: appsync.graphqlUrl, region: appsync.region, credentials });
  const data = await client.query(NotificationsDocument, { after: null });
  return data.notifications.items as unknown as Array<Record<string, unknown>>;
}

/** Options of {@link startLocalFunctionStack}. */
export interface LocalFunctionStackOptions {
  /** The app folder: handler entries are bundled relative to it. */
  appRoot: string;
  /** Buckets of the local S3. */
  buckets: string[];
  /**
   * How long one invocation may run before it times out.
   * @default 20000
   */
  timeoutMs?: number;
}

/** The local AppSync (with dynalite), local S3 and bundled functions running as their roles. */
export interface LocalFunctionStack {
  readonly appsync: LocalAppSync;
  readonly s3: LocalS3;
  /**
   * Bundles `entry` (relative to the app folder) with the shared Lambda settings and runs it in a local Lambda
   * worker as `role`'s function: the role's credentials (also accepted by the local S3), `AWS_ENDPOINT_URL_S3`,
   * path-style S3, `LOG_LEVEL=WARN`, plus `environment`.
   */
  lambda(entry: string, role: string, environment: Record<string, string>): Promise<LocalLambda>;
  /** A signed-in user of the identity pool (`authRole` credentials). */
  user(n: number): SignedInUser;
  /** Stops the functions, local S3, AppSync and dynalite, and removes the bundles. */
  stop(): Promise<void>;
}

/**
 * Starts what the S3-triggered apps' integration tests run against: the local AppSync serving the synthesized
 * template (SigV4 and IAM enforced) on dynalite, local S3 (s3rver) with the given buckets, and a way to run each
 * handler bundle as its role's function.
 *
 * @example
 * ```ts
 * const stack = await startLocalFunctionStack({ appRoot: path.resolve(__dirname, '../..'), buckets: ['uploads'] });
 * const fn = await stack.lambda('src/handler.ts', 'image-tagger', { GRAPHQL_URL: stack.appsync.graphqlUrl });
 * ```
 */
export async function startLocalFunctionStack(options: LocalFunctionStackOptions): Promise<LocalFunctionStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notifier-functions-'));
  const appsyncStack = await startLocalAppSyncStack();
  let s3: LocalS3;
  try {
    s3 = await startLocalS3({ directory: path.join(dir, 's3'), buckets: options.buckets, onObjectCreated: () => undefined });
  } catch (error) {
    await appsyncStack.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const { appsync } = appsyncStack;
  const lambdas: LocalLambda[] = [];
  return {
    appsync,
    s3,
    lambda: async (entry, role, environment) => {
      const [bundle] = await bundleLambda({ entries: [entry], outdir: path.join(dir, 'dist', role), cwd: options.appRoot });
      const credentials = appsync.mintForRole(role);
      s3.allowAccessKey(credentials.accessKeyId, credentials.secretAccessKey);
      const fn = new LocalLambda({
        functionName: role,
        bundlePath: bundle!.outfile,
        region: appsync.region,
        accountId: appsync.accountId,
        timeoutMs: options.timeoutMs ?? 20_000,
        environment: {
          AWS_REGION: appsync.region,
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
    user: (n) => signedInUser(appsync, n),
    stop: async () => {
      await Promise.all(lambdas.map((fn) => fn.close()));
      await s3.stop();
      await appsyncStack.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
