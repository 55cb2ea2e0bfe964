import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ServiceError } from './errors';
import { inspectImage, labelsFor, UnreadableImageError } from './image';
import { startJsonService, type RunningService } from './json-protocol';
import { createS3Client, isMissing, type S3Target } from './s3';

/** Largest image Rekognition takes from S3 (15 MB). */
export const MAX_S3_IMAGE_BYTES = 15 * 1024 * 1024;
/** Largest image Rekognition takes as request bytes (5 MB). */
export const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;

/** Options of {@link startRekognitionStandin}. */
export interface RekognitionStandinOptions {
  /** Where `Image.S3Object` images are read. */
  s3: S3Target;
  /** Largest S3 image accepted; larger ones get `ImageTooLargeException`. @default 15 MiB (Rekognition's limit) */
  maxS3ImageBytes?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 lets the OS choose. @default 0 */
  port?: number;
}

/** A running Rekognition stand-in. */
export type RekognitionStandin = RunningService;

const invalidParameter = (message: string) => new ServiceError('InvalidParameterException', message);

function numberIn(input: Record<string, unknown>, name: string, min: number, max: number, fallback: number, integer: boolean): number {
  const value = input[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw invalidParameter(`${name} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}`);
  }
  return value;
}

/**
 * Starts a local Rekognition speaking AWS JSON 1.1 (`X-Amz-Target: RekognitionService.DetectLabels`), so an unmodified
 * `RekognitionClient` works against it through an endpoint override. Labels are derived from the image itself (see
 * {@link labelsFor}); errors have the real service's shapes: `InvalidParameterException` (bad request),
 * `InvalidS3ObjectException` (object or bucket missing or unreadable), `ImageTooLargeException` (over 15 MiB from S3 (`maxS3ImageBytes`),
 * 5 MB inline), `InvalidImageFormatException` (not a readable PNG or JPEG).
 *
 * @example
 * const rekognition = await startRekognitionStandin({ s3: { endpoint: s3rverUrl } });
 * const client = new RekognitionClient({ endpoint: rekognition.url, region: 'us-east-1' });
 */
export async function startRekognitionStandin(options: RekognitionStandinOptions): Promise<RekognitionStandin> {
  const s3 = createS3Client(options.s3);
  const maxS3Bytes = options.maxS3ImageBytes ?? MAX_S3_IMAGE_BYTES;
  const detectLabels = async (input: Record<string, unknown>) => {
    const image = input.Image as { Bytes?: unknown; S3Object?: { Bucket?: unknown; Name?: unknown; Version?: unknown } } | undefined;
    if (!image || typeof image !== 'object') throw invalidParameter('Image is required');
    const maxLabels = numberIn(input, 'MaxLabels', 0, 1000, 1000, true);
    const minConfidence = numberIn(input, 'MinConfidence', 0, 100, 55, false);
    let bytes: Buffer;
    if (image.Bytes !== undefined && image.S3Object !== undefined) throw invalidParameter('Image must have either Bytes or S3Object, not both');
    if (typeof image.Bytes === 'string') {
      bytes = Buffer.from(image.Bytes, 'base64');
      if (bytes.length > MAX_INLINE_IMAGE_BYTES) throw new ServiceError('ImageTooLargeException', 'Image size is too large.');
    } else if (image.S3Object && typeof image.S3Object === 'object') {
      const { Bucket, Name, Version } = image.S3Object;
      if (typeof Bucket !== 'string' || Bucket === '' || typeof Name !== 'string' || Name === '') throw invalidParameter('S3Object needs Bucket and Name');
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: Name, VersionId: typeof Version === 'string' ? Version : undefined }));
        if ((object.ContentLength ?? 0) > maxS3Bytes) {
          await object.Body?.transformToWebStream().cancel();
          throw new ServiceError('ImageTooLargeException', 'Image size is too large.');
        }
        bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        if (isMissing(error) || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403) {
          throw new ServiceError('InvalidS3ObjectException', 'Unable to get object metadata from S3. Check object key, region and/or access permissions.');
        }
        throw error;
      }
      if (bytes.length > maxS3Bytes) throw new ServiceError('ImageTooLargeException', 'Image size is too large.');
    } else {
      throw invalidParameter('Image must have Bytes or S3Object');
    }
    let labels;
    try {
      labels = labelsFor(inspectImage(bytes));
    } catch (error) {
      if (error instanceof UnreadableImageError) throw new ServiceError('InvalidImageFormatException', `Request has invalid image format (${error.message})`);
      throw error;
    }
    return { Labels: labels.filter((l) => l.Confidence >= minConfidence).slice(0, maxLabels), LabelModelVersion: '3.0' };
  };
  return startJsonService({ targetPrefix: 'RekognitionService', operations: { DetectLabels: detectLabels }, host: options.host, port: options.port });
}
