import { S3Client } from '@aws-sdk/client-s3';
import { StandinConfigError } from './errors';

/** Where the stand-ins read and write S3 objects. */
export interface S3Target {
  /** S3 endpoint, e.g. the local s3rver's `http://127.0.0.1:4569`. Path-style addressing is used. */
  endpoint: string;
  /** Region of the S3 client. @default 'us-east-1' */
  region?: string;
  /**
   * Credentials the stand-in uses for S3 (s3rver accepts only its own).
   * @default { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Builds a path-style S3 client for the local S3 (s3rver): the client the stand-ins read and write with, and the
 * one to use for any other access to it.
 *
 * @example
 * ```ts
 * const s3 = createS3Client({ endpoint: stack.s3Endpoint, region: stack.region, credentials: user.credentials });
 * ```
 */
export function createS3Client(target: S3Target): S3Client {
  if (!/^https?:\/\/[^/]+/.test(target.endpoint ?? '')) throw new StandinConfigError(`s3.endpoint must be an http(s) URL, got ${String(target.endpoint)}`);
  return new S3Client({
    // s3rver does not understand the SDK's flexible-checksum (aws-chunked) uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    endpoint: target.endpoint,
    region: target.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: target.credentials ?? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

/** The path-style HTTP URL of an object, as Transcribe reports transcript locations (`<endpoint>/<bucket>/<key>`). */
export function objectUrl(endpoint: string, bucket: string, key: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** True for the S3 errors that mean "no such object or bucket". */
export function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404;
}
