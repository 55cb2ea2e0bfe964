import type { NotificationKind } from '@notifier/schema';

/**
 * The notification kinds this client version knows. Others may arrive from a newer server and are
 * passed through, so treat this list as "known", not "all".
 *
 * @example
 * ```ts
 * if (!NOTIFICATION_KINDS.includes(kind as NotificationKind)) console.warn(`unknown kind ${kind}`);
 * ```
 */
export const NOTIFICATION_KINDS = ['IMAGE_TAGGED', 'TRANSCRIPT_READY', 'DATASET_REFRESHED', 'MODEL_READY'] as const satisfies readonly NotificationKind[];

// Fails to compile when the schema gains a kind this list lacks.
type MissingKinds = Exclude<NotificationKind, (typeof NOTIFICATION_KINDS)[number]>;
const _exhaustive: [MissingKinds] extends [never] ? true : MissingKinds = true;
void _exhaustive;
