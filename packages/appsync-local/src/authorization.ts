import { evaluate, policyContextFor, type Principal } from '@notifier/local-iam';
import type { RoleModel } from './types';

/** Decides whether a caller may call a top-level field (`appsync:GraphQL` on the field's ARN). */
export type FieldAuthorizer = (principal: Principal, typeName: string, fieldName: string) => boolean;

/** Options of {@link createFieldAuthorizer}. */
export interface FieldAuthorizerOptions {
  region: string;
  accountId: string;
  apiId: string;
  /** Roles with their policies (from the template). */
  roles: RoleModel[];
}

/**
 * The ARN AppSync authorizes a field against.
 *
 * @example
 * ```ts
 * fieldArn({ region: 'us-east-1', accountId: '000000000000', apiId: 'abc' }, 'Mutation', 'addUser');
 * // 'arn:aws:appsync:us-east-1:000000000000:apis/abc/types/Mutation/fields/addUser'
 * ```
 */
export function fieldArn(api: { region: string; accountId: string; apiId: string }, typeName: string, fieldName: string): string {
  return `arn:aws:appsync:${api.region}:${api.accountId}:apis/${api.apiId}/types/${typeName}/fields/${fieldName}`;
}

/**
 * Creates the IAM field authorizer: the caller's role policies (from the template) are evaluated
 * for `appsync:GraphQL` on the field ARN, with explicit Deny winning and no Allow meaning deny.
 *
 * @example
 * ```ts
 * const authorize = createFieldAuthorizer({ region, accountId, apiId, roles: model.roles });
 * authorize(principal, 'Mutation', 'notifyModelReady'); // true for the model-ready-notice role only
 * ```
 */
export function createFieldAuthorizer(options: FieldAuthorizerOptions): FieldAuthorizer {
  const rolesByArn = new Map(options.roles.map((r) => [r.roleArn, r]));
  // Policies are fixed for the server's life and the context depends only on the principal, its
  // role's tags and the server's region, so a decision per (session, field) never changes.
  const decisions = new Map<string, boolean>();
  return (principal, typeName, fieldName) => {
    const key = `${principal.userArn}|${principal.kind === 'identity' ? principal.cognitoIdentityId : ''}|${typeName}|${fieldName}`;
    const known = decisions.get(key);
    if (known !== undefined) return known;
    const role = rolesByArn.get(principal.roleArn);
    const allowed = role !== undefined && decide(role, principal, typeName, fieldName);
    if (decisions.size >= 10_000) decisions.clear();
    decisions.set(key, allowed);
    return allowed;
  };

  function decide(role: RoleModel, principal: Principal, typeName: string, fieldName: string): boolean {
    const result = evaluate({
      policies: role.policies,
      action: 'appsync:GraphQL',
      resource: fieldArn(options, typeName, fieldName),
      // Only the keys fixed for the server's life or the role: the decision cache above relies on it.
      context: policyContextFor(principal, { region: options.region, principalTags: role.tags }),
    });
    return result.decision === 'Allow';
  }
}
