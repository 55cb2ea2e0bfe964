import { createHash } from 'node:crypto';
import type { MediaFormat } from '@aws-sdk/client-transcribe';
import type { S3ObjectRef } from '@notifier/lambda-kit';

/** Every job name starts with this, so the sweep can list notifier's jobs only (`JobNameContains`). */
export const JOB_NAME_PREFIX = 'notifier-';
/** Longest job name Transcribe accepts. */
export const MAX_JOB_NAME_LENGTH = 200;
/** Hex characters of the hash that makes a job name unique. */
const HASH_LENGTH = 20;
/** Job tag holding the owner's identity id. */
export const OWNER_TAG = 'notifier:owner';
/** Job tag holding the media object key (when Transcribe's tag rules allow it). */
export const MEDIA_KEY_TAG = 'notifier:media-key';
/**
 * Job tag set once the job's notification was sent (delivered, or found already stored), with the time as value: the
 * sweep and repeated completion events skip a job carrying it before any S3 work.
 */
export const NOTIFIED_TAG = 'notifier:notified';
/** Folder of the transcripts bucket that Transcribe writes into. */
export const TRANSCRIPTS_PREFIX = 'transcripts/';
/** Folder under the owner's `private/<identityId>/` that holds the owner's copy of each transcript. */
export const OWNER_TRANSCRIPTS_FOLDER = 'transcripts/';

/** Media formats Transcribe batch jobs accept, by file extension. */
export const MEDIA_FORMATS: Readonly<Record<string, MediaFormat>> = {
  amr: 'amr',
  flac: 'flac',
  m4a: 'm4a',
  mp3: 'mp3',
  mp4: 'mp4',
  ogg: 'ogg',
  webm: 'webm',
  wav: 'wav',
};

/**
 * The Transcribe `MediaFormat` of a key from its extension (case-insensitive), or undefined when Transcribe cannot take it.
 *
 * @example
 * mediaFormatOf('private/x/Talk.MP4'); // 'mp4'
 */
export function mediaFormatOf(key: string): MediaFormat | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? MEDIA_FORMATS[name.slice(dot + 1).toLowerCase()] : undefined;
}

/**
 * The job name of one upload: deterministic from bucket, key and version (version id, else ETag), valid for Transcribe
 * (`[0-9a-zA-Z._-]`, at most 200 characters). A readable tail of the key is kept for people; a SHA-256 suffix keeps
 * names unique when sanitising or truncating makes two keys look alike. The same upload always gets the same name, so a
 * repeated event finds the job already started (`ConflictException`), and the name doubles as the notification's
 * idempotency key.
 *
 * @example
 * transcriptionJobName({ bucket: 'media', key: 'private/eu-west-1:abc/My talk.mp4' }, 'etag');
 * // 'notifier-My_talk.mp4-<20 hex>'
 */
export function transcriptionJobName(ref: Pick<S3ObjectRef, 'bucket' | 'key'>, objectVersion: string): string {
  const hash = createHash('sha256').update(`${ref.bucket}\n${ref.key}\n${objectVersion}`).digest('hex').slice(0, HASH_LENGTH);
  const parts = ref.key.split('/');
  // Drop `private/<identityId>/`: the owner travels as a tag, and the identity id's `:` is not a name character.
  const readableKey = parts[0] === 'private' && parts.length > 2 ? parts.slice(2).join('/') : ref.key;
  const room = MAX_JOB_NAME_LENGTH - JOB_NAME_PREFIX.length - 1 - HASH_LENGTH;
  const readable = readableKey.replace(/[^0-9a-zA-Z._-]+/g, '_').slice(-room).replace(/^[._-]+/, '');
  return `${JOB_NAME_PREFIX}${readable}${readable ? '-' : ''}${hash}`;
}

/**
 * Where Transcribe writes a job's transcript in the transcripts bucket: `transcripts/<jobName>.json`. Not under
 * `private/<identityId>/`, because Transcribe's `OutputKey` does not allow the `:` of identity ids.
 *
 * @example
 * transcriptOutputKey('notifier-talk.mp4-0123'); // 'transcripts/notifier-talk.mp4-0123.json'
 */
export function transcriptOutputKey(jobName: string): string {
  return `${TRANSCRIPTS_PREFIX}${jobName}.json`;
}

/**
 * Where the owner's copy of a transcript goes in the uploads bucket: `private/<identityId>/transcripts/<jobName>.json`,
 * inside the prefix the owner's identity-pool role may read, so the owner (and only the owner) can open the full
 * transcript. One key per job, so a repeated completion or sweep rewrites the same object.
 *
 * @example
 * ownerTranscriptKey('eu-west-1:abc', 'notifier-talk.mp4-0123'); // 'private/eu-west-1:abc/transcripts/notifier-talk.mp4-0123.json'
 */
export function ownerTranscriptKey(ownerId: string, jobName: string): string {
  return `private/${ownerId}/${OWNER_TRANSCRIPTS_FOLDER}${jobName}.json`;
}

// Transcribe tag values: letters, separators, digits and _ . : / = + - @, at most 256 characters.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/**
 * The job's tags: the owner (always) and the media key (when Transcribe's tag value rules allow it; the media key is
 * also in the job's `Media.MediaFileUri`, which the completion side reads first).
 *
 * @example
 * jobTags('eu-west-1:abc', 'private/eu-west-1:abc/talk.mp4');
 */
export function jobTags(ownerId: string, key: string): Array<{ Key: string; Value: string }> {
  return [{ Key: OWNER_TAG, Value: ownerId }, ...(TAG_VALUE.test(key) ? [{ Key: MEDIA_KEY_TAG, Value: key }] : [])];
}

/**
 * The ARN of a transcription job (what `TagResource` takes), in the partition, region and account of the Lambda function
 * whose ARN is given (the function and its Transcribe client share them); undefined when that is not a Lambda ARN.
 *
 * @example
 * transcriptionJobArn('arn:aws:lambda:eu-west-1:123456789012:function:sweep', 'notifier-talk.mp4-0123');
 * // 'arn:aws:transcribe:eu-west-1:123456789012:transcription-job/notifier-talk.mp4-0123'
 */
export function transcriptionJobArn(functionArn: string, jobName: string): string | undefined {
  const [arn, partition, service, region, account] = functionArn.split(':');
  if (arn !== 'arn' || !partition || service !== 'lambda' || !region || !account) return undefined;
  return `arn:${partition}:transcribe:${region}:${account}:transcription-job/${jobName}`;
}
