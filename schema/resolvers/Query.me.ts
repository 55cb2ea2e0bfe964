// The caller's own user record, contact details included (the key is the caller's sub).
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import type { User } from '../src/generated/schema-types';
import { callerSub } from './lib/identity';
import { toUser } from './lib/user';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: callerSub(ctx) }), consistentRead: true };
}

export function response(ctx: Context): User | null {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result ? toUser(ctx.result as Record<string, unknown>) : null;
}
