// EventBridge patterns shared by the app stacks.
import type { EventPattern } from 'aws-cdk-lib/aws-events';

/** A matcher on `detail.object.key` of an S3 event (EventBridge content filtering). */
export type KeyMatcher = { prefix: string } | { suffix: string } | { wildcard: string };

/**
 * The keys `<prefix>*.<ext>` for each extension, in lower and upper case (EventBridge wildcards are
 * case-sensitive and cannot be combined with `equals-ignore-case`).
 *
 * @example
 * keysWithExtensions('private/', ['jpg']) // [{ wildcard: 'private/*.jpg' }, { wildcard: 'private/*.JPG' }]
 */
export function keysWithExtensions(prefix: string, extensions: readonly string[]): KeyMatcher[] {
  const variants = extensions.flatMap((ext) => [ext.toLowerCase(), ext.toUpperCase()]);
  return [...new Set(variants)].map((ext) => ({ wildcard: `${prefix}*.${ext}` }));
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
