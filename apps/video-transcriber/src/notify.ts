import type { AppSyncClient } from '@notifier/mutation-signer';
import { NotifyTranscriptReadyDocument } from '@notifier/schema';
import type { NotifyTranscriptReady } from './app';

/**
 * Sends transcript-ready notifications through the signed AppSync client (`notifyTranscriptReady`), reporting the
 * stored notification's id, or `duplicate` when AppSync already holds one with the same idempotency key.
 *
 * @example
 * const notify = appSyncNotifier(createAppSyncClient({ url: config.graphqlUrl }));
 */
export function appSyncNotifier(client: Pick<AppSyncClient, 'mutate'>): NotifyTranscriptReady {
  return async (input, { deadline }) => {
    const result = await client.mutate(NotifyTranscriptReadyDocument, { input }, { deadline });
    return result.outcome === 'delivered'
      ? { outcome: 'delivered', notificationId: result.data.notifyTranscriptReady?.id }
      : { outcome: 'duplicate' };
  };
}
