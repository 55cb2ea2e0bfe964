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
import { NotifyDatasetRefreshedDocument } from '@notifier/schema';
import { meaningOfKey, toDatasetRefreshedInput, type CompletedLoad } from './announcement';
import { NotifyError } from './errors';
import { BULK_LOAD_DETAIL_TYPE, BULK_LOAD_SOURCE, BulkLoadCompletedEventSchema, DateTimeSchema } from './events';
import { readManifest } from './manifest';
import type { S3ClientProvider } from './s3';

/** Time kept before the Lambda timeout to log and fail cleanly. */
export const MARGIN_MS = 1000;

/** How an announcement was made. */
export type Announcement = 's3-success-marker' | 's3-manifest' | 'bulk-load-event';

/** What became of one event. */
export type NoticeOutcome =
  | { status: 'notified'; eventId: string; via: Announcement; idempotencyKey: string; notificationId: string | null }
  | { status: 'duplicate'; eventId: string; via: Announcement; idempotencyKey: string }
  | { status: 'ignored'; eventId: string; reason: string };

/** What the handler needs from outside. */
export interface BulkLoadNoticeDeps {
  /** The AppSync client (signed with the function role's credentials). */
  client: Pick<AppSyncClient, 'mutate'>;
  /**
   * Gives the S3 client that reads manifests; called only for a `manifest.json`, so it can load the SDK
   * on first use (`createS3ClientProvider`).
   */
  s3: S3ClientProvider;
  /** Structured logger. */
  logger: Logger;
  /**
   * Current time in epoch ms.
   * @default Date.now
   */
  clock?: () => number;
}

/**
 * Builds the bulk-load-notice handler. EventBridge invokes it with one event (S3 `Object Created` of a
 * `_SUCCESS` marker or a `manifest.json`, or the custom `Bulk Load Completed` event); every record is
 * processed, and the invocation fails with one error naming the failed records so that EventBridge's
 * retry, then the dead-letter queue, take them (retries are safe: the notification is idempotent).
 *
 * @example
 * ```ts
 * export const handler = createBulkLoadNoticeHandler({ client: appSync, s3, logger });
 * ```
 */
export function createBulkLoadNoticeHandler(deps: BulkLoadNoticeDeps) {
  const clock = deps.clock ?? Date.now;
  return createEventBridgeHandler({
    logger: deps.logger,
    failureMessage: 'bulk-load announcement failed',
    deadlineOf: (context) => deadlineFromContext(context, MARGIN_MS, clock),
    handle: (record, deadline) => noticeOf(record, deps, deadline, clock),
  });
}

async function noticeOf(record: unknown, deps: BulkLoadNoticeDeps, deadline: number, clock: () => number): Promise<NoticeOutcome> {
  const envelope = parse(EventBridgeEnvelopeSchema, record, 'EventBridge event');
  const eventId = envelope.id;
  let via: Announcement;
  let load: CompletedLoad;
  if (envelope.source === 'aws.s3' && envelope['detail-type'] === 'Object Created') {
    const event = parse(S3ObjectCreatedEventSchema, record, 'S3 Object Created event');
    const { bucket, object } = event.detail;
    deps.logger.appendKeys({ sequencer: object.sequencer, objectKey: object.key });
    const meaning = meaningOfKey(object.key);
    if (meaning.kind === 'ignored') {
      deps.logger.info('object ignored', { eventId, location: s3Uri(bucket.name, object.key), reason: meaning.reason });
      return { status: 'ignored', eventId, reason: meaning.reason };
    }
    const eventTime = parse(DateTimeSchema, event.time, 'S3 Object Created event time');
    if (meaning.kind === 'marker') {
      via = 's3-success-marker';
      load = { dataset: meaning.dataset, version: meaning.version, recordCount: null, completedAt: eventTime };
    } else {
      via = 's3-manifest';
      const manifest = await readManifest(deps.s3, bucket.name, object.key, { abortSignal: AbortSignal.timeout(Math.max(1, deadline - clock())) });
      load = { dataset: meaning.dataset, version: meaning.version, recordCount: manifest.recordCount, completedAt: manifest.completedAt ?? eventTime };
    }
  } else if (envelope.source === BULK_LOAD_SOURCE && envelope['detail-type'] === BULK_LOAD_DETAIL_TYPE) {
    const { detail } = parse(BulkLoadCompletedEventSchema, record, `${BULK_LOAD_DETAIL_TYPE} event`);
    via = 'bulk-load-event';
    load = { dataset: detail.dataset, version: detail.version, recordCount: detail.recordCount ?? null, completedAt: detail.completedAt };
  } else {
    throw new ValidationError('EventBridge event', [
      {
        path: 'source/detail-type',
        message: `expected aws.s3/Object Created or ${BULK_LOAD_SOURCE}/${BULK_LOAD_DETAIL_TYPE}, got ${envelope.source}/${envelope['detail-type']}`,
      },
    ]);
  }

  const input = toDatasetRefreshedInput(load);
  let result;
  try {
    result = await deps.client.mutate(NotifyDatasetRefreshedDocument, { input }, { deadline });
  } catch (error) {
    throw new NotifyError(`notifyDatasetRefreshed failed for ${input.idempotencyKey}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const context = { eventId, via, idempotencyKey: input.idempotencyKey, dataset: load.dataset, version: load.version };
  if (result.outcome === 'duplicate') {
    deps.logger.info('dataset refresh already notified', context);
    return { status: 'duplicate', eventId, via, idempotencyKey: input.idempotencyKey };
  }
  const notificationId = result.data.notifyDatasetRefreshed?.id ?? null;
  deps.logger.info('dataset refresh notified', { ...context, notificationId, recordCount: load.recordCount });
  return { status: 'notified', eventId, via, idempotencyKey: input.idempotencyKey, notificationId };
}

