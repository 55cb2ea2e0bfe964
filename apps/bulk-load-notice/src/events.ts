import * as z from 'zod/mini';
import { eventBridgeEventSchema, KeySegmentSchema } from '@notifier/lambda-kit';

/** Source of the custom completion event a loader puts on the default bus. */
export const BULK_LOAD_SOURCE = 'notifier.bulk-load';
/** Detail type of the custom completion event. */
export const BULK_LOAD_DETAIL_TYPE = 'Bulk Load Completed';

/** A dataset or a version: one segment of `dataset#version` and of `<dataset>/<version>/` (lambda-kit's KeySegmentSchema). */
export const SegmentSchema = KeySegmentSchema;

/** An ISO 8601 date-time with a time zone (AppSync `AWSDateTime`). */
export const DateTimeSchema = z.iso.datetime({ offset: true });

/** A record count: a non-negative integer. */
export const RecordCountSchema = z.number().check(
  z.refine((v) => Number.isSafeInteger(v) && v >= 0, 'must be a non-negative integer'),
);

/** `detail` of the custom `Bulk Load Completed` event. */
export const BulkLoadCompletedDetailSchema = z.object({
  dataset: SegmentSchema,
  version: SegmentSchema,
  recordCount: z.optional(z.nullable(RecordCountSchema)),
  completedAt: DateTimeSchema,
});

/** The custom event: source `notifier.bulk-load`, detail-type `Bulk Load Completed`. */
export const BulkLoadCompletedEventSchema = eventBridgeEventSchema(BULK_LOAD_SOURCE, BULK_LOAD_DETAIL_TYPE, BulkLoadCompletedDetailSchema);

/** A parsed `Bulk Load Completed` event. */
export type BulkLoadCompletedEvent = z.infer<typeof BulkLoadCompletedEventSchema>;

/** What a `manifest.json` must hold; other fields are allowed and ignored. */
export const ManifestSchema = z.object({
  recordCount: RecordCountSchema,
  completedAt: z.optional(DateTimeSchema),
});

/** A parsed manifest. */
export type Manifest = z.infer<typeof ManifestSchema>;
