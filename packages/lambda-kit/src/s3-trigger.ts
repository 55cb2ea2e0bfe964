import * as z from 'zod/mini';
import { ValidationError } from './errors';
import { S3ObjectCreatedEventSchema } from './eventbridge';
import { decodeS3Key, unquoteEtag } from './s3';
import { parse } from './validation';

/**
 * One record of an S3 event notification (`Records[]`, delivered to Lambda, SQS or SNS), mirroring the
 * fields of Powertools parser's `S3RecordSchema` that name the object, in `zod/mini`.
 * `s3.object.key` is form-urlencoded: decode it with {@link decodeS3Key}.
 *
 * @example
 * ```ts
 * const { s3 } = parse(S3NotificationRecordSchema, event.Records[0], 'S3 notification record');
 * ```
 */
export const S3NotificationRecordSchema = z.object({
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

/** A parsed S3 event-notification record. */
export type S3NotificationRecord = z.infer<typeof S3NotificationRecordSchema>;

/** One created S3 object, as a trigger event names it. */
export interface S3ObjectRef {
  /** Bucket name. */
  readonly bucket: string;
  /** The object key as stored in S3 (EventBridge's verbatim, a notification record's decoded). */
  readonly key: string;
  /** Version id, when the bucket is versioned. */
  readonly versionId?: string;
  /** ETag without quotes. */
  readonly etag?: string;
  /** Size in bytes, as the event reports it. */
  readonly size?: number;
}

/**
 * One record of an S3 trigger: the object, or why the record cannot be handled (a {@link ValidationError},
 * or an `S3KeyDecodeError` for a notification key that is not valid form-urlencoding).
 */
export type S3TriggerRecord =
  | { readonly id: string; readonly ok: true; readonly ref: S3ObjectRef }
  | { readonly id: string; readonly ok: false; readonly error: Error };

function record(id: string, read: () => S3ObjectRef): S3TriggerRecord {
  try {
    return { id, ok: true, ref: read() };
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Reads the created objects of an S3 trigger: an EventBridge S3 `Object Created` event (one object; id = the
 * event id) or an S3 event notification (`Records[]`; id = `Records[<i>](<sequencer>)`).
 *
 * Keys follow the encoding of each shape: EventBridge's `detail.object.key` is the key as stored and is used
 * verbatim; a notification record's `s3.object.key` is form-urlencoded (`+` for a space, `%xx`) and is decoded
 * with {@link decodeS3Key}. A malformed record (wrong shape, not `ObjectCreated:*`, broken escape) becomes a
 * failed entry and never hides the others.
 *
 * @throws {@link ValidationError} for an event of neither shape (or `Records` that is not an array).
 * @example
 * ```ts
 * const { successes } = await processBatch(parseS3Trigger(event), async (r) => {
 *   if (!r.ok) throw r.error;
 *   return handle(r.ref);
 * }, { recordId: (r) => r.id });
 * ```
 */
export function parseS3Trigger(event: unknown): S3TriggerRecord[] {
  if (isObject(event) && 'Records' in event) {
    const records = event.Records;
    if (!Array.isArray(records)) {
      throw new ValidationError('S3 notification', [{ path: 'Records', message: `expected array, received ${records === null ? 'null' : typeof records}` }]);
    }
    return records.map((raw: unknown, index) => {
      const sequencer = (raw as { s3?: { object?: { sequencer?: unknown } } } | null)?.s3?.object?.sequencer;
      const id = typeof sequencer === 'string' && sequencer !== '' ? `Records[${index}](${sequencer})` : `Records[${index}]`;
      return record(id, () => {
        const { s3, eventName } = parse(S3NotificationRecordSchema, raw, 'S3 notification record');
        if (!eventName.startsWith('ObjectCreated:')) {
          throw new ValidationError('S3 notification record', [{ path: 'eventName', message: `expected ObjectCreated:*, received ${JSON.stringify(eventName)}` }]);
        }
        return {
          bucket: s3.bucket.name,
          key: decodeS3Key(s3.object.key),
          versionId: s3.object.versionId || undefined,
          etag: unquoteEtag(s3.object.eTag),
          size: s3.object.size,
        };
      });
    });
  }
  if (isObject(event) && 'detail-type' in event) {
    const id = typeof event.id === 'string' && event.id !== '' ? event.id : 'event';
    return [
      record(id, () => {
        const { detail } = parse(S3ObjectCreatedEventSchema, event, 'EventBridge S3 Object Created event');
        return {
          bucket: detail.bucket.name,
          // EventBridge carries the key as stored: decoding it would corrupt keys holding `+` or `%`.
          key: detail.object.key,
          versionId: detail.object['version-id'] || undefined,
          etag: unquoteEtag(detail.object.etag),
          size: detail.object.size,
        };
      }),
    ];
  }
  throw new ValidationError('S3 event', [
    { path: '(root)', message: 'not an S3 event: expected an EventBridge "Object Created" event or an S3 notification with Records' },
  ]);
}

