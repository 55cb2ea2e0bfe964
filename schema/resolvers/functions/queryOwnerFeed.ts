// Pipeline function of Query.notifications: the caller's private feed (`owner#<identityId>`).
import type { Context } from '@aws-appsync/utils';
import { ownerFeed } from '../../src/constants';
import { feedResult, queryFeed } from '../lib/feed';
import type { FeedPosition } from '../lib/feed';

export function request(ctx: Context) {
  return queryFeed(ownerFeed(ctx.stash.identityId as string), ctx.stash.position as FeedPosition);
}

export function response(ctx: Context) {
  ctx.stash.ownerFeed = feedResult(ctx);
  return null;
}
