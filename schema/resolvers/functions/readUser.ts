// Pipeline function of Mutation.addUser: the stored user (or null), read consistently so that the
// next function decides from the latest item which fields the pool still owns.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.stash.userId as string }), consistentRead: true };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const stored = ctx.result ? (ctx.result as Record<string, unknown>) : null;
  ctx.stash.storedUser = stored;
  return stored;
}
