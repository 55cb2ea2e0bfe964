import { createLogger } from '@notifier/lambda-kit';
import {
  batchFailureOf,
  captureLogs,
  createFakeAppSync,
  delivered,
  duplicate,
  lambdaContext,
  type CapturedLogs,
  type FakeReply,
} from '@notifier/lambda-kit/testing';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { createModelReadyNoticeHandler } from '../src/notice';
import completed from './events/eventbridge/sagemaker-training-completed.json';
import untagged from './events/eventbridge/sagemaker-training-completed-untagged.json';
import failed from './events/eventbridge/sagemaker-training-failed.json';
import stopped from './events/eventbridge/sagemaker-training-stopped.json';
import inProgress from './events/eventbridge/sagemaker-training-in-progress.json';
import completedMalformed from './events/eventbridge/sagemaker-training-completed-malformed.json';
import artifact from './events/eventbridge/s3-object-created-model-artifact.json';
import placeholder from './events/eventbridge/s3-object-created-folder-placeholder.json';
import malformedKey from './events/eventbridge/s3-object-created-malformed-key.json';

const URL = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
const credentials = { accessKeyId: 'ASIAMODELREADYEXAMPLE', secretAccessKey: 'model-ready-secret', sessionToken: 'model-ready-token' };
const notification = (id: string) => delivered('notifyModelReady', { id, kind: 'MODEL_READY' });

function setup(reply?: (index: number) => FakeReply | Promise<FakeReply>) {
  const appSync = createFakeAppSync({ credentials, reply: reply && ((_r, i) => reply(i)) });
  const client = createAppSyncClient({ url: URL, region: 'eu-west-1', credentials, fetch: appSync.fetch, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 500 });
  const handler = createModelReadyNoticeHandler({ client, logger: createLogger({ serviceName: 'model-ready-notice', logLevel: 'DEBUG' }) });
  return { appSync, handler };
}

