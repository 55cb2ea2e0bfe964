import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { TranscribeClient } from '@aws-sdk/client-transcribe';
import {
  BatchProcessingError,
  eventBridgeEventSchema,
  EventBridgeEnvelopeSchema,
  parse,
  parseS3Trigger,
  processBatch,
  type BatchResult,
  type ThrottledRetry,
} from '@notifier/lambda-kit';
import type { TranscriptReadyInput } from '@notifier/schema';
import * as z from 'zod/mini';
import type { StartConfig, SweepConfig } from './config';
import { MalformedEventError } from './errors';
import { transcriptionJobArn } from './job';
import { markNotified, resolveJobResult, type ResolveJobDeps } from './job-result';
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
  /** The function's ARN, whose partition, region and account the Transcribe job ARNs share (for the notified tag). */
  invokedFunctionArn?: string;
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
  /** ALREADY_NOTIFIED: the job carries the notified tag, skipped after `GetTranscriptionJob` alone. */
  status: 'NOTIFIED' | 'ALREADY_NOTIFIED' | 'IGNORED' | 'DEFERRED';
  notification?: 'delivered' | 'duplicate';
  notificationId?: string;
  /** For NOTIFIED: whether the job now carries the notified tag (false: the next sweep checks it in full again). */
  marked?: boolean;
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

/**
 * Resolves one job and sends its notification, then tags the job as notified, logging each step with the trigger id.
 * A job already tagged is skipped before any S3 work. The tag only saves work (the idempotency key keeps repeats
 * harmless), so a job that cannot be tagged is logged at WARN and still counts as notified.
 */
async function notifyJob(
  jobName: string,
  triggerId: string,
  deps: CompleteHandlerDeps,
  resolveDeps: ResolveJobDeps,
  options: { expectFinished: boolean; functionArn: string | undefined },
): Promise<JobNotifyResult> {
  const { logger } = deps;
  const result = await resolveJobResult(jobName, resolveDeps, { expectFinished: options.expectFinished });
  if (result.kind === 'ignored') {
    logger.info('job ignored', { triggerId, jobName, reason: result.reason });
    return { jobName, status: 'IGNORED' };
  }
  if (result.kind === 'notified') {
    logger.info('job already notified (tagged), skipped', { triggerId, jobName, ownerId: result.ownerId, notifiedAt: result.notifiedAt });
    return { jobName, status: 'ALREADY_NOTIFIED' };
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
  let marked = false;
  const jobArn = options.functionArn ? transcriptionJobArn(options.functionArn, jobName) : undefined;
  if (!jobArn) {
    logger.warn('job not tagged as notified: no job ARN (the invocation carries no Lambda function ARN)', { triggerId, jobName, functionArn: options.functionArn });
  } else {
    try {
      await markNotified(jobArn, resolveDeps);
      marked = true;
    } catch (error) {
      logger.warn('job not tagged as notified: the next sweep checks it in full again', { triggerId, jobName, error: error as Error });
    }
  }
  return { jobName, status: 'NOTIFIED', notification: sent.outcome, ...(notificationId ? { notificationId } : {}), marked };
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
      return await notifyJob(
        jobName,
        parsed.id,
        deps,
        { transcribe: deps.transcribe, s3: deps.s3, deadline, now, sleep: deps.sleep, onRetry: retryLogger(deps.logger, parsed.id) },
        { expectFinished: finished, functionArn: context.invokedFunctionArn },
      );
    } catch (error) {
      deps.logger.error('job notification failed', { triggerId: parsed.id, jobName, error: error as Error });
      throw error;
    }
  };
}

/**
 * Builds the scheduled sweep: notifier's jobs that finished within the window are handled oldest first (COMPLETED and
 * FAILED merged by finish time) exactly as the complete handler does. A job tagged as notified is skipped after one
 * `GetTranscriptionJob`; any other already notified job comes back as a duplicate (the idempotency key is the job
 * name) and is tagged then, so a lost or failed completion event loses nothing and each job is redone in full at most
 * once. Work is bounded by the deadline: jobs not reached are left to the next run (DEFERRED) and the run logs a
 * warning with the counts. Failed jobs are named in one lambda-kit `BatchProcessingError` after all others were handled.
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
    // Failed jobs still get the summary (and its deferred warning) before the error naming them is thrown.
    const batch = processBatch(
      listing.jobs,
      async ({ name: jobName }): Promise<JobNotifyResult> => {
        if (now() >= deadline) return { jobName, status: 'DEFERRED' };
        return notifyJob(
          jobName,
          trigger.id,
          deps,
          { transcribe: deps.transcribe, s3: deps.s3, deadline, now, sleep: deps.sleep, onRetry: retryLogger(logger, trigger.id) },
          { expectFinished: false, functionArn: context.invokedFunctionArn },
        );
      },
      {
        recordId: (job) => job.name,
        onFailure: (failure) => logger.error('job notification failed', { triggerId: trigger.id, jobName: failure.id, error: failure.error as Error }),
      },
    ).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => {
        if (error instanceof BatchProcessingError) return { result: error.result as BatchResult<JobNotifyResult>, error };
        throw error;
      },
    );
    const { result, error } = await batch;
    const jobs = result.successes.map((s) => s.value);
    const summary = {
      triggerId: trigger.id,
      windowHours: deps.config.windowHours,
      listed: listing.jobs.length,
      listingComplete: listing.complete,
      delivered: jobs.filter((j) => j.notification === 'delivered').length,
      duplicates: jobs.filter((j) => j.notification === 'duplicate').length,
      alreadyNotified: jobs.filter((j) => j.status === 'ALREADY_NOTIFIED').length,
      untagged: jobs.filter((j) => j.status === 'NOTIFIED' && !j.marked).length,
      ignored: jobs.filter((j) => j.status === 'IGNORED').length,
      deferred: jobs.filter((j) => j.status === 'DEFERRED').length,
      failed: result.failures.length,
    };
    // Work left over means the window holds more than one run can do: worth an operator's look, not only a count.
    if (summary.deferred > 0 || !summary.listingComplete) logger.warn('sweep finished with jobs left to the next run', summary);
    else logger.info('sweep finished', summary);
    if (error) throw error;
    return { ...summary, jobs };
  };
}
