// Backend only (post-authentication trigger): create or refresh a user from the user pool.
// PIPELINE: this file's request validates the pool's values and stashes them; function readUser
// reads the stored item; function writePoolProfile writes only the fields the pool still owns
// (contact fields, and profile fields the user never edited with updateUser), and only when one
// of them differs. An unchanged profile resolves to null with DuplicateNotification, so nothing
// is published.
import type { Context } from '@aws-appsync/utils';
import type { MutationAddUserArgs, UserProfile } from '../src/generated/schema-types';
import { CONTACT_FIELDS, EDITABLE_FIELDS, PROFILE_LIMITS, toUserProfile } from './lib/user';
import { optionalText, requireText } from './lib/validate';

export function request(ctx: Context<MutationAddUserArgs>) {
  const userId = requireText('userId', ctx.args.userId, 128);
  const details = ctx.args.userDetails as Record<string, unknown>;
  const pool: Record<string, string | null> = {};
  EDITABLE_FIELDS.concat(CONTACT_FIELDS).forEach((field) => {
    pool[field] = optionalText(`userDetails.${field}`, details[field], PROFILE_LIMITS[field] ?? 256);
  });
  ctx.stash.userId = userId;
  ctx.stash.pool = pool;
  return {};
}

export function response(ctx: Context<MutationAddUserArgs>): UserProfile | null {
  return toUserProfile(ctx.prev.result as Record<string, unknown>);
}
