import { S3KeyDecodeError } from './errors';

/**
 * Decodes the object key of an S3 event notification (`Records[].s3.object.key`, delivered to Lambda,
 * SQS or SNS), which S3 writes form-urlencoded: a space arrives as `+`, a literal `+` as `%2B`.
 *
 * Do NOT use it on EventBridge S3 events (`detail.object.key`): EventBridge carries the key verbatim, and
 * decoding would corrupt keys containing `+` or `%`.
 *
 * @throws {@link S3KeyDecodeError} when a `%` is not followed by valid UTF-8 escapes.
 * @example
 * ```ts
 * decodeS3Key('red+flower%2B1.jpg'); // 'red flower+1.jpg'
 * ```
 */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch (error) {
    throw new S3KeyDecodeError(key, { cause: error });
  }
}

/**
 * The `s3://bucket/key` form of an object or prefix location.
 *
 * @example
 * ```ts
 * s3Uri('models', 'models/churn/3/'); // 's3://models/models/churn/3/'
 * ```
 */
export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/**
 * An S3 ETag without the double quotes S3 puts around it (`"9b2c..."` -> `9b2c...`).
 *
 * @example
 * ```ts
 * unquoteEtag('"4e68adba0abe2dc8653dc3354e14c01d"'); // '4e68adba0abe2dc8653dc3354e14c01d'
 * ```
 */
export function unquoteEtag(etag: string | undefined): string | undefined {
  return etag ? etag.replace(/^"(.*)"$/, '$1') : undefined;
}

/**
 * True when an AWS SDK S3 error says the object does not exist (`NotFound` from HeadObject, `NoSuchKey` from
 * GetObject, or any HTTP 404).
 *
 * @example
 * ```ts
 * try { await s3.send(new HeadObjectCommand({ Bucket, Key })); } catch (error) { if (isS3NotFound(error)) return 'gone'; throw error; }
 * ```
 */
export function isS3NotFound(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
  );
}
