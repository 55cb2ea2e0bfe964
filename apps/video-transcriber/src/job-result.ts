import { GetObjectCommand, PutObjectCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, TagResourceCommand, type TranscribeClient, type TranscriptionJob } from '@aws-sdk/client-transcribe';
import { retryThrottled, s3Uri, type ThrottledRetry } from '@notifier/lambda-kit';
import type { TranscriptReadyInput } from '@notifier/schema';
import { causeText, JobResultError } from './errors';
import { MEDIA_KEY_TAG, NOTIFIED_TAG, OWNER_TAG, ownerTranscriptKey } from './job';
import { s3LocationOf, transcriptExcerpt, transcriptText } from './transcript';

/** Largest transcript file read for the excerpt; a larger one is notified without excerpt. */
export const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

/** What a finished job comes to: the notification to send, the time it was already sent, or why there is none. */
export type JobResult =
  | { kind: 'notify'; input: TranscriptReadyInput }
  | { kind: 'notified'; ownerId: string; notifiedAt: string }
  | { kind: 'ignored'; reason: string };

/** Everything {@link resolveJobResult} talks to. */
export interface ResolveJobDeps {
  /** Transcribe client (GetTranscriptionJob; TagResource in {@link markNotified}). */
  transcribe: TranscribeClient;
  /** S3 client (GetObject of the transcript, PutObject of the owner's copy). */
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
 * tags, failure reason) -> COMPLETED: the transcript JSON read from S3, an excerpt, and the transcript copied to the
 * owner's `private/<identityId>/transcripts/<jobName>.json` in the media's bucket, whose s3:// location the
 * notification carries (the transcripts bucket is backend-only; the owner may read their own prefix); FAILED: the reason. The idempotency key is the job name, so the completion event and the sweep send the
 * same notification and AppSync stores it once. A job carrying the `notifier:notified` tag ({@link markNotified}) comes
 * back as `notified` right after `GetTranscriptionJob`, with no S3 work and nothing to send. Jobs without the
 * `notifier:owner` tag (not started by notifier), unknown jobs and unfinished ones (when `expectFinished` is false) are
 * ignored.
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
    throw new JobResultError(`${jobName}: GetTranscriptionJob failed: ${causeText(error)}`, { cause: error });
  }
  if (!job) throw new JobResultError(`${jobName}: GetTranscriptionJob returned no job`);

  const tags = new Map((job.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  const ownerId = tags.get(OWNER_TAG);
  if (!ownerId) return { kind: 'ignored', reason: `not started by notifier (no ${OWNER_TAG} tag)` };

  // Set only after the notification went out: the job's copy and notification exist, so there is nothing to redo.
  const notifiedAt = tags.get(NOTIFIED_TAG);
  if (notifiedAt !== undefined) return { kind: 'notified', ownerId, notifiedAt };

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
  const source = s3Uri(location.bucket, location.key);
  // The owner's copy goes to the bucket the media came from (the uploads bucket), the one the owner may read.
  if (!media) throw new JobResultError(`${jobName}: completed without a readable media location (${job.Media?.MediaFileUri ?? 'none'}), so the transcript has no owner's copy`);
  const copy = { bucket: media.bucket, key: ownerTranscriptKey(ownerId, jobName) };
  const transcriptLocation = s3Uri(copy.bucket, copy.key);

  let excerpt: string | null;
  let copyBody: PutObjectCommandInput['Body'];
  let copyLength: number | undefined;
  try {
    const object = await retry('GetObject', (abortSignal) => deps.s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), { abortSignal }));
    if ((object.ContentLength ?? 0) > MAX_TRANSCRIPT_BYTES) {
      // The excerpt is a convenience: a transcript too large to parse here is streamed to the owner's copy unread.
      excerpt = null;
      copyBody = object.Body;
      copyLength = object.ContentLength;
    } else {
      const body = object.Body ? await object.Body.transformToString('utf-8') : '';
      excerpt = transcriptExcerpt(transcriptText(JSON.parse(body)));
      copyBody = body;
    }
  } catch (error) {
    throw new JobResultError(`${jobName}: transcript ${source} unreadable: ${causeText(error)}`, { cause: error });
  }

  // Before the notification, so its link works when it arrives; the same key every time, so a repeated completion
  // or sweep rewrites the same bytes. A streamed body cannot be sent twice, hence no throttling retry for it.
  const put = (abortSignal?: AbortSignal) =>
    deps.s3.send(
      new PutObjectCommand({
        Bucket: copy.bucket,
        Key: copy.key,
        Body: copyBody,
        ContentType: 'application/json',
        ...(copyLength !== undefined ? { ContentLength: copyLength } : {}),
      }),
      abortSignal ? { abortSignal } : {},
    );
  try {
    await (typeof copyBody === 'string' ? retry('PutObject', put) : put());
  } catch (error) {
    throw new JobResultError(`${jobName}: copying transcript ${source} to ${transcriptLocation} failed: ${causeText(error)}`, { cause: error });
  }
  return { kind: 'notify', input: { ...base, status: 'COMPLETED', reason: null, excerpt, transcriptLocation } };
}

/** Everything {@link markNotified} talks to. */
export interface MarkNotifiedDeps {
  /** Transcribe client (TagResource). */
  transcribe: TranscribeClient;
  /** Epoch ms by which the work must be done; throttled calls are retried until then. */
  deadline: number;
  /** Clock; also the tag's value. @default Date.now */
  now?: () => number;
  /** Waits between throttled attempts. @default setTimeout-based sleep */
  sleep?: (ms: number) => Promise<void>;
  /** Told about each throttling retry. @default no-op */
  onRetry?: (info: ThrottledRetry) => void;
}

/**
 * Tags a job whose notification was sent (delivered or already stored) with `notifier:notified` = the ISO time, so the
 * sweep and repeated events skip it after one `GetTranscriptionJob`. Throws {@link JobResultError} naming the cause when
 * Transcribe refuses; the notification itself is unaffected, so callers log that and go on.
 *
 * @example
 * await markNotified('arn:aws:transcribe:eu-west-1:123456789012:transcription-job/notifier-talk.mp4-0123', { transcribe, deadline });
 */
export async function markNotified(jobArn: string, deps: MarkNotifiedDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  try {
    await retryThrottled(
      (abortSignal) =>
        deps.transcribe.send(new TagResourceCommand({ ResourceArn: jobArn, Tags: [{ Key: NOTIFIED_TAG, Value: new Date(now()).toISOString() }] }), { abortSignal }),
      { deadline: deps.deadline, operation: 'TagResource', now, sleep: deps.sleep, onRetry: deps.onRetry },
    );
  } catch (error) {
    throw new JobResultError(`${jobArn}: TagResource ${NOTIFIED_TAG} failed: ${causeText(error)}`, { cause: error });
  }
}
