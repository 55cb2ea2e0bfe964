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
