// Backend only (image-tagger): a PRIVATE notification to the owner of the tagged image.
import type { Context } from '@aws-appsync/utils';
import { MAX_LIST_ITEMS } from '../src/constants';
import type { MutationNotifyImageTaggedArgs, Notification } from '../src/generated/schema-types';
import { notificationResponse, putNotification } from './lib/notification';
import { invalid, optionalText, requireNumberInRange, requireText } from './lib/validate';

export function request(ctx: Context<MutationNotifyImageTaggedArgs>) {
  const input = ctx.args.input;
  if (input.labels.length > MAX_LIST_ITEMS) invalid('input.labels', `must have at most ${MAX_LIST_ITEMS} items`);
  const labels = input.labels.map((label, index) => ({
    name: requireText(`input.labels[${index}].name`, label.name, 256),
    confidence: requireNumberInRange(`input.labels[${index}].confidence`, label.confidence, 0, 100),
  }));
  const reason = optionalText('input.reason', input.reason, 1024);
  if (input.status === 'SKIPPED' && reason === null) invalid('input.reason', 'is required when status is SKIPPED');
  return putNotification({
    kind: 'IMAGE_TAGGED',
    idempotencyKey: input.idempotencyKey,
    ownerId: requireText('input.ownerId', input.ownerId, 128),
    payloadField: 'imageTagged',
    payload: {
      bucket: requireText('input.bucket', input.bucket, 63),
      key: requireText('input.key', input.key, 1024),
      status: input.status,
      labels,
      reason,
    },
  });
}

export function response(ctx: Context<MutationNotifyImageTaggedArgs>): Notification | null {
  return notificationResponse(ctx);
}
