import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StartTranscriptionJobCommand, type LanguageCode, type TranscribeClient } from '@aws-sdk/client-transcribe';
import { isS3NotFound, ownerOf, retryThrottled, s3Uri, unquoteEtag, type S3ObjectRef, type ThrottledRetry } from '@notifier/lambda-kit';
import { causeText, StartTranscriptionError } from './errors';
import { jobTags, mediaFormatOf, transcriptionJobName, transcriptOutputKey } from './job';

/** What starting one upload's transcription came to. */
export type StartOutcome =
  | { status: 'STARTED' | 'ALREADY_STARTED'; jobName: string; ownerId: string }
  | { status: 'IGNORED'; reason: string };

/** Everything {@link startTranscription} talks to. */
export interface StartTranscriptionDeps {
  /** Transcribe client (StartTranscriptionJob). */
  transcribe: TranscribeClient;
  /** S3 client, for the ETag of events that carry neither version id nor ETag. */
  s3: S3Client;
  /** Bucket Transcribe writes transcripts to. */
  transcriptsBucket: string;
  /** Fixed language of the media; when undefined Transcribe identifies it. @default undefined */
  languageCode?: LanguageCode;
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
 * Starts the Transcribe job of one upload under `private/<identityId>/` in a format Transcribe accepts, with a job
 * name derived from the object and its version, the owner as a job tag and the transcript written to
 * `transcripts/<jobName>.json` in the transcripts bucket. A job that already exists (`ConflictException`) means a
 * repeated event: success, nothing started. Other keys are IGNORED (the same bucket carries images).
 *
 * @example
 * const outcome = await startTranscription(ref, { transcribe, s3, transcriptsBucket: 'transcripts', deadline });
 */
export async function startTranscription(ref: S3ObjectRef, deps: StartTranscriptionDeps): Promise<StartOutcome> {
  const ownerId = ownerOf(ref.key);
  if (!ownerId) return { status: 'IGNORED', reason: 'not under private/<identityId>/' };
  const mediaFormat = mediaFormatOf(ref.key);
  if (!mediaFormat) return { status: 'IGNORED', reason: 'not a media format Transcribe accepts (amr, flac, m4a, mp3, mp4, ogg, webm, wav)' };

  const { bucket, key } = ref;
  const where = s3Uri(bucket, key);
  const retry = <T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>) =>
    retryThrottled(run, { deadline: deps.deadline, operation, now: deps.now, sleep: deps.sleep, onRetry: deps.onRetry });

  // An event without version id or ETag: HeadObject supplies the ETag that makes the job name unique per upload.
  let objectVersion = ref.versionId ?? ref.etag;
  if (!objectVersion) {
    let head;
    try {
      head = await retry('HeadObject', (abortSignal) => deps.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }));
    } catch (error) {
      if (isS3NotFound(error)) return { status: 'IGNORED', reason: 'the object no longer exists' };
      throw new StartTranscriptionError(`${where}: HeadObject failed: ${causeText(error)}`, { cause: error });
    }
    objectVersion = head.VersionId ?? unquoteEtag(head.ETag);
    if (!objectVersion) throw new StartTranscriptionError(`${where}: the object has neither version id nor ETag`);
  }

  const jobName = transcriptionJobName(ref, objectVersion);
  try {
    await retry('StartTranscriptionJob', (abortSignal) =>
      deps.transcribe.send(
        new StartTranscriptionJobCommand({
          TranscriptionJobName: jobName,
          Media: { MediaFileUri: where },
          MediaFormat: mediaFormat,
          ...(deps.languageCode ? { LanguageCode: deps.languageCode } : { IdentifyLanguage: true }),
          OutputBucketName: deps.transcriptsBucket,
          OutputKey: transcriptOutputKey(jobName),
          Tags: jobTags(ownerId, key),
        }),
        { abortSignal },
      ),
    );
    return { status: 'STARTED', jobName, ownerId };
  } catch (error) {
    if (error instanceof Error && error.name === 'ConflictException') return { status: 'ALREADY_STARTED', jobName, ownerId };
    throw new StartTranscriptionError(`${where}: StartTranscriptionJob ${jobName} failed: ${causeText(error)}`, { cause: error });
  }
}
