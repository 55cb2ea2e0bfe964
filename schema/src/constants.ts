// Values shared by the resolvers, infra and clients: one definition, so a change reaches all of them.

/** How long a notification stays readable through `notifications` (the feed starts this far back by `createdAt`). */
export const NOTIFICATION_RETENTION_DAYS = 7;

/**
 * {@link NOTIFICATION_RETENTION_DAYS} in seconds: the feed's window.
 *
 * @example
 * const oldestShown = Date.now() - NOTIFICATION_RETENTION_SECONDS * 1000;
 */
export const NOTIFICATION_RETENTION_SECONDS = NOTIFICATION_RETENTION_DAYS * 24 * 60 * 60;

/**
 * How long a stored notification, which is also its idempotency record, is kept (DynamoDB TTL on
 * `expiresAt`). Longer than the feed's window: the trigger apps' dead-letter queues keep a failed
 * event 14 days, and a redrive must still find the record and answer DuplicateNotification rather
 * than notify again; one day of margin covers the redrive itself.
 */
export const NOTIFICATION_IDEMPOTENCY_DAYS = 15;

/**
 * {@link NOTIFICATION_IDEMPOTENCY_DAYS} in seconds, as added to the creation time for `expiresAt`.
 *
 * @example
 * const expiresAt = Math.floor(Date.now() / 1000) + NOTIFICATION_IDEMPOTENCY_SECONDS;
 */
export const NOTIFICATION_IDEMPOTENCY_SECONDS = NOTIFICATION_IDEMPOTENCY_DAYS * 24 * 60 * 60;

/** Page size of `notifications` when `limit` is not given. */
export const NOTIFICATIONS_DEFAULT_LIMIT = 50;

/** Largest page `notifications` returns; a larger `limit` is a ValidationError. */
export const NOTIFICATIONS_MAX_LIMIT = 100;

/** The `feed` value of broadcast notifications (GSI `byFeed` partition). */
export const BROADCAST_FEED = 'broadcast';

/**
 * The `feed` value of an owner's private notifications (GSI `byFeed` partition).
 *
 * @example
 * ownerFeed('eu-west-1:0f6c...') // 'owner#eu-west-1:0f6c...'
 */
export function ownerFeed(identityId: string): string {
  return `owner#${identityId}`;
}

/**
 * The `errorType` with which a repeated trigger mutation (same idempotency key) or an unchanged
 * `addUser` resolves to null: nothing was stored or published; callers count it as delivered.
 *
 * @example
 * if (error.errorType === DUPLICATE_NOTIFICATION) return 'already delivered';
 */
export const DUPLICATE_NOTIFICATION = 'DuplicateNotification';

/** The `errorType` of input the resolvers refuse (empty strings, out-of-range numbers, bad cursors). */
export const VALIDATION_ERROR = 'ValidationError';

/** Longest idempotency key the trigger mutations accept (it is part of the table's partition key). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 256;

/** Longest transcript excerpt `notifyTranscriptReady` accepts (keeps messages far below 240 KB). */
export const TRANSCRIPT_EXCERPT_MAX_LENGTH = 4096;

/** Most labels `notifyImageTagged` accepts, and most metrics `notifyModelReady` accepts. */
export const MAX_LIST_ITEMS = 100;

/** The `errorType` of `updateUser` / `me` when the caller's user record does not exist yet. */
export const USER_NOT_FOUND = 'UserNotFound';
