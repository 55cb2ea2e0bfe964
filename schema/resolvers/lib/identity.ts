// Who is calling: AppSync under AWS_IAM puts the Cognito identity-pool facts on ctx.identity.
import { util } from '@aws-appsync/utils';
import type { AppSyncIdentityIAM, Context } from '@aws-appsync/utils';

const SIGN_IN_MARKER = ':CognitoSignIn:';

function iamIdentity(ctx: Context): Partial<AppSyncIdentityIAM> {
  return (ctx.identity ?? {}) as Partial<AppSyncIdentityIAM>;
}

/**
 * The user-pool `sub` of the caller, from `cognitoIdentityAuthProvider`: a comma-separated list of
 * (usually double-quoted) providers, one of which ends in `:CognitoSignIn:<sub>`. Callers without
 * one (backend roles, guests) are refused with AppSync's Unauthorized error.
 */
export function callerSub(ctx: Context): string {
  const providers = iamIdentity(ctx).cognitoIdentityAuthProvider;
  let sub = '';
  if (typeof providers === 'string') {
    providers.split(',').forEach((raw) => {
      const provider = raw.trim().split('"').join('');
      const at = provider.lastIndexOf(SIGN_IN_MARKER);
      if (sub === '' && at >= 0) sub = provider.slice(at + SIGN_IN_MARKER.length).trim();
    });
  }
  if (sub === '') util.unauthorized();
  return sub;
}

/**
 * The Cognito identity id of a signed-in caller (owner of private notifications). Backend roles
 * and guests (identity-pool `unauthenticated` identities) are refused with Unauthorized.
 */
export function callerIdentityId(ctx: Context): string {
  const identity = iamIdentity(ctx);
  const identityId = identity.cognitoIdentityId;
  if (typeof identityId !== 'string' || identityId === '' || identity.cognitoIdentityAuthType !== 'authenticated') {
    util.unauthorized();
  }
  return identityId as string;
}
