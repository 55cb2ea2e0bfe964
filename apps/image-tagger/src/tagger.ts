import { DetectLabelsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isS3NotFound, retryThrottled, s3Uri, unquoteEtag, type S3ObjectRef, type ThrottledRetry } from '@notifier/lambda-kit';
import { causeText, TaggingFailedError } from './errors';

/** Largest object Rekognition accepts from S3 (15 MB); larger uploads are skipped without calling it. */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/** How many leading bytes are read to recognise the format. */
export const MAGIC_BYTES = 16;

/** Image formats Rekognition `DetectLabels` accepts. */
export type ImageFormat = 'jpeg' | 'png';

/** Content types that say nothing about the bytes: the magic bytes decide. */
const GENERIC_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const IMAGE_CONTENT_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png']);

/** Rekognition errors that are about the image itself: the upload is skipped, with the service's reason. */
const SKIPPING_REKOGNITION_ERRORS: Readonly<Record<string, string>> = {
  InvalidImageFormatException: 'Rekognition rejected the image format',
  ImageTooLargeException: 'Rekognition rejected the image as too large',
  InvalidParameterException: 'Rekognition rejected the image',
};

/** A label as the notification carries it. */
export interface TagLabel {
  name: string;
  /** 0-100, two decimals. */
  confidence: number;
}

/** What tagging one object came to; `objectVersion` is the version id or ETag the idempotency key uses. */
export type TagOutcome =
  | { status: 'TAGGED'; labels: TagLabel[]; format: ImageFormat; objectVersion: string }
  | { status: 'SKIPPED'; reason: string; objectVersion: string };

/** Everything {@link tagImage} talks to. */
export interface TagImageDeps {
  /** S3 client (HeadObject, ranged GetObject). */
  s3: S3Client;
  /** Rekognition client (DetectLabels). */
  rekognition: RekognitionClient;
  /** `MaxLabels` for DetectLabels. */
  maxLabels: number;
  /** `MinConfidence` for DetectLabels. */
  minConfidence: number;
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
 * Recognises JPEG (`FF D8 FF`) and PNG (`89 50 4E 47 0D 0A 1A 0A`) from an object's first bytes.
 *
 * @example
 * sniffImageFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])); // 'jpeg'
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'png';
  return undefined;
}

/**
 * Why a declared content type rules the object out, or undefined when it may be an image (image/jpeg, image/png, or
 * a generic type such as application/octet-stream, for which the magic bytes decide).
 *
 * @example
 * contentTypeRejection('video/mp4'); // 'content type video/mp4 is not JPEG or PNG'
 */
export function contentTypeRejection(contentType: string | undefined): string | undefined {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (GENERIC_CONTENT_TYPES.has(base) || IMAGE_CONTENT_TYPES.has(base)) return undefined;
  return `content type ${base} is not JPEG or PNG`;
}

/**
 * Checks one uploaded object (content type, size, magic bytes) and, when it is a JPEG or PNG Rekognition can take,
 * labels it with `DetectLabels` on the S3 object. Problems with the image itself end as SKIPPED with the reason;
 * anything a retry may fix (throttling past the deadline, S3 or Rekognition unavailable, access denied) throws.
 *
 * @example
 * const outcome = await tagImage({ bucket, key, etag }, { s3, rekognition, maxLabels: 10, minConfidence: 70, deadline });
 */
export async function tagImage(ref: S3ObjectRef, deps: TagImageDeps): Promise<TagOutcome> {
  const { bucket, key, versionId } = ref;
  const where = s3Uri(bucket, key);
  const retry = <T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>) =>
    retryThrottled(run, { deadline: deps.deadline, operation, now: deps.now, sleep: deps.sleep, onRetry: deps.onRetry });

  let head;
  try {
    head = await retry('HeadObject', (abortSignal) => deps.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), { abortSignal }));
  } catch (error) {
    if (isS3NotFound(error)) {
      return { status: 'SKIPPED', reason: 'the object no longer exists', objectVersion: versionId ?? ref.etag ?? 'deleted' };
    }
    throw new TaggingFailedError(`${where}: HeadObject failed: ${causeText(error)}`, { cause: error });
  }
  const objectVersion = versionId ?? ref.etag ?? head.VersionId ?? unquoteEtag(head.ETag) ?? 'unversioned';
  const skip = (reason: string): TagOutcome => ({ status: 'SKIPPED', reason, objectVersion });

  const rejection = contentTypeRejection(head.ContentType);
  if (rejection) return skip(rejection);
  const size = head.ContentLength ?? ref.size ?? 0;
  if (size === 0) return skip('the object is empty');
  if (size > MAX_IMAGE_BYTES) return skip(`the object is ${size} bytes, more than the ${MAX_IMAGE_BYTES} bytes Rekognition accepts`);

  let first: Uint8Array;
  try {
    const object = await retry('GetObject', (abortSignal) =>
      deps.s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: `bytes=0-${MAGIC_BYTES - 1}` }),
        { abortSignal },
      ),
    );
    first = object.Body ? (await object.Body.transformToByteArray()).subarray(0, MAGIC_BYTES) : new Uint8Array();
  } catch (error) {
    if (isS3NotFound(error)) return skip('the object no longer exists');
    throw new TaggingFailedError(`${where}: ranged GetObject failed: ${causeText(error)}`, { cause: error });
  }
  const format = sniffImageFormat(first);
  if (!format) return skip('the object is not a JPEG or PNG image (magic bytes)');

  try {
    const result = await retry('DetectLabels', (abortSignal) =>
      deps.rekognition.send(
        new DetectLabelsCommand({
          Image: { S3Object: { Bucket: bucket, Name: key, Version: versionId } },
          MaxLabels: deps.maxLabels,
          MinConfidence: deps.minConfidence,
        }),
        { abortSignal },
      ),
    );
    const labels = (result.Labels ?? [])
      .filter((label): label is { Name: string; Confidence: number } => typeof label.Name === 'string' && typeof label.Confidence === 'number')
      .map((label) => ({ name: label.Name, confidence: Math.round(label.Confidence * 100) / 100 }))
      .sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name));
    return { status: 'TAGGED', labels, format, objectVersion };
  } catch (error) {
    const reason = error instanceof Error ? SKIPPING_REKOGNITION_ERRORS[error.name] : undefined;
    if (reason) return skip(`${reason} (${(error as Error).name}: ${(error as Error).message})`);
    throw new TaggingFailedError(`${where}: DetectLabels failed: ${causeText(error)}`, { cause: error });
  }
}
