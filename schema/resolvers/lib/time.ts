// Timestamps the tables store. AppSync documents util.time.nowISO8601 / epochMilliSecondsToISO8601
// only as "ISO 8601": a Java formatter may print a whole second without its `.000`. createdAt is
// the prefix of sortKey (ordered as text) and of every cursor, so it must always have exactly
// `YYYY-MM-DDTHH:mm:ss.SSSZ`: the pattern says so explicitly.
import { util } from '@aws-appsync/utils';

/** The DateTimeFormatter pattern of every stored timestamp (24 characters, UTC, milliseconds). */
export const ISO_MILLIS_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

/** Epoch milliseconds as `YYYY-MM-DDTHH:mm:ss.SSSZ` (UTC), the form createdAt, updatedAt and sortKey use. */
export function toIsoMillis(epochMs: number): string {
  return util.time.epochMilliSecondsToFormatted(epochMs, ISO_MILLIS_PATTERN, 'Etc/UTC');
}
