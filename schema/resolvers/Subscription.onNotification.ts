// Every kind the caller may receive: their own PRIVATE notifications and all BROADCAST ones
// (filter groups are OR-ed: ownerId = me, or audience = BROADCAST).
import { extensions, util } from '@aws-appsync/utils';
import type { Context } from '@aws-appsync/utils';
import { callerIdentityId } from './lib/identity';
import { nonePayload } from './lib/subscription';

export function request(ctx: Context) {
  callerIdentityId(ctx);
  return nonePayload();
}

export function response(ctx: Context) {
  const identityId = callerIdentityId(ctx);
  extensions.setSubscriptionFilter(
    util.transform.toSubscriptionFilter({ or: [{ ownerId: { eq: identityId } }, { audience: { eq: 'BROADCAST' } }] }),
  );
  return null;
}
