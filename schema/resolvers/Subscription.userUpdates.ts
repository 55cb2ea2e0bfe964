// Public profile changes (addUser, updateUser carry UserProfile only): of every user, or of one.
import { extensions, util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import type { SubscriptionUserUpdatesArgs } from '../src/generated/schema-types';
import { nonePayload } from './lib/subscription';

export function request(_ctx: Context<SubscriptionUserUpdatesArgs>) {
  return nonePayload();
}

export function response(ctx: Context<SubscriptionUserUpdatesArgs>) {
  const id = ctx.args.id ?? null;
  if (id !== null) extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: id } }));
  return null;
}
