// Backend only (post-authentication trigger): create or refresh a user from the user pool.
// One conditional UpdateItem: it writes only when the user is new or a profile/contact field
// differs, keeps createdAt (and the identityId updateUser recorded), and sets updatedAt. An
// unchanged profile fails the condition: null with DuplicateNotification, so nothing is published.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { DUPLICATE_NOTIFICATION } from '../src/constants';
import type { MutationAddUserArgs, UserProfile } from '../src/generated/schema-types';
import { applyProfileField, newUpdate, setField, toUpdateExpression, toUserProfile } from './lib/user';
import { requireText } from './lib/validate';

const FIELDS = ['displayName', 'picture', 'locale', 'email', 'phoneNumber'];

export function request(ctx: Context<MutationAddUserArgs>): DynamoDBUpdateItemRequest {
  const userId = requireText('userId', ctx.args.userId, 128);
  const details = ctx.args.userDetails as Record<string, unknown>;
  const now = util.time.nowISO8601();
  const update = newUpdate();
  const differs = FIELDS.map((field) => applyProfileField(update, 'userDetails', field, details[field]));
  setField(update, 'updatedAt', now);
  update.names['#createdAt'] = 'createdAt';
  update.set.push('#createdAt = if_not_exists(#createdAt, :updatedAt)');
  update.names['#id'] = 'id';
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ id: userId }),
    update: toUpdateExpression(update),
    condition: { expression: ['attribute_not_exists(#id)'].concat(differs).join(' OR ') },
  };
}

export function response(ctx: Context<MutationAddUserArgs>): UserProfile | null {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('The stored profile is identical: nothing changed', DUPLICATE_NOTIFICATION);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toUserProfile(ctx.result as Record<string, unknown>);
}
