import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, type TranscribeClient, type TranscriptionJob } from '@aws-sdk/client-transcribe';
import { retryThrottled, s3Uri, type ThrottledRetry } from '@notifier/lambda-kit';
import type { TranscriptReadyInput } from '@notifier/schema';
import { JobResultError } from './errors';
import { MEDIA_KEY_TAG, OWNER_TAG } from './job';
import { s3LocationOf, transcriptExcerpt, transcriptText } from './transcript';

/** Largest transcript file read for the excerpt; a larger one is notified without excerpt. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

/** What a finished job comes to: the notification to send, or why there is none. */
export type JobResult = { kind: 'notify'; input: TranscriptReadyInput } | { kind: 'ignored'; reason: string };

/** Everything {@link resolveJobResult} talks to. */
export interface ResolveJobDeps {
  /** Transcribe client (GetTranscriptionJob). */
  transcribe: TranscribeClient;
  /** S3 client (GetObject of the transcript). */
  s3: S3Client;
  /** Epoch ms by which the work must be done; throttled calls are retried until then. */
  deadline: number;
  /** Clock. @default Date.now */
  now?: () => number;
  /** Waits between throttled attempts. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** Told about each throttling retry. @default no-op */
  onRetry?: (info: ThrottledRetry) => void;
}

/**
 * Turns a job into its transcript-ready notification: `GetTranscriptionJob` (status, language, transcript location,
 * tags, failure reason) -> COMPLETED: the transcript JSON read from S3, an excerpt and the full transcript's s3://
 * location; FAILED: the reason. The idempotency key is the job name, so the completion event and the sweep send the
 * same notification and AppSync stores it once. Jobs without the `notifier:owner` tag (not started by notifier),
 * unknown jobs and unfinished ones (when `expectFinished` is false) are ignored.
 *
 * @example
 * const result = await resolveJobResult('notifier-talk.mp4-0123', { transcribe, s3, deadline }, { expectFinished: true });
 */
export async function resolveJobResult(jobName: string, deps: ResolveJobDeps, options: { expectFinished: boolean }): Promise<JobResult> {
  const retry = <T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>) =>
    retryThrottled(run, { deadline: deps.deadline, operation, now: deps.now, sleep: deps.sleep, onRetry: deps.onRetry });

  let job: TranscriptionJob | undefined;
  try {
    job = (
      await retry('GetTranscriptionJob', (abortSignal) => deps.transcribe.send(new GetTranscriptionJobCommand({ TranscriptionJobName: jobName }), { abortSignal }))
    ).TranscriptionJob;
  } catch (error) {
    // Transcribe answers BadRequestException ("The requested job couldn't be found") for unknown or deleted jobs.
    if (error instanceof Error && error.name === 'BadRequestException' && /couldn.t be found|not found|does not exist/i.test(error.message)) {
      return { kind: 'ignored', reason: `job not found (${error.message})` };
    }
    throw new JobResultError(`${jobName}: GetTranscriptionJob failed`, { cause: error });
  }
  if (!job) throw new JobResultError(`${jobName}: GetTranscriptionJob returned no job`);

  const tags = new Map((job.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  const ownerId = tags.get(OWNER_TAG);
  if (!ownerId) return { kind: 'ignored', reason: `not started by notifier (no ${OWNER_TAG} tag)` };

  const status = job.TranscriptionJobStatus;
  if (status !== 'COMPLETED' && status !== 'FAILED') {
    if (options.expectFinished) throw new JobResultError(`${jobName}: the job is ${status ?? 'in an unknown state'}, not finished yet`);
    return { kind: 'ignored', reason: `job is ${status ?? 'in an unknown state'}` };
  }

  const media = job.Media?.MediaFileUri ? s3LocationOf(job.Media.MediaFileUri) : undefined;
  const mediaKey = media?.key ?? tags.get(MEDIA_KEY_TAG) ?? job.Media?.MediaFileUri ?? jobName;
  const base = { idempotencyKey: jobName, ownerId, mediaKey, languageCode: job.LanguageCode ?? null };

  if (status === 'FAILED') {
    return { kind: 'notify', input: { ...base, status: 'FAILED', reason: job.FailureReason ?? 'Transcribe reported no reason', excerpt: null, transcriptLocation: null } };
  }

  const fileUri = job.Transcript?.TranscriptFileUri;
  const location = fileUri ? s3LocationOf(fileUri) : undefined;
  if (!location) throw new JobResultError(`${jobName}: completed without a readable transcript location (${fileUri ?? 'none'})`);
  const transcriptLocation = s3Uri(location.bucket, location.key);

  let excerpt: string | null;
  try {
    const object = await retry('GetObject', (abortSignal) => deps.s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), { abortSignal }));
    if ((object.ContentLength ?? 0) > MAX_TRANSCRIPT_BYTES) {
      // The excerpt is a convenience; the location still leads to the whole transcript.
      object.Body?.transformToWebStream().cancel().catch(() => undefined);
      excerpt = null;
    } else {
      const body = object.Body ? await object.Body.transformToString('utf-8') : '';
      excerpt = transcriptExcerpt(transcriptText(JSON.parse(body)));
    }
  } catch (error) {
    throw new JobResultError(`${jobName}: transcript ${transcriptLocation} unreadable`, { cause: error });
  }
  return { kind: 'notify', input: { ...base, status: 'COMPLETED', reason: null, excerpt, transcriptLocation } };
}
