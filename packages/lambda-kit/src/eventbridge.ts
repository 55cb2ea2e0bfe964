import * as z from 'zod/mini';

/**
 * The envelope EventBridge delivers to a Lambda target (one event per invocation), mirroring
 * Powertools parser's `EventBridgeSchema` in `zod/mini`. `detail` is left to the caller.
 */
export const EventBridgeEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string().check(z.minLength(1)),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
  'replay-name': z.optional(z.string()),
});

/** An EventBridge event with the envelope of {@link EventBridgeEnvelopeSchema}. */
export type EventBridgeEnvelope = z.infer<typeof EventBridgeEnvelopeSchema>;

/**
 * Builds the schema of one kind of EventBridge event: the envelope with a given `source`,
 * `detail-type` and `detail` schema.
 *
 * @example
 * ```ts
 * const BulkLoadCompletedSchema = eventBridgeEventSchema('notifier.bulk-load', 'Bulk Load Completed',
 *   z.object({ dataset: z.string(), version: z.string() }));
 * ```
 */
export function eventBridgeEventSchema<const Source extends string, const DetailType extends string, D extends z.ZodMiniType>(
  source: Source,
  detailType: DetailType,
  detail: D,
) {
  return z.object({
    ...EventBridgeEnvelopeSchema.def.shape,
    source: z.literal(source),
    'detail-type': z.literal(detailType),
    detail,
  });
}

/**
 * `detail` of the S3 `Object Created` event sent to EventBridge (bucket notifications to EventBridge on),
 * mirroring Powertools parser's `S3EventNotificationEventBridgeDetailSchema`.
 * `object.key` is NOT URL-encoded in these events: use it verbatim.
 */
export const S3ObjectCreatedDetailSchema = z.object({
  version: z.string(),
  bucket: z.object({ name: z.string().check(z.minLength(1)) }),
  object: z.object({
    key: z.string().check(z.minLength(1)),
    size: z.optional(z.number()),
    etag: z.optional(z.string()),
    'version-id': z.optional(z.string()),
    sequencer: z.optional(z.string()),
  }),
  'request-id': z.string(),
  requester: z.string(),
  'source-ip-address': z.optional(z.string()),
  reason: z.optional(z.string()),
});

/** The EventBridge event `source: aws.s3`, `detail-type: Object Created`. */
export const S3ObjectCreatedEventSchema = eventBridgeEventSchema('aws.s3', 'Object Created', S3ObjectCreatedDetailSchema);

/** A parsed S3 `Object Created` EventBridge event. */
export type S3ObjectCreatedEvent = z.infer<typeof S3ObjectCreatedEventSchema>;
