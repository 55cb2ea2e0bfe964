// Backend only (model-ready-notice): a BROADCAST notification to every signed-in user.
import type { Context } from '@aws-appsync/utils';
import { MAX_LIST_ITEMS } from '../src/constants';
import type { MutationNotifyModelReadyArgs, Notification } from '../src/generated/schema-types';
import { notificationResponse, putNotification } from './lib/notification';
import { invalid, requireStorableNumber, requireText } from './lib/validate';

export function request(ctx: Context<MutationNotifyModelReadyArgs>) {
  const input = ctx.args.input;
  if (input.metrics.length > MAX_LIST_ITEMS) invalid('input.metrics', `must have at most ${MAX_LIST_ITEMS} items`);
  const metrics = input.metrics.map((metric, index) => ({
    name: requireText(`input.metrics[${index}].name`, metric.name, 256),
    value: requireStorableNumber(`input.metrics[${index}].value`, metric.value),
  }));
  return putNotification({
    kind: 'MODEL_READY',
    idempotencyKey: input.idempotencyKey,
    ownerId: null,
    payloadField: 'modelReady',
    payload: {
      modelName: requireText('input.modelName', input.modelName, 256),
      version: requireText('input.version', input.version, 128),
      artifactLocation: requireText('input.artifactLocation', input.artifactLocation, 2048),
      metrics,
    },
  });
}

export function response(ctx: Context<MutationNotifyModelReadyArgs>): Notification | null {
  return notificationResponse(ctx);
}
