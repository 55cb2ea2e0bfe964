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

/** The caller's Cognito identity id (owner of private notifications); refuses callers without one. */
export function callerIdentityId(ctx: Context): string {
  const identityId = iamIdentity(ctx).cognitoIdentityId;
  if (typeof identityId !== 'string' || identityId === '') util.unauthorized();
  return identityId as string;
}
