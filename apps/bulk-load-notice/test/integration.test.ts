// Integration: the esbuild bundle of the handler, run as Lambda runs it (fresh Node process, the
// function role's credentials in its environment), against the local AppSync serving the synthesized
// template (real resolvers on dynalite, SigV4 and IAM checks, real-time subscriptions). The manifest
// path is left to the unit tests: the local S3 (s3rver) accepts only its own credentials, not the role's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambda } from '@notifier/lambda-kit/build';
import { eventually, functionEnvironment, runBundledHandler, signedInUser, startLocalAppSyncStack, subscribeNotifications, type LocalAppSyncStack } from '@notifier/lambda-kit/testing';
import { AppSyncHttpError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument } from '@notifier/schema';
import completed from './events/eventbridge/bulk-load-completed.json';
import marker from './events/eventbridge/s3-object-created-success-marker.json';

const ROLE = 'bulk-load-notice';

describe('Function: handler (bundled, against the local AppSync)', () => {
  let stack: LocalAppSyncStack;
  let outdir: string;
  let bundle: string;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'bulk-load-notice-bundle-'));
    const [built] = await bundleLambda({ entries: ['src/handler.ts'], outdir, cwd: join(__dirname, '..') });
    bundle = built!.outfile;
    stack = await startLocalAppSyncStack();
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  const lambdaEnv = (): Record<string, string> => functionEnvironment(stack.appsync, ROLE);

  it('delivers exactly one notification to a subscriber when the event and the marker both arrive, twice', async () => {
    // Prepare
    const user = signedInUser(stack.appsync, 1);
    const subscriber = await subscribeNotifications(stack.appsync, user.credentials, ['DATASET_REFRESHED']);

    try {
      // Act
      const runs = [];
      for (const event of [completed, marker, completed, marker]) {
        runs.push(await runBundledHandler({ bundle, event: structuredClone(event), env: lambdaEnv(), functionName: ROLE }));
      }
      await eventually(() => subscriber.received.length > 0, { what: 'the notification' });
      await new Promise((resolve) => setTimeout(resolve, 500));

      // Assess
      expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      expect(runs.map((r) => (r.result as { status: string }[])[0]?.status)).toEqual(['notified', 'duplicate', 'duplicate', 'duplicate']);
      expect(subscriber.received.map((r) => r.source)).toEqual(['live']);
      expect(subscriber.received[0]?.notification).toMatchObject({
        kind: 'DATASET_REFRESHED',
        audience: 'BROADCAST',
        datasetRefreshed: { dataset: 'sales', version: '2026-11-27', recordCount: 1200, completedAt: '2026-11-27T09:15:40.000Z' },
      });
      const notifiedLog = runs[0]?.logs.find((l) => l.message === 'dataset refresh notified');
      expect(notifiedLog).toMatchObject({ eventId: completed.id, notificationId: subscriber.received[0]?.notification.id, service: ROLE });
    } finally {
      subscriber.stop();
    }
  });

  it("denies this function's role another app's mutation", async () => {
    // Prepare
    const client = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole(ROLE) });

    // Act
    const call = client.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: 'churn#denied', modelName: 'churn', version: 'denied', artifactLocation: 's3://m/models/churn/denied/', metrics: [] },
    });

    // Assess
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
    await expect(call).rejects.toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
  });
});
