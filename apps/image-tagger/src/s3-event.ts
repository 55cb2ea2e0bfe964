import * as z from 'zod/mini';
import { MalformedEventError } from './errors';

/** One created S3 object, as a trigger event names it (key already decoded). */
export interface S3ObjectRef {
  /** Bucket name. */
  bucket: string;
  /** Object key, decoded from the event's URL encoding. */
  key: string;
  /** Version id, when the bucket is versioned. */
  versionId?: string;
  /** ETag without quotes. */
  etag?: string;
  /** Size in bytes, as the event reports it. */
  size?: number;
}

/** One record of a trigger event: the object, or why the record cannot be handled. */
export type S3TriggerRecord =
  | { id: string; ok: true; ref: S3ObjectRef }
  | { id: string; ok: false; error: MalformedEventError };

const EventBridgeObjectCreated = z.looseObject({
  version: z.string(),
  id: z.string().check(z.minLength(1)),
  'detail-type': z.literal('Object Created'),
  source: z.literal('aws.s3'),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.looseObject({
    version: z.string(),
    bucket: z.looseObject({ name: z.string().check(z.minLength(1)) }),
    object: z.looseObject({
      key: z.string().check(z.minLength(1)),
      size: z.optional(z.number()),
      etag: z.optional(z.string()),
      'version-id': z.optional(z.string()),
      sequencer: z.optional(z.string()),
    }),
  }),
});

const NotificationRecord = z.looseObject({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.looseObject({
    bucket: z.looseObject({ name: z.string().check(z.minLength(1)) }),
    object: z.looseObject({
      key: z.string().check(z.minLength(1)),
      size: z.optional(z.number()),
      eTag: z.optional(z.string()),
      versionId: z.optional(z.nullable(z.string())),
      sequencer: z.optional(z.string()),
    }),
  }),
});

/**
 * Decodes an object key as S3 writes it into event notifications: form URL encoding, `+` for a space and
 * `%xx` for other reserved bytes (UTF-8). EventBridge `Object Created` events carry the key encoded the same way.
 *
 * @example
 * decodeS3Key('private/eu-west-1%3Aabc/my+photo%2B1.jpg'); // 'private/eu-west-1:abc/my photo+1.jpg'
 */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, '%20'));
  } catch (cause) {
    throw new MalformedEventError(`object key "${encoded}" is not valid URL encoding`, { cause });
  }
}

/**
 * Describes zod issues as one line naming each path and what is wrong (zod/mini ships no messages).
 *
 * @example
 * describeIssues(result.error.issues); // 'detail.object.key: invalid_type (expected string)'
 */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  return issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      const details: string[] = [];
      if ('expected' in issue && issue.expected !== undefined) details.push(`expected ${String(issue.expected)}`);
      if ('values' in issue && Array.isArray(issue.values)) details.push(`expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`);
      if ('minimum' in issue && issue.minimum !== undefined) details.push(`minimum ${String(issue.minimum)}`);
      if ('maximum' in issue && issue.maximum !== undefined) details.push(`maximum ${String(issue.maximum)}`);
      if ('format' in issue && issue.format !== undefined) details.push(`format ${String(issue.format)}`);
      return `${path}: ${issue.code}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
    })
    .join('; ');
}

const unquote = (etag: string | undefined): string | undefined =>
  etag === undefined || etag === '' ? undefined : etag.replace(/^"(.*)"$/, '$1');

/**
 * Reads the created objects of an EventBridge S3 `Object Created` event or of an S3 notification `Records` batch.
 * A malformed record becomes a failed entry and never hides the others; an event of neither shape throws.
 *
 * @example
 * for (const record of parseS3Trigger(event)) if (record.ok) console.log(record.ref.key);
 */
export function parseS3Trigger(event: unknown): S3TriggerRecord[] {
  if (typeof event === 'object' && event !== null && 'Records' in event) {
    const records = (event as { Records: unknown }).Records;
    if (!Array.isArray(records)) throw new MalformedEventError('Records: expected an array');
    return records.map((record, index) => parseNotificationRecord(record, index));
  }
  if (typeof event === 'object' && event !== null && 'detail-type' in event) {
    const parsed = EventBridgeObjectCreated.safeParse(event);
    const rawId = (event as { id?: unknown }).id;
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : 'event';
    if (!parsed.success) {
      return [{ id, ok: false, error: new MalformedEventError(`EventBridge S3 event ${id}: ${describeIssues(parsed.error.issues)}`) }];
    }
    const { detail } = parsed.data;
    try {
      return [
        {
          id: parsed.data.id,
          ok: true,
          ref: {
            bucket: detail.bucket.name,
            key: decodeS3Key(detail.object.key),
            versionId: detail.object['version-id'] || undefined,
            etag: unquote(detail.object.etag),
            size: detail.object.size,
          },
        },
      ];
    } catch (error) {
      return [{ id, ok: false, error: error as MalformedEventError }];
    }
  }
  throw new MalformedEventError('not an S3 event: expected an EventBridge "Object Created" event or an S3 notification with Records');
}

function parseNotificationRecord(record: unknown, index: number): S3TriggerRecord {
  const parsed = NotificationRecord.safeParse(record);
  const fallbackId = `Records[${index}]`;
  if (!parsed.success) {
    return { id: fallbackId, ok: false, error: new MalformedEventError(`${fallbackId}: ${describeIssues(parsed.error.issues)}`) };
  }
  const { s3, eventName } = parsed.data;
  const id = s3.object.sequencer ? `${fallbackId}(${s3.object.sequencer})` : fallbackId;
  if (!eventName.startsWith('ObjectCreated:')) {
    return { id, ok: false, error: new MalformedEventError(`${id}: eventName ${eventName} is not an ObjectCreated event`) };
  }
  try {
    return {
      id,
      ok: true,
      ref: {
        bucket: s3.bucket.name,
        key: decodeS3Key(s3.object.key),
        versionId: s3.object.versionId || undefined,
        etag: unquote(s3.object.eTag),
        size: s3.object.size,
      },
    };
  } catch (error) {
    return { id, ok: false, error: error as MalformedEventError };
  }
}
