// The caller's private notifications and all broadcasts after an opaque cursor, oldest first.
// PIPELINE: this file's request validates and stashes the position; functions queryOwnerFeed and
// queryBroadcastFeed query GSI byFeed; this file's response merges the two by sortKey.
// Only signed-in users (with a Cognito identity id) may read the feed: others are Unauthorized.
import { util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import { NOTIFICATIONS_DEFAULT_LIMIT, NOTIFICATIONS_MAX_LIMIT } from '../src/constants';
import type { NotificationPage, QueryNotificationsArgs } from '../src/generated/schema-types';
import { decodeCursor, encodeCursor, retentionStart } from './lib/feed';
import type { FeedPosition, FeedResult } from './lib/feed';
import { callerIdentityId } from './lib/identity';
import { toNotification } from './lib/notification';
import { invalid } from './lib/validate';

export function request(ctx: Context<QueryNotificationsArgs>) {
  const identityId = callerIdentityId(ctx);
  const limit = ctx.args.limit ?? NOTIFICATIONS_DEFAULT_LIMIT;
  if (!(limit >= 1 && limit <= NOTIFICATIONS_MAX_LIMIT)) invalid('limit', `must be from 1 to ${NOTIFICATIONS_MAX_LIMIT}`);
  const nowMs = util.time.nowEpochMilliSeconds();
  const oldest = retentionStart(nowMs);
  const after = ctx.args.after ?? null;
  const afterSortKey = after === null ? null : decodeCursor(after);
  const cursorExpired = afterSortKey !== null && afterSortKey < oldest;
  const position: FeedPosition =
    afterSortKey === null || cursorExpired
      ? { operator: '>=', sortKey: oldest, nowEpochSeconds: Math.floor(nowMs / 1000), limit: limit + 1 }
      : { operator: '>', sortKey: afterSortKey, nowEpochSeconds: Math.floor(nowMs / 1000), limit: limit + 1 };
  ctx.stash.identityId = identityId;
  ctx.stash.position = position;
  ctx.stash.pageSize = limit;
  ctx.stash.cursorExpired = cursorExpired;
  return {};
}

export function response(ctx: Context<QueryNotificationsArgs>): NotificationPage {
  const pageSize = ctx.stash.pageSize as number;
  const feeds = [ctx.stash.ownerFeed as FeedResult, ctx.stash.broadcastFeed as FeedResult];
  const byKey: Record<string, Record<string, unknown>> = {};
  // A truncated feed may hold unseen items after its last one: the page must stop there too,
  // or the next cursor would skip them.
  let bound: string | null = null;
  feeds.forEach((feed) => {
    feed.items.forEach((item) => {
      byKey[item.sortKey as string] = item;
    });
    const last = feed.items.length > 0 ? (feed.items[feed.items.length - 1]?.sortKey as string) : null;
    if (feed.truncated && last !== null && (bound === null || last < bound)) bound = last;
  });
  const keys = Object.keys(byKey).sort();
  const inRange = bound === null ? keys : keys.filter((key) => key <= (bound as string));
  const page = inRange.slice(0, pageSize);
  const lastKey = page.length > 0 ? page[page.length - 1] : undefined;
  const after = ctx.args.after ?? null;
  const cursorExpired = ctx.stash.cursorExpired as boolean;
  return {
    items: page.map((key) => toNotification(byKey[key] as Record<string, unknown>)),
    cursor: lastKey !== undefined ? encodeCursor(lastKey) : cursorExpired ? null : after,
    hasMore: keys.length > page.length || feeds.some((feed) => feed.truncated),
    cursorExpired,
  };
}
