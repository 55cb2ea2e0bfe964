// User items (Users table, key `id` = user-pool sub) as GraphQL types, and the update expression
// builder both user mutations share.
import { util } from '@aws-appsync/utils';
import type { User, UserProfile } from '../../src/generated/schema-types';
import { requireText } from './validate';

/** Longest accepted value of each profile field. */
export const PROFILE_LIMITS: Record<string, number> = {
  displayName: 256,
  picture: 2048,
  locale: 35,
  email: 320,
  phoneNumber: 32,
};

/** The public profile of a stored user: what `userUpdates` carries (no contact details). */
export function toUserProfile(item: Record<string, unknown>): UserProfile {
  return {
    id: item.id as string,
    displayName: (item.displayName as string | undefined) ?? null,
    picture: (item.picture as string | undefined) ?? null,
    locale: (item.locale as string | undefined) ?? null,
    updatedAt: item.updatedAt as string,
  };
}

/** A stored user with contact details: for that user only (`me`). */
export function toUser(item: Record<string, unknown>): User {
  return {
    ...toUserProfile(item),
    email: (item.email as string | undefined) ?? null,
    phoneNumber: (item.phoneNumber as string | undefined) ?? null,
    identityId: (item.identityId as string | undefined) ?? null,
    createdAt: item.createdAt as string,
  };
}

/** Profile fields a user may edit with `updateUser`; an edit makes the field theirs (`editedFields`). */
export const EDITABLE_FIELDS = ['displayName', 'picture', 'locale'];

/** Contact fields: they always follow the user pool (`addUser`), the user cannot edit them. */
export const CONTACT_FIELDS = ['email', 'phoneNumber'];

/**
 * The string-set attribute listing the fields the user edited with `updateUser` (an explicit null
 * included). It only grows (ADD): its size tells whether an edit happened since a read.
 */
export const EDITED_FIELDS_ATTRIBUTE = 'editedFields';

/** An UpdateItem `update` expression being assembled: SET, REMOVE and ADD clauses with their names and values. */
export interface UpdateBuilder {
  set: string[];
  remove: string[];
  add: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
  /** Values already in DynamoDB form (string sets, which toMapValues would write as lists). */
  typedValues: Record<string, unknown>;
}

/** A new builder. */
export function newUpdate(): UpdateBuilder {
  return { set: [], remove: [], add: [], names: {}, values: {}, typedValues: {} };
}

/** SET `field` to a value. */
export function setField(update: UpdateBuilder, field: string, value: unknown): void {
  update.names[`#${field}`] = field;
  update.values[`:${field}`] = value;
  update.set.push(`#${field} = :${field}`);
}

/**
 * Applies one profile field from the input: a string is validated and SET, null REMOVEs the
 * attribute. Returns the condition fragment that is true when the stored value differs.
 */
export function applyProfileField(update: UpdateBuilder, path: string, field: string, value: unknown): string {
  update.names[`#${field}`] = field;
  if (value === null || value === undefined) {
    update.remove.push(`#${field}`);
    return `attribute_exists(#${field})`;
  }
  setField(update, field, requireText(`${path}.${field}`, value, PROFILE_LIMITS[field] ?? 256));
  return `(attribute_not_exists(#${field}) OR #${field} <> :${field})`;
}

/** ADD strings to a string-set attribute (created when absent). */
export function addToStringSet(update: UpdateBuilder, field: string, strings: string[]): void {
  update.names[`#${field}`] = field;
  update.typedValues[`:${field}`] = util.dynamodb.toStringSet(strings);
  update.add.push(`#${field} :${field}`);
}

/** The `update` member of an UpdateItem request. */
export function toUpdateExpression(update: UpdateBuilder) {
  const remove = update.remove.length > 0 ? ` REMOVE ${update.remove.join(', ')}` : '';
  const add = update.add.length > 0 ? ` ADD ${update.add.join(', ')}` : '';
  return {
    expression: `SET ${update.set.join(', ')}${remove}${add}`,
    expressionNames: update.names,
    expressionValues: { ...util.dynamodb.toMapValues(update.values), ...update.typedValues },
  };
}
