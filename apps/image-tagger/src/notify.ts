import type { AppSyncClient } from '@notifier/mutation-signer';
import { NotifyImageTaggedDocument } from '@notifier/schema';
import type { NotifyImageTagged } from './app';

/**
 * Sends image-tagged notifications through the signed AppSync client (`notifyImageTagged`), reporting the stored
 * notification's id, or `duplicate` when AppSync already holds one with the same idempotency key.
 *
 * @example
 * const notify = appSyncNotifier(createAppSyncClient({ url: config.graphqlUrl }));
 */
export function appSyncNotifier(client: Pick<AppSyncClient, 'mutate'>): NotifyImageTagged {
  return async (input, { deadline }) => {
    const result = await client.mutate(NotifyImageTaggedDocument, { input }, { deadline });
    return result.outcome === 'delivered'
      ? { outcome: 'delivered', notificationId: result.data.notifyImageTagged?.id }
      : { outcome: 'duplicate' };
  };
}
