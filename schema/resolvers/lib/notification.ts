// The one conditional PutItem every trigger mutation makes, and the envelope it resolves to.
// The item is the idempotency record: pk `<KIND>#<idempotencyKey>` exists once, so a repeat fails
// the condition and resolves to null with DuplicateNotification (nothing stored, nothing published).
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBPutItemRequest } from '@aws-appsync/utils';
import {
  BROADCAST_FEED,
  DUPLICATE_NOTIFICATION,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  NOTIFICATION_IDEMPOTENCY_SECONDS,
  ownerFeed,
} from '../../src/constants';
import type { Audience, Notification, NotificationKind } from '../../src/generated/schema-types';
import { toIsoMillis } from './time';
import { requireText } from './validate';

/** The payload field of each kind on the envelope. */
export type PayloadField = 'imageTagged' | 'transcriptReady' | 'datasetRefreshed' | 'modelReady';

/** What a trigger mutation's request handler hands to {@link putNotification}. */
export interface NotificationDraft {
  kind: NotificationKind;
  idempotencyKey: unknown;
  /** Owner's identity id for PRIVATE kinds; null for BROADCAST. */
  ownerId: string | null;
  payloadField: PayloadField;
  payload: Record<string, unknown>;
}

/** The PutItem request storing a new notification, unless one with the same pk exists. */
export function putNotification(draft: NotificationDraft): DynamoDBPutItemRequest {
  const idempotencyKey = requireText('input.idempotencyKey', draft.idempotencyKey, IDEMPOTENCY_KEY_MAX_LENGTH);
  const id = util.autoId();
  const nowMs = util.time.nowEpochMilliSeconds();
  const createdAt = toIsoMillis(nowMs);
  const audience: Audience = draft.ownerId === null ? 'BROADCAST' : 'PRIVATE';
  const item: Record<string, unknown> = {
    id,
    kind: draft.kind,
    audience,
    createdAt,
    feed: draft.ownerId === null ? BROADCAST_FEED : ownerFeed(draft.ownerId),
    sortKey: `${createdAt}#${id}`,
    expiresAt: Math.floor(nowMs / 1000) + NOTIFICATION_IDEMPOTENCY_SECONDS,
  };
  if (draft.ownerId !== null) item.ownerId = draft.ownerId;
  item[draft.payloadField] = draft.payload;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ pk: `${draft.kind}#${idempotencyKey}` }),
    attributeValues: util.dynamodb.toMapValues(item),
    condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
  };
}

/** A stored notification item as the GraphQL envelope (payload fields of other kinds null). */
export function toNotification(item: Record<string, unknown>): Notification {
  return {
    id: item.id as string,
    kind: item.kind as NotificationKind,
    audience: item.audience as Audience,
    ownerId: (item.ownerId as string | undefined) ?? null,
    createdAt: item.createdAt as string,
    imageTagged: (item.imageTagged as Notification['imageTagged'] | undefined) ?? null,
    transcriptReady: (item.transcriptReady as Notification['transcriptReady'] | undefined) ?? null,
    datasetRefreshed: (item.datasetRefreshed as Notification['datasetRefreshed'] | undefined) ?? null,
    modelReady: (item.modelReady as Notification['modelReady'] | undefined) ?? null,
  };
}

/** Response of every trigger mutation: the envelope, DuplicateNotification, or the data source error. */
export function notificationResponse(ctx: Context): Notification | null {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('A notification with this idempotency key was already delivered', DUPLICATE_NOTIFICATION);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toNotification(ctx.result as Record<string, unknown>);
}
