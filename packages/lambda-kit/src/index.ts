/**
 * `@notifier/lambda-kit`: what the notifier Lambda apps share, and nothing else.
 *
 * - Batches: {@link processBatch} runs every record, then throws one {@link BatchProcessingError} naming
 *   the failed ones (for sources without partial batch responses).
 * - Validation: {@link parse} applies a zod / `zod/mini` schema and throws a {@link ValidationError} that
 *   names every problem as `path: what`.
 * - Configuration: {@link readConfig} (any variables, one {@link ConfigError} naming all bad ones) and
 *   {@link readGraphqlConfig} (`GRAPHQL_URL`).
 * - Logging: {@link createLogger}, the Powertools Logger of a function.
 * - Events: {@link EventBridgeEnvelopeSchema}, {@link eventBridgeEventSchema}, the S3 `Object Created`
 *   EventBridge schemas ({@link S3ObjectCreatedEventSchema}); {@link decodeS3Key} for S3 *notification*
 *   keys (never EventBridge ones) and {@link s3Uri}; {@link parseS3Trigger} reads the created objects of
 *   either S3 trigger shape, each key as stored; {@link ownerOf} names the owner of a `private/<identityId>/` key.
 * - Idempotency keys: {@link KeySegmentSchema}, one segment of `<a>#<b>` that is also an S3 folder.
 * - AWS calls: {@link retryThrottled} retries throttling errors within the function's remaining time.
 * - Bundling and cold-start benchmark (Node-only, for scripts): `@notifier/lambda-kit/build`.
 *
 * Stable API: members are added, never changed.
 */
export { processBatch } from './batch';
export { createEventBridgeHandler } from './eventbridge-handler';
export type { EventBridgeHandlerOptions } from './eventbridge-handler';
export type { ProcessBatchOptions } from './batch';
export { parse, toProblem } from './validation';
export { readConfig, readGraphqlConfig, GraphqlUrlSchema } from './config';
export type { Environment, GraphqlConfig } from './config';
export { createLogger } from './logger';
export type { CreateLoggerOptions, Logger } from './logger';
export { decodeS3Key, s3Uri, unquoteEtag, isS3NotFound } from './s3';
export { parseS3Trigger, S3NotificationRecordSchema } from './s3-trigger';
export type { S3ObjectRef, S3TriggerRecord, S3NotificationRecord } from './s3-trigger';
export { ownerOf } from './owner';
export { KeySegmentSchema } from './segment';
export { retryThrottled, isThrottling, THROTTLING_ERROR_NAMES } from './retry';
export type { RetryThrottledOptions, ThrottledRetry } from './retry';
export {
  EventBridgeEnvelopeSchema,
  eventBridgeEventSchema,
  S3ObjectCreatedDetailSchema,
  S3ObjectCreatedEventSchema,
} from './eventbridge';
export type { EventBridgeEnvelope, S3ObjectCreatedEvent } from './eventbridge';
export {
  LambdaKitError,
  ConfigError,
  ValidationError,
  S3KeyDecodeError,
  BatchProcessingError,
} from './errors';
export type { ValidationProblem, RecordFailure, RecordSuccess, BatchResult } from './errors';
