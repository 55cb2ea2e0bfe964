// Signed-in users change their own profile. The user id is the caller's user-pool sub (from
// cognitoIdentityAuthProvider), never an argument; the caller's identity id is recorded. Every field
// given (an explicit null too) is ADDed to editedFields: from then on it is the user's, and
// sign-ins (addUser) no longer change it.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { USER_NOT_FOUND } from '../src/constants';
import type { MutationUpdateUserArgs, UserProfile } from '../src/generated/schema-types';
import { callerIdentityId, callerSub } from './lib/identity';
import { toIsoMillis } from './lib/time';
import { addToStringSet, applyProfileField, EDITABLE_FIELDS, EDITED_FIELDS_ATTRIBUTE, newUpdate, setField, toUpdateExpression, toUserProfile } from './lib/user';

export function request(ctx: Context<MutationUpdateUserArgs>): DynamoDBUpdateItemRequest {
  const sub = callerSub(ctx);
  const identityId = callerIdentityId(ctx);
  const details = ctx.args.userDetails as Record<string, unknown>;
  const update = newUpdate();
  // Only fields present in the input change: an explicit null removes the value.
  const edited = EDITABLE_FIELDS.filter((field) => Object.keys(details).indexOf(field) >= 0);
  edited.forEach((field) => {
    applyProfileField(update, 'userDetails', field, details[field]);
  });
  setField(update, 'identityId', identityId);
  setField(update, 'updatedAt', toIsoMillis(util.time.nowEpochMilliSeconds()));
  if (edited.length > 0) addToStringSet(update, EDITED_FIELDS_ATTRIBUTE, edited);
  update.names['#id'] = 'id';
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ id: sub }),
    update: toUpdateExpression(update),
    condition: { expression: 'attribute_exists(#id)' },
  };
}

export function response(ctx: Context<MutationUpdateUserArgs>): UserProfile | null {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      util.error('Your user record does not exist yet: it is created when you sign in', USER_NOT_FOUND);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toUserProfile(ctx.result as Record<string, unknown>);
}
