/** Cognito identity id, as Amplify Storage writes it into `private/<identityId>/` keys: `<region>:<uuid>`. */
const IDENTITY_ID = /^[\w-]+:[0-9a-f-]+$/;

/**
 * The owner of an object under Amplify Storage's private layout (`private/<identityId>/<file...>`): the Cognito
 * identity id; undefined for any other key (only a private upload has someone to notify). Give it the key as
 * stored (decoded), where the identity id's `:` is a `:`.
 *
 * @example
 * ```ts
 * ownerOf('private/eu-west-1:6f1c2d3e-0000-4000-8000-000000000000/photos/cat.jpg'); // 'eu-west-1:6f1c2d3e-...'
 * ownerOf('public/banner.png'); // undefined
 * ```
 */
export function ownerOf(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length < 3 || parts[0] !== 'private') return undefined;
  const identityId = parts[1] ?? '';
  const rest = parts.slice(2).join('/');
  return IDENTITY_ID.test(identityId) && rest !== '' ? identityId : undefined;
}
