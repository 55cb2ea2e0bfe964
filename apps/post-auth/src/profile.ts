import type { AddUserInput, AddUserMutationVariables } from '@notifier/schema';
import type { PostAuthenticationEvent } from './event';

/** User-pool attributes as Cognito sends them (every value a string). */
export type UserAttributes = Readonly<Record<string, string | undefined>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// AppSync's AWSPhone accepts E.164-like numbers; Cognito stores phone_number as E.164 (+ and digits).
const PHONE = /^\+[1-9]\d{1,14}$/;

/**
 * The public display name of a user, from the first attribute that has one:
 * 1. `name`; 2. `preferred_username`; 3. `given_name` and `family_name` (either or both, space-joined);
 * 4. the Cognito user name, unless it is an email address or the `sub` itself (an email must not become
 *    public, and a UUID is no name); otherwise none (`null`).
 *
 * @example
 * ```ts
 * displayNameOf({ sub: 'u1', given_name: 'Ada', family_name: 'Lovelace' }, 'ada'); // 'Ada Lovelace'
 * ```
 */
export function displayNameOf(attributes: UserAttributes, userName: string): string | null {
  const name = clean(attributes.name) ?? clean(attributes.preferred_username);
  if (name) return name;
  const fullName = [clean(attributes.given_name), clean(attributes.family_name)].filter(Boolean).join(' ');
  if (fullName) return fullName;
  const user = clean(userName);
  if (user && user !== attributes.sub && !user.includes('@')) return user;
  return null;
}

/**
 * The `addUser` variables for a signed-in user: the id is the user-pool `sub` (never anything a client
 * sends), the profile comes from the same attributes. Every field is always present (`null` when the pool
 * has no usable value), so that a removed attribute is removed from the profile too and identical
 * sign-ins send identical variables (which AppSync answers as a duplicate: nothing stored or published).
 *
 * Values AppSync would reject for their type (a `picture` that is not an absolute http(s) URL, an
 * invalid email or phone number) are sent as `null` and listed in `dropped`, so one bad attribute
 * cannot block the whole profile.
 *
 * @example
 * ```ts
 * const { variables } = toAddUserVariables(event);
 * await client.mutate(AddUserDocument, variables, { deadline });
 * ```
 */
export function toAddUserVariables(event: PostAuthenticationEvent): { variables: AddUserMutationVariables; dropped: string[] } {
  const attributes: UserAttributes = event.request.userAttributes;
  const dropped: string[] = [];
  const keep = (attribute: string, valid: (v: string) => boolean): string | null => {
    const value = clean(attributes[attribute]);
    if (value === undefined) return null;
    if (valid(value)) return value;
    dropped.push(attribute);
    return null;
  };
  const userDetails: AddUserInput = {
    displayName: displayNameOf(attributes, event.userName),
    picture: keep('picture', isHttpUrl),
    locale: keep('locale', () => true),
    email: keep('email', (v) => EMAIL.test(v)),
    phoneNumber: keep('phone_number', (v) => PHONE.test(v)),
  };
  return { variables: { userId: event.request.userAttributes.sub, userDetails }, dropped };
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
