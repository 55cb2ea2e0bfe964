// Pipeline function of Mutation.addUser: one conditional UpdateItem of the fields the user pool
// owns. A field the user edited with updateUser (listed in editedFields) is theirs and is never
// written here; the others, and the contact fields, follow the pool. Only fields that differ from
// the stored item are written; when none differs nothing is written (DuplicateNotification).
// The condition repeats the check against the current item and requires editedFields to be as
// read (the set only grows, so its size tells): a concurrent sign-in run or profile edit makes
// this write fail rather than overwrite it.
import { util } from '@aws-appsync/utils';
import type { Context, DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { DUPLICATE_NOTIFICATION } from '../../src/constants';
import { toIsoMillis } from '../lib/time';
import { applyProfileField, CONTACT_FIELDS, EDITABLE_FIELDS, EDITED_FIELDS_ATTRIBUTE, newUpdate, setField, toUpdateExpression } from '../lib/user';

function sameValue(stored: unknown, pool: string | null): boolean {
  return pool === null ? stored === null || stored === undefined : stored === pool;
}

export function request(ctx: Context): DynamoDBUpdateItemRequest {
  const stored = ctx.stash.storedUser as Record<string, unknown> | null;
  const pool = ctx.stash.pool as Record<string, string | null>;
  const edited = stored !== null && Array.isArray(stored[EDITED_FIELDS_ATTRIBUTE]) ? (stored[EDITED_FIELDS_ATTRIBUTE] as string[]) : [];
  const owned = EDITABLE_FIELDS.filter((field) => edited.indexOf(field) < 0).concat(CONTACT_FIELDS);
  const changed = owned.filter((field) => stored === null || !sameValue(stored[field], pool[field] ?? null));
  if (stored !== null && changed.length === 0) {
    util.error('The stored profile is identical: nothing changed', DUPLICATE_NOTIFICATION);
  }
  const update = newUpdate();
  const differs = changed.map((field) => applyProfileField(update, 'userDetails', field, pool[field] ?? null));
  setField(update, 'updatedAt', toIsoMillis(util.time.nowEpochMilliSeconds()));
  update.names['#createdAt'] = 'createdAt';
  update.set.push('#createdAt = if_not_exists(#createdAt, :updatedAt)');
  update.names['#id'] = 'id';
  let expression = 'attribute_not_exists(#id)';
  if (stored !== null) {
    update.names['#editedFields'] = EDITED_FIELDS_ATTRIBUTE;
    const unedited = edited.length === 0 ? 'attribute_not_exists(#editedFields)' : 'size(#editedFields) = :editedCount';
    if (edited.length > 0) update.values[':editedCount'] = edited.length;
    // DynamoDB refuses redundant parentheses: one fragment stands alone.
    const anyDiffers = differs.length === 1 ? differs[0] : `(${differs.join(' OR ')})`;
    expression = `attribute_exists(#id) AND ${unedited} AND ${anyDiffers}`;
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ id: ctx.stash.userId as string }),
    update: toUpdateExpression(update),
    condition: { expression },
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      // Another run of this sign-in or a profile edit changed the item since it was read: that
      // write stands, and the next sign-in brings any pool change still missing.
      util.error('The profile changed since it was read: nothing written', DUPLICATE_NOTIFICATION);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
