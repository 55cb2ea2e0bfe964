import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import { eventBridgeEventSchema, EventBridgeEnvelopeSchema, parse, parseS3Trigger, processBatch, type ThrottledRetry } from '@notifier/lambda-kit';
import type { TranscriptReadyInput } from '@notifier/schema';
import * as z from 'zod/mini';
import type { StartConfig, SweepConfig } from './config';
import { MalformedEventError } from './errors';
import { resolveJobResult, type ResolveJobDeps } from './job-result';
import { startTranscription } from './starter';
import { listRecentFinishedJobs } from './sweeper';

/** Sends the transcript-ready notification; resolves with the stored notification's id, or `duplicate`. */
export type NotifyTranscriptReady = (
  input: TranscriptReadyInput,
  options: { deadline: number },
) => Promise<{ outcome: 'delivered'; notificationId: string | undefined } | { outcome: 'duplicate' }>;

/** The part of the Lambda context the handlers read. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Structured logger (the Powertools Logger). */
export type AppLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** What every handler factory takes besides its own clients. */
interface CommonDeps {
  /** Structured logger. */
  logger: AppLogger;
  /** Time kept free at the end of the invocation for logging and the failure report, in ms. @default 1000 */
  deadlineMarginMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Waits between throttled attempts. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
}

/** Dependencies of {@link createStartHandler}. */
export interface StartHandlerDeps extends CommonDeps {
  /** Validated start configuration. */
  config: StartConfig;
  /** S3 client. */
  s3: S3Client;
  /** Transcribe client. */
  transcribe: TranscribeClient;
}

/** Dependencies of {@link createCompleteHandler}. */
export interface CompleteHandlerDeps extends CommonDeps {
  /** S3 client (reads transcripts). */
  s3: S3Client;
  /** Transcribe client. */
  transcribe: TranscribeClient;
  /** Sends the notification. */
  notify: NotifyTranscriptReady;
}

/** Dependencies of {@link createSweepHandler}. */
export interface SweepHandlerDeps extends CompleteHandlerDeps {
  /** Validated sweep configuration. */
  config: SweepConfig;
}

/** What the start handler did with one record. */
export interface StartRecordResult {
  id: string;
  status: 'STARTED' | 'ALREADY_STARTED' | 'IGNORED';
  jobName?: string;
}

/** What happened to one finished job. */
export interface JobNotifyResult {
  jobName: string;
  status: 'NOTIFIED' | 'IGNORED' | 'DEFERRED';
  notification?: 'delivered' | 'duplicate';
  notificationId?: string;
}

/** The EventBridge event Transcribe sends when a job changes state (`detail` carries only name and status). */
export const TranscribeJobStateChangeSchema = eventBridgeEventSchema(
  'aws.transcribe',
  'Transcribe Job State Change',
  z.object({ TranscriptionJobName: z.string().check(z.minLength(1)), TranscriptionJobStatus: z.string() }),
);

const retryLogger = (logger: AppLogger, triggerId: string) => (info: ThrottledRetry) =>
  logger.warn('throttled, retrying', { triggerId, operation: info.operation, attempt: info.attempt, delayMs: info.delayMs, error: info.error.name });

/** Reads the trigger's records; an event of no known shape is logged, then fails the invocation. */
function parseTrigger(event: unknown, logger: AppLogger) {
  try {
    return parseS3Trigger(event);
  } catch (error) {
    const malformed = new MalformedEventError((error as Error).message, { cause: error });
    logger.error('malformed event', { error: malformed });
    throw malformed;
  }
}

/**
 * Builds the start handler: each created object under `private/<identityId>/` in a Transcribe format starts one job
 * (a repeated event finds it started); other objects are ignored with a log line. Failed records are named in one
 * lambda-kit `BatchProcessingError` thrown after all the others were handled.
 *
 * @example
 * export const handler = createStartHandler({ config, s3, transcribe, logger });
 */