describe('Function: createModelReadyNoticeHandler', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
  });

  it('notifies a completed training job once, signed, with tags, artifact and final metrics', async () => {
    // Prepare
    const { appSync, handler } = setup(() => notification('n-1'));

    // Act
    const outcomes = await handler(structuredClone(completed), lambdaContext({ functionName: 'model-ready-notice' }));

    // Assess
    expect(outcomes).toEqual([{ status: 'notified', eventId: completed.id, via: 'sagemaker-training-job', idempotencyKey: 'churn#3', notificationId: 'n-1' }]);
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests).toHaveLength(1);
    expect(appSync.requests[0]?.query).toMatch(/^\s*mutation NotifyModelReady\(\$input: ModelReadyInput!\)/);
    expect(appSync.requests[0]?.variables).toEqual({
      input: {
        idempotencyKey: 'churn#3',
        modelName: 'churn',
        version: '3',
        artifactLocation: 's3://notifier-models-123456789012/training-output/churn-model-v3-2026-11-27-08-00-00/output/model.tar.gz',
        metrics: [
          { name: 'validation:auc', value: 0.9134 },
          { name: 'train:logloss', value: 0.2712 },
        ],
      },
    });
    expect(appSync.requests[0]?.authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, scopeService: 'appsync', scopeRegion: 'eu-west-1' });
    expect(appSync.requests[0]?.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(logs.withMessage('model ready notified')[0]).toMatchObject({
      level: 'INFO',
      service: 'model-ready-notice',
      eventId: completed.id,
      notificationId: 'n-1',
      idempotencyKey: 'churn#3',
      trainingJobName: completed.detail.TrainingJobName,
      modelFrom: 'tags',
    });
  });

  it('reads name and version from the job name of an untagged job', async () => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    await handler(structuredClone(untagged), lambdaContext());

    // Assess
    expect(appSync.requests[0]?.variables).toMatchObject({ input: { idempotencyKey: 'churn-model#3', modelName: 'churn-model', version: '3' } });
  });

  it('skips, with a warning, a completed job that is neither tagged nor named as a notifier model', async () => {
    // Prepare
    const { appSync, handler } = setup();
    const event = structuredClone(untagged);
    event.detail.TrainingJobName = 'xgboost-2026-11-27-08-00-00-123';

    // Act
    const outcomes = await handler(event, lambdaContext());

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(outcomes).toEqual([
      {
        status: 'skipped',
        eventId: event.id,
        reason: 'training job xgboost-2026-11-27-08-00-00-123 has no notifier:model-name/notifier:model-version tags and a name that does not follow <name>-v<version>[-...]',
      },
    ]);
    expect(logs.withMessage('training job not announced: not a notifier model')[0]).toMatchObject({
      level: 'WARN',
      eventId: event.id,
      trainingJobName: 'xgboost-2026-11-27-08-00-00-123',
    });
  });

  it('notifies an artifact upload with its version folder as location and no metrics', async () => {
    // Prepare
    const { appSync, handler } = setup(() => notification('n-2'));

    // Act
    const outcomes = await handler(structuredClone(artifact), lambdaContext());

    // Assess
    expect(appSync.requests[0]?.variables).toEqual({
      input: { idempotencyKey: 'churn#3', modelName: 'churn', version: '3', artifactLocation: 's3://notifier-models-123456789012/models/churn/3/', metrics: [] },
    });
    expect(outcomes[0]).toMatchObject({ status: 'notified', via: 's3-artifact' });
    expect(logs.withMessage('model ready notified')[0]).toMatchObject({ sequencer: artifact.detail.object.sequencer, objectKey: 'models/churn/3/model.tar.gz' });
  });

  it('sends one idempotency key for repeated SageMaker events and the S3 path, counting repeats as duplicates', async () => {
    // Prepare
    const { appSync, handler } = setup((i) => (i === 0 ? notification('n-3') : duplicate('notifyModelReady')));

    // Act
    const outcomes = [
      ...(await handler(structuredClone(completed), lambdaContext())),
      ...(await handler(structuredClone(completed), lambdaContext())),
      ...(await handler(structuredClone(artifact), lambdaContext())),
    ];

    // Assess
    expect(appSync.requests.map((r) => (r.variables.input as { idempotencyKey: string }).idempotencyKey)).toEqual(['churn#3', 'churn#3', 'churn#3']);
    expect(outcomes.map((o) => o.status)).toEqual(['notified', 'duplicate', 'duplicate']);
    expect(logs.withMessage('model already announced')).toHaveLength(2);
  });

  it.each([
    [failed, 'WARN', 'training job failed: nothing to announce', { failureReason: 'AlgorithmError: training data contains NaN in column 7' }],
    [stopped, 'INFO', 'training job not completed: nothing to announce', { status: 'Stopped' }],
    [inProgress, 'INFO', 'training job not completed: nothing to announce', { status: 'InProgress', secondaryStatus: 'Training' }],
  ])('announces nothing for a job that did not complete, and logs it (%#)', async (fixture, level, message, fields) => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    const outcomes = await handler(structuredClone(fixture), lambdaContext());

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(outcomes).toEqual([{ status: 'skipped', eventId: fixture.id, reason: `training job ${fixture.detail.TrainingJobName} is ${fixture.detail.TrainingJobStatus}` }]);
    expect(logs.withMessage(message)[0]).toMatchObject({ level, eventId: fixture.id, trainingJobName: fixture.detail.TrainingJobName, ...fields });
  });

  it('ignores folder placeholders in the models bucket', async () => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    const outcomes = await handler(structuredClone(placeholder), lambdaContext());

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(outcomes).toEqual([{ status: 'skipped', eventId: placeholder.id, reason: 'folder placeholder, not an artifact' }]);
  });

  it.each([
    [completedMalformed, ['detail.FinalMetricDataList.0.Value: expected number, received string']],
    [{ ...structuredClone(completedMalformed), detail: { ...structuredClone(completedMalformed).detail, FinalMetricDataList: [] } }, [
      'detail.ModelArtifacts.S3ModelArtifacts: expected the s3:// location of the artifact of a Completed job, got undefined',
    ]],
    [malformedKey, ['detail.object.key: expected models/<name>/<version>/<file>']],
    [{ ...structuredClone(artifact), 'detail-type': 'Object Restore Completed' }, [
      'source/detail-type: expected aws.sagemaker/SageMaker Training Job State Change or aws.s3/Object Created, got aws.s3/Object Restore Completed',
    ]],
  ])('fails a malformed event with one error naming the event and the problem (%#)', async (fixture, problems) => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    const error = await batchFailureOf(handler(structuredClone(fixture), lambdaContext()));

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(error.message).toMatch(new RegExp(`^1 of 1 record\\(s\\) failed: ${fixture.id}: `));
    for (const problem of problems) expect(error.message).toContain(problem);
    expect(logs.withMessage('model announcement failed')[0]).toMatchObject({ level: 'ERROR', eventId: fixture.id });
  });

  it('fails the invocation when AppSync stays unreachable, so EventBridge retries it', async () => {
    // Prepare
    const { appSync, handler } = setup(() => ({ networkError: new TypeError('fetch failed') }));

    // Act
    const error = await batchFailureOf(handler(structuredClone(completed), lambdaContext()));

    // Assess
    expect(appSync.requests).toHaveLength(2);
    expect(error.message).toBe(`1 of 1 record(s) failed: ${completed.id}: notifyModelReady failed for churn#3: AppSync request failed: fetch failed`);
  });
});
