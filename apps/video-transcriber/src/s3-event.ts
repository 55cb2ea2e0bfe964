import { decodeS3Key, parse, S3ObjectCreatedEventSchema } from '@notifier/lambda-kit';
import * as z from 'zod/mini';
import { MalformedEventError } from './errors';

/** One created S3 object, as a trigger event names it (key already decoded). */
export interface S3ObjectRef {
  /** Bucket name. */
  bucket: string;
  /** Object key, decoded from the event's URL encoding. */
  key: string;
  /**
   * The key exactly as the event wrote it, when decoding changed it. Used only if no object exists under `key`: a key
   * delivered verbatim that holds a literal `+` or `%` (decoding would have changed it) is still found.
   */
  eventKey?: string;
  /** Version id, when the bucket is versioned. */
  versionId?: string;
  /** ETag without quotes. */
  etag?: string;
  /** Size in bytes, as the event reports it. */
  size?: number;
}

/** One record of a trigger event: the object, or why the record cannot be handled. */
export type S3TriggerRecord = { id: string; ok: true; ref: S3ObjectRef } | { id: string; ok: false; error: MalformedEventError };

/** One record of an S3 event notification (`Records[]`, delivered to Lambda, SQS or SNS). */
const NotificationRecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: z.object({
      key: z.string().check(z.minLength(1)),
      size: z.optional(z.number()),
      eTag: z.optional(z.string()),
      versionId: z.optional(z.nullable(z.string())),
      sequencer: z.optional(z.string()),
    }),
  }),
});

const unquote = (etag: string | undefined): string | undefined => (etag ? etag.replace(/^"(.*)"$/, '$1') : undefined);

/** The decoded key, and the key as written when decoding changed it. */
function keys(written: string): { key: string; eventKey?: string } {
  const key = decodeS3Key(written);
  return key === written ? { key } : { key, eventKey: written };
}

/** Runs `read`, turning any validation or decoding failure into a failed record named `id`. */
function record(id: string, read: () => S3ObjectRef): S3TriggerRecord {
  try {
    return { id, ok: true, ref: read() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, ok: false, error: new MalformedEventError(`${id}: ${message}`, { cause: error }) };
  }
}

/**
 * Reads the created objects of an EventBridge S3 `Object Created` event or of an S3 notification `Records` batch.
 *
 * Keys are decoded in both shapes: S3 writes them form-URL-encoded (`+` for a space, `%xx` for reserved and
 * non-ASCII bytes, e.g. the `:` of an identity id as `%3A`) into notification records and into the `detail` it sends to
 * EventBridge alike (Powertools for AWS Lambda (Python) decodes `detail.object.key` of S3 EventBridge events the same
 * way, with `unquote_plus`); should a key arrive verbatim instead, the key as written stays available as `eventKey`.
 * A malformed record becomes a failed entry and never hides the others; an event of
 * neither shape throws {@link MalformedEventError}.
 *
 * @example
 * for (const r of parseS3Trigger(event)) if (r.ok) console.log(r.ref.key);
 */
export function parseS3Trigger(event: unknown): S3TriggerRecord[] {
  if (typeof event === 'object' && event !== null && 'Records' in event) {
    const records = (event as { Records: unknown }).Records;
    if (!Array.isArray(records)) throw new MalformedEventError('S3 notification is invalid: Records: expected array');
    return records.map((raw: unknown, index) => {
      const sequencer = (raw as { s3?: { object?: { sequencer?: unknown } } } | null)?.s3?.object?.sequencer;
      const id = typeof sequencer === 'string' && sequencer !== '' ? `Records[${index}](${sequencer})` : `Records[${index}]`;
      return record(id, () => {
        const { s3, eventName } = parse(NotificationRecordSchema, raw, 'S3 notification record');
        if (!eventName.startsWith('ObjectCreated:')) throw new Error(`eventName ${eventName} is not an ObjectCreated event`);
        return {
          bucket: s3.bucket.name,
          ...keys(s3.object.key),
          versionId: s3.object.versionId || undefined,
          etag: unquote(s3.object.eTag),
          size: s3.object.size,
        };
      });
    });
  }
  if (typeof event === 'object' && event !== null && 'detail-type' in event) {
    const rawId = (event as { id?: unknown }).id;
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : 'event';
    return [
      record(id, () => {
        const { detail } = parse(S3ObjectCreatedEventSchema, event, 'EventBridge S3 Object Created event');
        return {
          bucket: detail.bucket.name,
          ...keys(detail.object.key),
          versionId: detail.object['version-id'] || undefined,
          etag: unquote(detail.object.etag),
          size: detail.object.size,
        };
      }),
    ];
  }
  throw new MalformedEventError('not an S3 event: expected an EventBridge "Object Created" event or an S3 notification with Records');
}
