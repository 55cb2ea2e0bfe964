import type { Principal } from './types';

/** `ctx.identity` as AppSync builds it for AWS_IAM callers. */
export interface AppSyncIamIdentity {
  accountId: string;
  cognitoIdentityAuthProvider: string | null;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityId: string | null;
  cognitoIdentityPoolId: string | null;
  sourceIp: string[];
  userArn: string;
  username: string;
}

/**
 * Builds AppSync's `ctx.identity` for an IAM-authorized caller (role or identity-pool identity).
 *
 * @example
 * ```ts
 * const identity = toAppSyncIdentity(principal, req.socket.remoteAddress ?? '127.0.0.1');
 * identity.userArn; // 'arn:aws:sts::111122223333:assumed-role/ImageTaggerRole/image-tagger'
 * ```
 */
export function toAppSyncIdentity(principal: Principal, sourceIp: string | string[]): AppSyncIamIdentity {
  const isIdentity = principal.kind === 'identity';
  return {
    accountId: principal.accountId,
    cognitoIdentityAuthProvider: isIdentity ? principal.cognitoIdentityAuthProvider : null,
    cognitoIdentityAuthType: isIdentity ? principal.cognitoIdentityAuthType : null,
    cognitoIdentityId: isIdentity ? principal.cognitoIdentityId : null,
    cognitoIdentityPoolId: isIdentity ? principal.cognitoIdentityPoolId : null,
    sourceIp: Array.isArray(sourceIp) ? [...sourceIp] : [sourceIp],
    userArn: principal.userArn,
    username: principal.user,
  };
}
