// The smallest real Lambda handler on this package: client at module scope, one mutation per invocation.
// Bundled by bench/sign.bench.ts to measure what the package adds to a function's code size.
import { createAppSyncClient, deadlineFromContext, type RemainingTimeContext } from '@notifier/mutation-signer';

const NOTIFY_DATASET_REFRESHED = /* GraphQL */ `mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) {
  notifyDatasetRefreshed(input: $input) { id kind audience ownerId createdAt datasetRefreshed { dataset version recordCount completedAt } }
}`;

const client = createAppSyncClient({ url: process.env.GRAPHQL_URL ?? '' });

export const handler = async (
  event: { detail: { dataset: string; version: string; completedAt: string }; id: string },
  context: RemainingTimeContext,
): Promise<string> => {
  const result = await client.mutate(
    NOTIFY_DATASET_REFRESHED,
    { input: { idempotencyKey: event.id, ...event.detail } },
    { deadline: deadlineFromContext(context) },
  );
  return result.outcome;
};
