import {
  NotificationsDocument,
  NotifyDatasetRefreshedDocument,
  type NotificationsQuery,
  type NotifyDatasetRefreshedMutation,
} from '@notifier/schema';
import { createAppSyncClient, type MutationResult } from '../src';
import { fakeFetch, json } from './helpers/fake-fetch';
import { DATASET_INPUT, ENDPOINT, NOTIFICATION, STATIC_CREDENTIALS } from './helpers/fixtures';

describe('Class: AppSyncClient with generated operations', () => {
  it('sends the generated document text and types the result from it', async () => {
    // Prepare
    const { fetch, calls } = fakeFetch(json(200, { data: { notifyDatasetRefreshed: NOTIFICATION } }));
    const client = createAppSyncClient({ url: ENDPOINT, credentials: STATIC_CREDENTIALS, fetch });

    // Act
    const result: MutationResult<NotifyDatasetRefreshedMutation> = await client.mutate(
      NotifyDatasetRefreshedDocument,
      structuredClone(DATASET_INPUT),
    );

    // Assess
    expect(JSON.parse(calls[0]?.body ?? '').query).toBe(NotifyDatasetRefreshedDocument.toString());
    expect(result.outcome === 'delivered' && result.data.notifyDatasetRefreshed?.datasetRefreshed?.version).toBe('v42');
  });

  it('types query data from the generated document', async () => {
    // Prepare
    const page = { notifications: { items: [], cursor: null, hasMore: false, cursorExpired: false } };
    const { fetch } = fakeFetch(json(200, { data: page }));
    const client = createAppSyncClient({ url: ENDPOINT, credentials: STATIC_CREDENTIALS, fetch });

    // Act
    const data: NotificationsQuery = await client.query(NotificationsDocument, { after: null });

    // Assess
    expect(data.notifications.hasMore).toBe(false);
  });
});

// Compile-time only (`pnpm typecheck`): variables are checked against the document.
export const _wrongVariablesAreRejected = (client: ReturnType<typeof createAppSyncClient>) => {
  // @ts-expect-error recordCount must be a number
  void client.mutate(NotifyDatasetRefreshedDocument, { input: { ...DATASET_INPUT.input, recordCount: 'many' } });
  // @ts-expect-error input is required
  void client.mutate(NotifyDatasetRefreshedDocument, {});
};
