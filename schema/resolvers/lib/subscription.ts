// Subscription resolvers (NONE data source): the request hands AppSync a null payload; the
// response sets the enhanced filter AppSync applies to every published event.
import { extensions, util } from '@aws-appsync/utils';

/** The request of every subscription resolver: NONE data sources expect `{ payload: null }`. */
export function nonePayload() {
  return { payload: null };
}

/** Deliver only events whose `ownerId` is the subscriber's identity id. */
export function onlyOwner(identityId: string): void {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ ownerId: { eq: identityId } }));
}
