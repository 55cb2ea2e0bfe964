import { evaluate, policyContextFor, type Principal } from '@notifier/local-iam';
import type { RoleModel } from './types';

/** What the server knows of one request, for the condition keys that describe it. */
export interface FieldRequestContext {
  /** When the request (the POST, or the real-time `start`) arrived: `aws:CurrentTime`, `aws:EpochTime`. */
  now: Date;
  /** Whether it came over the TLS listener: `aws:SecureTransport`. */
  secureTransport: boolean;
  /** The caller's address (`127.0.0.1` / `::1` locally): `aws:SourceIp`. */
  sourceIp: string;
}

/** Decides whether a caller may call a top-level field (`appsync:GraphQL` on the field's ARN) in one request. */
export type FieldAuthorizer = (principal: Principal, typeName: string, fieldName: string, request: FieldRequestContext) => boolean;

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

/** How a role's decisions may be cached, from the per-request keys its policies name. */
interface CachePolicy {
  /** Its policies name aws:CurrentTime or aws:EpochTime: every decision is made afresh. */
  perRequest: boolean;
  usesSecureTransport: boolean;
  usesSourceIp: boolean;
}

function cachePolicyOf(role: RoleModel): CachePolicy {
  // Keys are case-insensitive and may appear as condition keys or as ${...} policy variables
  // anywhere in a statement; a plain search over the documents finds both (a mention elsewhere only
  // costs a cache miss).
  const text = JSON.stringify(role.policies).toLowerCase();
  return {
    perRequest: text.includes('aws:currenttime') || text.includes('aws:epochtime'),
    usesSecureTransport: text.includes('aws:securetransport'),
    usesSourceIp: text.includes('aws:sourceip'),
  };
}

/**
 * Creates the IAM field authorizer: the caller's role policies (from the template) are evaluated
 * for `appsync:GraphQL` on the field ARN, with explicit Deny winning and no Allow meaning deny.
 * Conditions see the principal's keys, `aws:RequestedRegion`, `aws:PrincipalTag/<key>` and the
 * request's `aws:CurrentTime`, `aws:EpochTime`, `aws:SecureTransport` and `aws:SourceIp`.
 *
 * @example
 * ```ts
 * const authorize = createFieldAuthorizer({ region, accountId, apiId, roles: model.roles });
 * authorize(principal, 'Mutation', 'notifyModelReady', { now: new Date(), secureTransport: false, sourceIp: '127.0.0.1' });
 * ```
 */
export function createFieldAuthorizer(options: FieldAuthorizerOptions): FieldAuthorizer {
  const rolesByArn = new Map(options.roles.map((r) => [r.roleArn, { role: r, cache: cachePolicyOf(r) }]));
  // Policies are fixed for the server's life, and apart from the per-request keys the context
  // depends only on the principal, its role's tags and the server's region. So a decision is cached
  // per (session, field) plus the per-request values the role's policies name, and never for a
  // role whose policies name the time.
  const decisions = new Map<string, boolean>();
  return (principal, typeName, fieldName, request) => {
    const entry = rolesByArn.get(principal.roleArn);
    if (entry === undefined) return false;
    const { role, cache } = entry;
    if (cache.perRequest) return decide(role, principal, typeName, fieldName, request);
    const key =
      `${principal.userArn}|${principal.kind === 'identity' ? principal.cognitoIdentityId : ''}|${typeName}|${fieldName}` +
      `|${cache.usesSecureTransport ? String(request.secureTransport) : ''}|${cache.usesSourceIp ? request.sourceIp : ''}`;
    const known = decisions.get(key);
    if (known !== undefined) return known;
    const allowed = decide(role, principal, typeName, fieldName, request);
    if (decisions.size >= 10_000) decisions.clear();
    decisions.set(key, allowed);
    return allowed;
  };

  function decide(role: RoleModel, principal: Principal, typeName: string, fieldName: string, request: FieldRequestContext): boolean {
    const result = evaluate({
      policies: role.policies,
      action: 'appsync:GraphQL',
      resource: fieldArn(options, typeName, fieldName),
      context: policyContextFor(principal, { region: options.region, principalTags: role.tags, ...request }),
    });
    return result.decision === 'Allow';
  }
}
