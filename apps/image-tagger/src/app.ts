import type { Logger } from '@aws-lambda-powertools/logger';
import { ownerOf, parseS3Trigger, processBatch, s3Uri, type S3ObjectRef } from '@notifier/lambda-kit';
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ImageTaggedInput } from '@notifier/schema';
import type { ImageTaggerConfig } from './config';
import { MalformedEventError } from './errors';
import { tagImage } from './tagger';

/** Sends the image-tagged notification; resolves with the stored notification's id, or `duplicate`. */
export type NotifyImageTagged = (
  input: ImageTaggedInput,
  options: { deadline: number },
) => Promise<{ outcome: 'delivered'; notificationId: string | undefined } | { outcome: 'duplicate' }>;

/** The part of the Lambda context the handler reads. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  awsRequestId?: string;
}

/** What the handler did with one record. */
export interface RecordResult {
  /** Trigger id: the EventBridge event id, or `Records[i](sequencer)`. */
  id: string;
  /** TAGGED / SKIPPED as notified, or IGNORED (not under `private/<identityId>/`). */
  status: 'TAGGED' | 'SKIPPED' | 'IGNORED';
  /** How AppSync took the notification (absent when ignored). */
  notification?: 'delivered' | 'duplicate';
  /** Id of the stored notification (delivered only). */
  notificationId?: string;
}

/** Dependencies of {@link createImageTaggerHandler}. */
export interface ImageTaggerDeps {
  /** Validated configuration. */
  config: ImageTaggerConfig;
  /** S3 client. */
  s3: S3Client;
  /** Rekognition client. */
  rekognition: RekognitionClient;
  /** Sends the notification. */
  notify: NotifyImageTagged;
  /** Structured logger. */
  logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Time kept free at the end of the invocation for logging and the failure report, in ms. @default 1000 */
  deadlineMarginMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Waits between throttled attempts. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The idempotency key of an image notification: the object and its version (version id, else ETag), so a repeated
 * event for the same upload notifies once and a new upload under the same key notifies again.
 *
 * @example
 * imageIdempotencyKey({ bucket: 'media', key: 'private/x/a.jpg' }, '9b2cf535f27731c974343645a3985328');
 */
export function imageIdempotencyKey(ref: Pick<S3ObjectRef, 'bucket' | 'key'>, objectVersion: string): string {
  return `${s3Uri(ref.bucket, ref.key)}#${objectVersion}`;
}

/** Reads the trigger's records; an event of no known shape is logged, then fails the invocation. */
function parseTrigger(event: unknown, logger: ImageTaggerDeps['logger']) {
  try {
    return parseS3Trigger(event);
  } catch (error) {
    const malformed = new MalformedEventError((error as Error).message, { cause: error });
    logger.error('malformed event', { error: malformed });
    throw malformed;
  }
}

/**
 * Builds the image-tagger Lambda handler: every record of the event is tagged (or skipped) and its owner notified;
 * failed records are named in one lambda-kit `BatchProcessingError` thrown after all the others were handled.
 *
 * @example
 * export const handler = createImageTaggerHandler({ config, s3, rekognition, notify, logger });
 */
export function createImageTaggerHandler(deps: ImageTaggerDeps) {
  const now = deps.now ?? Date.now;
  const margin = deps.deadlineMarginMs ?? 1000;
  const { logger } = deps;

  const processRecord = async (id: string, ref: S3ObjectRef, deadline: number): Promise<RecordResult> => {
    const owner = ownerOf(ref.key);
    if (!owner) {
      logger.info('object ignored: not under private/<identityId>/', { triggerId: id, bucket: ref.bucket, key: ref.key });
      return { id, status: 'IGNORED' };
    }
    const outcome = await tagImage(ref, {
      s3: deps.s3,
      rekognition: deps.rekognition,
      maxLabels: deps.config.maxLabels,
      minConfidence: deps.config.minConfidence,
      deadline,
      now,
      sleep: deps.sleep,
      onRetry: (info) => logger.warn('throttled, retrying', { triggerId: id, ...info, error: info.error.name }),
    });
    const input: ImageTaggedInput = {
      idempotencyKey: imageIdempotencyKey(ref, outcome.objectVersion),
      ownerId: owner,
      bucket: ref.bucket,
      key: ref.key,
      status: outcome.status,
      labels: outcome.status === 'TAGGED' ? outcome.labels : [],
      reason: outcome.status === 'SKIPPED' ? outcome.reason : null,
    };
    if (outcome.status === 'SKIPPED') {
      logger.warn('image skipped', { triggerId: id, bucket: ref.bucket, key: ref.key, reason: outcome.reason });
    }
    const sent = await deps.notify(input, { deadline });
    const notificationId = sent.outcome === 'delivered' ? sent.notificationId : undefined;
    logger.info(sent.outcome === 'delivered' ? 'notification delivered' : 'notification already sent (duplicate)', {
      triggerId: id,
      notificationId,
      idempotencyKey: input.idempotencyKey,
      ownerId: owner,
      status: outcome.status,
      labels: input.labels.length,
    });
    return { id, status: outcome.status, notification: sent.outcome, ...(notificationId ? { notificationId } : {}) };
  };

  return async (event: unknown, context: InvocationContext): Promise<{ records: RecordResult[] }> => {
    const deadline = now() + context.getRemainingTimeInMillis() - margin;
    const records = parseTrigger(event, logger);
    const { successes } = await processBatch(
      records,
      async (record) => {
        if (!record.ok) throw record.error;
        return processRecord(record.id, record.ref, deadline);
      },
      {
        recordId: (record) => record.id,
        onFailure: (failure, record) =>
          logger.error(record.ok ? 'record failed' : 'malformed record', {
            triggerId: failure.id,
            ...(record.ok ? { bucket: record.ref.bucket, key: record.ref.key } : {}),
            error: failure.error as Error,
          }),
      },
    );
    return { records: successes.map((s) => s.value) };
  };
}
