// EventBridge patterns shared by the app stacks.
import type { EventPattern } from 'aws-cdk-lib/aws-events';

/** A matcher on `detail.object.key` of an S3 event (EventBridge content filtering). */
export type KeyMatcher =
  | { prefix: string }
  | { suffix: string }
  | { suffix: { 'equals-ignore-case': string } }
  | { wildcard: string };

/**
 * The keys ending in `.<ext>` for each extension, in any case (`IMG.Jpg` as well as `img.jpg`).
 *
 * EventBridge ORs the matchers of one field and has no way to AND two of them, and its wildcards are
 * case-sensitive, so "under a prefix and ending in an extension of any case" cannot be one pattern
 * (spelling out every case of every extension as wildcards exceeds the default 2,048-character
 * pattern quota: 120 wildcards for the image extensions). The prefix is therefore guaranteed by the
 * bucket instead (`StorageStack`: the uploads bucket refuses objects outside `private/`).
 *
 * @example
 * keysWithExtensions(['jpg', 'PNG']) // [{ suffix: { 'equals-ignore-case': '.jpg' } }, { suffix: { 'equals-ignore-case': '.png' } }]
 */
export function keysWithExtensions(extensions: readonly string[]): KeyMatcher[] {
  const unique = [...new Set(extensions.map((ext) => ext.toLowerCase()))];
  return unique.map((ext) => ({ suffix: { 'equals-ignore-case': `.${ext}` } }));
}

/**
 * The pattern of S3 `Object Created` events (bucket with EventBridge notifications on) for one bucket
 * and a set of key matchers.
 *
 * @example
 * new Rule(this, 'Uploads', { eventPattern: objectCreatedPattern(bucket.bucketName, [{ prefix: 'models/' }]) });
 */
export function objectCreatedPattern(bucketName: string, keys: readonly KeyMatcher[]): EventPattern {
  return {
    source: ['aws.s3'],
    detailType: ['Object Created'],
    detail: {
      bucket: { name: [bucketName] },
      object: { key: [...keys] },
    },
  };
}
