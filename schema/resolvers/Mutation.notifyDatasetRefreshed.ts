// Backend only (bulk-load-notice): a BROADCAST notification to every signed-in user.
import type { Context } from '@aws-appsync/utils';
import type { MutationNotifyDatasetRefreshedArgs, Notification } from '../src/generated/schema-types';
import { notificationResponse, putNotification } from './lib/notification';
import { invalid, requireStorableNumber, requireText } from './lib/validate';

export function request(ctx: Context<MutationNotifyDatasetRefreshedArgs>) {
  const input = ctx.args.input;
  const recordCount = input.recordCount ?? null;
  if (recordCount !== null && !(recordCount >= 0 && Math.floor(recordCount) === recordCount)) {
    invalid('input.recordCount', 'must be a whole number of at least 0');
  }
  if (recordCount !== null) requireStorableNumber('input.recordCount', recordCount);
  return putNotification({
    kind: 'DATASET_REFRESHED',
    idempotencyKey: input.idempotencyKey,
    ownerId: null,
    payloadField: 'datasetRefreshed',
    payload: {
      dataset: requireText('input.dataset', input.dataset, 256),
      version: requireText('input.version', input.version, 128),
      recordCount,
      completedAt: requireText('input.completedAt', input.completedAt, 64),
    },
  });
}

export function response(ctx: Context<MutationNotifyDatasetRefreshedArgs>): Notification | null {
  return notificationResponse(ctx);
}
