// Integration: the esbuild bundle of the handler, run as Lambda runs it (fresh Node process, the
// function role's credentials in its environment), against the local AppSync serving the synthesized
// template (real resolvers on dynalite, SigV4 and IAM checks, real-time subscriptions).
import { join } from 'node:path';
import { bundledFunctionFixture, eventually, runBundledHandler, signedInUser, subscribeNotifications } from '@notifier/lambda-kit/testing';
import { AppSyncHttpError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyDatasetRefreshedDocument } from '@notifier/schema';
import completed from './events/eventbridge/sagemaker-training-completed.json';
import artifact from './events/eventbridge/s3-object-created-model-artifact.json';

const ROLE = 'model-ready-notice';

describe('Function: handler (bundled, against the local AppSync)', () => {
  const fn = bundledFunctionFixture({ appDir: join(__dirname, '..'), role: ROLE });

  it('delivers exactly one notification to a subscriber when the event and the upload both arrive, twice', async () => {
    // Prepare
    const user = signedInUser(fn.appsync, 1);
    const subscriber = await subscribeNotifications(fn.appsync, user.credentials, ['MODEL_READY']);

    try {
      // Act
      const runs = [];
      for (const event of [completed, completed, artifact, artifact]) {
        runs.push(await runBundledHandler({ bundle: fn.bundle, event: structuredClone(event), env: fn.env(), functionName: ROLE }));
      }
      await eventually(() => subscriber.received.length > 0, { what: 'the notification' });
      await new Promise((resolve) => setTimeout(resolve, 500));

      // Assess
      expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      expect(runs.map((r) => (r.result as { status: string }[])[0]?.status)).toEqual(['notified', 'duplicate', 'duplicate', 'duplicate']);
      expect(subscriber.received.map((r) => r.source)).toEqual(['live']);
      expect(subscriber.received[0]?.notification).toMatchObject({
        kind: 'MODEL_READY',
        audience: 'BROADCAST',
        modelReady: {
          modelName: 'churn',
          version: '3',
          artifactLocation: completed.detail.ModelArtifacts.S3ModelArtifacts,
          metrics: [
            { name: 'validation:auc', value: 0.9134 },
            { name: 'train:logloss', value: 0.2712 },
          ],
        },
      });
      const notifiedLog = runs[0]?.logs.find((l) => l.message === 'model ready notified');
      expect(notifiedLog).toMatchObject({ eventId: completed.id, notificationId: subscriber.received[0]?.notification.id, service: ROLE });
    } finally {
      subscriber.stop();
    }
  });

  it("denies this function's role another app's mutation", async () => {
    // Prepare
    const client = createAppSyncClient({ url: fn.appsync.graphqlUrl, region: fn.appsync.region, credentials: fn.appsync.mintForRole(ROLE) });

    // Act
    const call = client.mutate(NotifyDatasetRefreshedDocument, {
      input: { idempotencyKey: 'sales#denied', dataset: 'sales', version: 'denied', recordCount: 1, completedAt: '2026-11-27T09:00:00Z' },
    });

    // Assess
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
    await expect(call).rejects.toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
  });
});
