import {
  EventBridgeEnvelopeSchema,
  parse,
  createEventBridgeHandler,
  S3ObjectCreatedEventSchema,
  s3Uri,
  ValidationError,
  type Logger,
} from '@notifier/lambda-kit';
import { deadlineFromContext, type AppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument, type MetricInput } from '@notifier/schema';
import { NotifyError } from './errors';
import { TrainingJobStateChangeEventSchema } from './events';
import { meaningOfModelKey, metricsOf, modelOfTrainingJob, NOT_A_MODEL_REASON, toModelReadyInput } from './model';

/** Time kept before the Lambda timeout to log and fail cleanly. */
export const MARGIN_MS = 1000;

const TRAINING_SOURCE = 'aws.sagemaker';
const TRAINING_DETAIL_TYPE = 'SageMaker Training Job State Change';

/** How a model was announced. */
export type Announcement = 'sagemaker-training-job' | 's3-artifact';

/** What became of one event. */
export type NoticeOutcome =
  | { status: 'notified'; eventId: string; via: Announcement; idempotencyKey: string; notificationId: string | null }
  | { status: 'duplicate'; eventId: string; via: Announcement; idempotencyKey: string }
  | { status: 'skipped'; eventId: string; reason: string };

/** What the handler needs from outside. */
export interface ModelReadyNoticeDeps {
  /** The AppSync client (signed with the function role's credentials). */
  client: Pick<AppSyncClient, 'mutate'>;
  /** Structured logger. */
  logger: Logger;
  /**
   * Current time in epoch ms.
   * @default Date.now
   */
  clock?: () => number;
}

/**
 * Builds the model-ready-notice handler. EventBridge invokes it with one event: a `SageMaker Training Job
 * State Change` (only `Completed` notifies; `Failed` and `Stopped` are logged) or an S3 `Object Created`
 * under `models/<name>/<version>/`. Every record is processed, then the invocation fails with one error
 * naming the failed records, so EventBridge's retry and then the dead-letter queue take them.
 *
 * @example
 * ```ts
 * export const handler = createModelReadyNoticeHandler({ client: appSync, logger });
 * ```
 */
export function createModelReadyNoticeHandler(deps: ModelReadyNoticeDeps) {
  const clock = deps.clock ?? Date.now;
  return createEventBridgeHandler({
    logger: deps.logger,
    failureMessage: 'model announcement failed',
    deadlineOf: (context) => deadlineFromContext(context, MARGIN_MS, clock),
    handle: (record, deadline) => noticeOf(record, deps, deadline),
  });
}

async function noticeOf(record: unknown, deps: ModelReadyNoticeDeps, deadline: number): Promise<NoticeOutcome> {
  const { logger } = deps;
  const envelope = parse(EventBridgeEnvelopeSchema, record, 'EventBridge event');
  const eventId = envelope.id;
  let via: Announcement;
  let model: { modelName: string; version: string; artifactLocation: string; metrics: MetricInput[] };

  if (envelope.source === TRAINING_SOURCE && envelope['detail-type'] === TRAINING_DETAIL_TYPE) {
    const { detail } = parse(TrainingJobStateChangeEventSchema, record, `${TRAINING_DETAIL_TYPE} event`);
    logger.appendKeys({ trainingJobName: detail.TrainingJobName });
    const job = { eventId, trainingJobName: detail.TrainingJobName, status: detail.TrainingJobStatus, secondaryStatus: detail.SecondaryStatus };
    if (detail.TrainingJobStatus !== 'Completed') {
      const reason = `training job ${detail.TrainingJobName} is ${detail.TrainingJobStatus}`;
      if (detail.TrainingJobStatus === 'Failed') logger.warn('training job failed: nothing to announce', { ...job, failureReason: detail.FailureReason });
      else logger.info('training job not completed: nothing to announce', job);
      return { status: 'skipped', eventId, reason };
    }
    const artifact = detail.ModelArtifacts?.S3ModelArtifacts;
    if (!artifact?.startsWith('s3://')) {
      throw new ValidationError(`${TRAINING_DETAIL_TYPE} event`, [
        { path: 'detail.ModelArtifacts.S3ModelArtifacts', message: `expected the s3:// location of the artifact of a Completed job, got ${JSON.stringify(artifact)}` },
      ]);
    }
    const identity = modelOfTrainingJob(detail);
    if (!identity) {
      // Not a model for notifier (the rule sees every training job of the account); WARN so a job meant
      // for notifier but neither tagged nor named by the convention is noticed.
      logger.warn('training job not announced: not a notifier model', { ...job, reason: NOT_A_MODEL_REASON });
      return { status: 'skipped', eventId, reason: `training job ${detail.TrainingJobName} has ${NOT_A_MODEL_REASON}` };
    }
    via = 'sagemaker-training-job';
    model = { modelName: identity.modelName, version: identity.version, artifactLocation: artifact, metrics: metricsOf(detail) };
    logger.appendKeys({ modelFrom: identity.from });
  } else if (envelope.source === 'aws.s3' && envelope['detail-type'] === 'Object Created') {
    const event = parse(S3ObjectCreatedEventSchema, record, 'S3 Object Created event');
    const { bucket, object } = event.detail;
    logger.appendKeys({ sequencer: object.sequencer, objectKey: object.key });
    const meaning = meaningOfModelKey(object.key);
    if (meaning.kind === 'ignored') {
      logger.info('object ignored', { eventId, location: s3Uri(bucket.name, object.key), reason: meaning.reason });
      return { status: 'skipped', eventId, reason: meaning.reason };
    }
    via = 's3-artifact';
    // The version folder, not the object: a model may be several files, and whichever lands first announces it.
    model = { modelName: meaning.modelName, version: meaning.version, artifactLocation: s3Uri(bucket.name, meaning.prefix), metrics: [] };
  } else {
    throw new ValidationError('EventBridge event', [
      {
        path: 'source/detail-type',
        message: `expected ${TRAINING_SOURCE}/${TRAINING_DETAIL_TYPE} or aws.s3/Object Created, got ${envelope.source}/${envelope['detail-type']}`,
      },
    ]);
  }

  const input = toModelReadyInput(model);
  let result;
  try {
    result = await deps.client.mutate(NotifyModelReadyDocument, { input }, { deadline });
  } catch (error) {
    throw new NotifyError(`notifyModelReady failed for ${input.idempotencyKey}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const context = { eventId, via, idempotencyKey: input.idempotencyKey, modelName: input.modelName, version: input.version };
  if (result.outcome === 'duplicate') {
    logger.info('model already announced', context);
    return { status: 'duplicate', eventId, via, idempotencyKey: input.idempotencyKey };
  }
  const notificationId = result.data.notifyModelReady?.id ?? null;
  logger.info('model ready notified', { ...context, notificationId, artifactLocation: input.artifactLocation });
  return { status: 'notified', eventId, via, idempotencyKey: input.idempotencyKey, notificationId };
}

