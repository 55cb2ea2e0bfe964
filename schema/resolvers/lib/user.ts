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

/** An UpdateItem `update` expression being assembled: SET and REMOVE clauses with their names and values. */
export interface UpdateBuilder {
  set: string[];
  remove: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** A new builder. */
export function newUpdate(): UpdateBuilder {
  return { set: [], remove: [], names: {}, values: {} };
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

/** The `update` member of an UpdateItem request. */
export function toUpdateExpression(update: UpdateBuilder) {
  const remove = update.remove.length > 0 ? ` REMOVE ${update.remove.join(', ')}` : '';
  return {
    expression: `SET ${update.set.join(', ')}${remove}`,
    expressionNames: update.names,
    expressionValues: util.dynamodb.toMapValues(update.values),
  };
}
