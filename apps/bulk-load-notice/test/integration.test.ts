// Integration: the esbuild bundle of the handler, run as Lambda runs it (fresh Node process, the
// function role's credentials in its environment), against the local AppSync serving the synthesized
// template (real resolvers on dynalite, SigV4 and IAM checks, real-time subscriptions). The manifest
// path (a GetObject from local S3) runs end to end in the local stack's tests, on the demo path.
import { join } from 'node:path';
import { bundledFunctionFixture, eventually, runBundledHandler, signedInUser, subscribeNotifications } from '@notifier/lambda-kit/testing';
import { AppSyncHttpError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument } from '@notifier/schema';
import completed from './events/eventbridge/bulk-load-completed.json';
import marker from './events/eventbridge/s3-object-created-success-marker.json';

const ROLE = 'bulk-load-notice';

describe('Function: handler (bundled, against the local AppSync)', () => {
  const fn = bundledFunctionFixture({ appDir: join(__dirname, '..'), role: ROLE });

  it('delivers exactly one notification to a subscriber when the event and the marker both arrive, twice', async () => {
    // Prepare
    const user = signedInUser(fn.appsync, 1);
    const subscriber = await subscribeNotifications(fn.appsync, user.credentials, ['DATASET_REFRESHED']);

    try {
      // Act
      const runs = [];
      for (const event of [completed, marker, completed, marker]) {
        runs.push(await runBundledHandler({ bundle: fn.bundle, event: structuredClone(event), env: fn.env(), functionName: ROLE }));
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
    const client = createAppSyncClient({ url: fn.appsync.graphqlUrl, region: fn.appsync.region, credentials: fn.appsync.mintForRole(ROLE) });

    // Act
    const call = client.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: 'churn#denied', modelName: 'churn', version: 'denied', artifactLocation: 's3://m/models/churn/denied/', metrics: [] },
    });

    // Assess
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
    await expect(call).rejects.toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
  });
});
