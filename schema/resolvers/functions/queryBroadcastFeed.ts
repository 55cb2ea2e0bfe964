// Pipeline function of Query.notifications: the broadcast feed every signed-in user reads.
import type { Context } from '@aws-appsync/utils';
import { BROADCAST_FEED } from '../../src/constants';
import { feedResult, queryFeed } from '../lib/feed';
import type { FeedPosition } from '../lib/feed';

export function request(ctx: Context) {
  return queryFeed(BROADCAST_FEED, ctx.stash.position as FeedPosition);
}

export function response(ctx: Context) {
  ctx.stash.broadcastFeed = feedResult(ctx);
  return null;
}