export function createStartHandler(deps: StartHandlerDeps) {
  const now = deps.now ?? Date.now;
  const { logger } = deps;
  return async (event: unknown, context: InvocationContext): Promise<{ records: StartRecordResult[] }> => {
    const deadline = now() + context.getRemainingTimeInMillis() - (deps.deadlineMarginMs ?? 1000);
    const { successes } = await processBatch(
      parseTrigger(event, logger),
      async (record): Promise<StartRecordResult> => {
        if (!record.ok) throw record.error;
        const { ref, id } = record;
        const outcome = await startTranscription(ref, {
          transcribe: deps.transcribe,
          s3: deps.s3,
          transcriptsBucket: deps.config.transcriptsBucket,
          languageCode: deps.config.languageCode,
          deadline,
          now,
          sleep: deps.sleep,
          onRetry: retryLogger(logger, id),
        });
        if (outcome.status === 'IGNORED') {
          logger.info('object ignored', { triggerId: id, bucket: ref.bucket, key: ref.key, reason: outcome.reason });
          return { id, status: 'IGNORED' };
        }
        logger.info(outcome.status === 'STARTED' ? 'transcription job started' : 'transcription job already started (repeated event)', {
          triggerId: id,
          jobName: outcome.jobName,
          ownerId: outcome.ownerId,
          bucket: ref.bucket,
          key: ref.key,
        });
        return { id, status: outcome.status, jobName: outcome.jobName };
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

/** Resolves one job and sends its notification, logging both with the trigger id. */
async function notifyJob(jobName: string, triggerId: string, deps: CompleteHandlerDeps, resolveDeps: ResolveJobDeps, expectFinished: boolean): Promise<JobNotifyResult> {
  const { logger } = deps;
  const result = await resolveJobResult(jobName, resolveDeps, { expectFinished });
  if (result.kind === 'ignored') {
    logger.info('job ignored', { triggerId, jobName, reason: result.reason });
    return { jobName, status: 'IGNORED' };
  }
  const sent = await deps.notify(result.input, { deadline: resolveDeps.deadline });
  const notificationId = sent.outcome === 'delivered' ? sent.notificationId : undefined;
  logger.info(sent.outcome === 'delivered' ? 'notification delivered' : 'notification already sent (duplicate)', {
    triggerId,
    jobName,
    notificationId,
    idempotencyKey: result.input.idempotencyKey,
    ownerId: result.input.ownerId,
    status: result.input.status,
  });
  return { jobName, status: 'NOTIFIED', notification: sent.outcome, ...(notificationId ? { notificationId } : {}) };
}

/**
 * Builds the complete handler: a `Transcribe Job State Change` event -> `GetTranscriptionJob` -> the owner's
 * transcript-ready notification (COMPLETED with excerpt and location, FAILED with the reason). Jobs not started by
 * notifier are ignored with a log line; a malformed event throws {@link MalformedEventError}.
 *
 * @example
 * export const handler = createCompleteHandler({ s3, transcribe, notify, logger });
 */
export function createCompleteHandler(deps: CompleteHandlerDeps) {
  const now = deps.now ?? Date.now;
  return async (event: unknown, context: InvocationContext): Promise<JobNotifyResult> => {
    const deadline = now() + context.getRemainingTimeInMillis() - (deps.deadlineMarginMs ?? 1000);
    let parsed;
    try {
      parsed = parse(TranscribeJobStateChangeSchema, event, 'Transcribe Job State Change event');
    } catch (error) {
      const malformed = new MalformedEventError((error as Error).message, { cause: error });
      deps.logger.error('malformed event', { error: malformed });
      throw malformed;
    }
    const { TranscriptionJobName: jobName, TranscriptionJobStatus: status } = parsed.detail;
    const finished = status === 'COMPLETED' || status === 'FAILED';
    try {
      return await notifyJob(jobName, parsed.id, deps, { transcribe: deps.transcribe, s3: deps.s3, deadline, now, sleep: deps.sleep, onRetry: retryLogger(deps.logger, parsed.id) }, finished);
    } catch (error) {
      deps.logger.error('job notification failed', { triggerId: parsed.id, jobName, error: error as Error });
      throw error;
    }
  };
}

/**
 * Builds the scheduled sweep: notifier's jobs that finished within the window are notified exactly as the complete
 * handler does; the notification's idempotency key (the job name) makes every job already notified a no-op, so a
 * lost or failed completion event loses nothing. Work is bounded by the deadline: jobs not reached are left to the
 * next run (DEFERRED). Failed jobs are named in one lambda-kit `BatchProcessingError` after all others were handled.
 *
 * @example
 * export const handler = createSweepHandler({ config, s3, transcribe, notify, logger });
 */
export function createSweepHandler(deps: SweepHandlerDeps) {
  const now = deps.now ?? Date.now;
  const { logger } = deps;
  return async (event: unknown, context: InvocationContext) => {
    const deadline = now() + context.getRemainingTimeInMillis() - (deps.deadlineMarginMs ?? 1000);
    const trigger = parse(EventBridgeEnvelopeSchema, event, 'scheduled event');
    const since = now() - deps.config.windowHours * 3_600_000;
    const listing = await listRecentFinishedJobs({ transcribe: deps.transcribe, since, deadline, now, sleep: deps.sleep });
    const { successes } = await processBatch(
      listing.jobNames,
      async (jobName): Promise<JobNotifyResult> => {
        if (now() >= deadline) return { jobName, status: 'DEFERRED' };
        return notifyJob(jobName, trigger.id, deps, { transcribe: deps.transcribe, s3: deps.s3, deadline, now, sleep: deps.sleep, onRetry: retryLogger(logger, trigger.id) }, false);
      },
      {
        recordId: (jobName) => jobName,
        onFailure: (failure) => logger.error('job notification failed', { triggerId: trigger.id, jobName: failure.id, error: failure.error as Error }),
      },
    );
    const jobs = successes.map((s) => s.value);
    const summary = {
      triggerId: trigger.id,
      windowHours: deps.config.windowHours,
      listed: listing.jobNames.length,
      listingComplete: listing.complete,
      delivered: jobs.filter((j) => j.notification === 'delivered').length,
      duplicates: jobs.filter((j) => j.notification === 'duplicate').length,
      ignored: jobs.filter((j) => j.status === 'IGNORED').length,
      deferred: jobs.filter((j) => j.status === 'DEFERRED').length,
    };
    logger.info('sweep finished', summary);
    return { ...summary, jobs };
  };
}
