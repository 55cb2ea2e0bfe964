import { BlockList, isIP } from 'node:net';
import { PolicyDocumentError } from './errors';
import type { Principal } from './types';

/** A value in a Condition block. */
export type ConditionValue = string | number | boolean;

/** One IAM policy statement (identity-based). */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, ConditionValue | ConditionValue[]>>;
  /** Present only in resource/trust policies; ignored here. */
  Principal?: unknown;
}

/** An IAM policy document. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

/** Request context for conditions and policy variables (keys are case-insensitive). */
export type PolicyContext = Record<string, string | string[] | undefined>;

/** Input of {@link evaluate}. */
export interface EvaluateInput {
  /** Every identity policy of the caller (inline and attached). */
  policies: PolicyDocument[];
  /** Action requested, e.g. `appsync:GraphQL`. */
  action: string;
  /** Resource ARN, e.g. `arn:aws:appsync:us-east-1:111122223333:apis/abc/types/Mutation/fields/addUser`. */
  resource: string;
  /**
   * Condition keys and policy variables.
   * @default {}
   */
  context?: PolicyContext;
}

/** The statement that decided. */
export interface MatchedStatement {
  policyIndex: number;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  statement: PolicyStatement;
}

/** A condition the evaluator cannot evaluate; its statement never grants access. */
export interface UnsupportedCondition {
  policyIndex: number;
  statementIndex: number;
  operator: string;
  reason: string;
}

/** Outcome of {@link evaluate}. */
export interface EvaluationResult {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The Deny that won, or the first Allow that matched. */
  matchedStatement?: MatchedStatement;
  /**
   * Conditions that could not be evaluated. An Allow statement carrying one does not match; a
   * Deny statement carrying one is treated as matching, so an unknown operator never grants.
   */
  unsupported: UnsupportedCondition[];
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function globToRegExp(pattern: string, flags: string, segmentSafe: boolean): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += segmentSafe ? '[^:]*' : '.*';
    else if (ch === '?') source += segmentSafe ? '[^:]' : '.';
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, `s${flags}`);
}

/** Glob match with `*` and `?` (used by StringLike and actions). */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  return globToRegExp(pattern, ignoreCase ? 'i' : '', false).test(value);
}

/**
 * ARN match as IAM does it: wildcards in partition/service/region/account segments stay within
 * their segment; in the resource part they may span `/` and `:`.
 */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.startsWith('arn:')) return globMatch(pattern, arn);
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  for (let i = 0; i < 5; i++) {
    if (!globToRegExp(p[i] as string, '', true).test(a[i] as string)) return false;
  }
  return globMatch(p[5] as string, a[5] as string);
}

function splitArn(value: string): string[] | undefined {
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function contextLookup(context: PolicyContext, key: string): string[] | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === lower && v !== undefined) return list(v);
  }
  return undefined;
}

/**
 * Substitutes `${key}` / `${key, 'default'}` policy variables; `${*}`, `${?}`, `${$}` are the
 * literal characters. Returns `undefined` when a variable has no value and no default (the
 * element then matches nothing, as in IAM). Single-valued keys only.
 */
export function substituteVariables(text: string, context: PolicyContext, escapeWildcards = false): string | undefined {
  let missing = false;
  const out = text.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
    const trimmed = inner.trim();
    if (trimmed === '*' || trimmed === '?' || trimmed === '$') return escapeWildcards ? `\uE000${trimmed}` : trimmed;
    const withDefault = /^([^,]+?)\s*,\s*'([^']*)'$/.exec(trimmed);
    const key = withDefault ? (withDefault[1] as string) : trimmed;
    const values = contextLookup(context, key);
    if (values && values.length === 1) return values[0] as string;
    if (withDefault) return withDefault[2] as string;
    missing = true;
    return '';
  });
  return missing ? undefined : out;
}

/** Pattern match where `\uE000` marks a literal `*`/`?` produced by `${*}` / `${?}`. */
function patternMatch(pattern: string, value: string, matcher: (p: string, v: string) => boolean): boolean {
  if (!pattern.includes('\uE000')) return matcher(pattern, value);
  // Replace escaped wildcards with sentinels that cannot be wildcards, compare, and map back.
  const SENT_STAR = '\uE001';
  const SENT_Q = '\uE002';
  const p = pattern.replace(/\uE000\*/g, SENT_STAR).replace(/\uE000\?/g, SENT_Q).replace(/\uE000\$/g, '$');
  const v = value.replace(/\*/g, SENT_STAR).replace(/\?/g, SENT_Q);
  return matcher(p, v);
}

type Comparator = (contextValue: string, policyValue: string) => boolean | undefined;

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress']);

/** Whether an address is in a CIDR block (`203.0.113.0/24`) or equals a plain address; undefined when the policy value is not one. */
function ipMatch(address: string, cidr: string): boolean | undefined {
  const [network, bits, ...rest] = cidr.trim().split('/');
  const family = isIP(network ?? '');
  if (rest.length > 0 || family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return undefined;
  const addressFamily = isIP(address);
  if (addressFamily === 0) return false;
  const block = new BlockList();
  block.addSubnet(network!, prefix, type);
  return block.check(address, addressFamily === 4 ? 'ipv4' : 'ipv6');
}

function toDate(value: string): number | undefined {
  const n = Number(value);
  const t = value.trim() !== '' && Number.isFinite(n) ? n * 1000 : Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

function toNumber(value: string): number | undefined {
  const n = Number(value);
  return value.trim() === '' || !Number.isFinite(n) ? undefined : n;
}

const COMPARATORS: Record<string, Comparator> = {
  StringEquals: (c, p) => c === p,
  StringNotEquals: (c, p) => c === p,
  StringEqualsIgnoreCase: (c, p) => c.toLowerCase() === p.toLowerCase(),
  StringNotEqualsIgnoreCase: (c, p) => c.toLowerCase() === p.toLowerCase(),
  StringLike: (c, p) => patternMatch(p, c, (pp, vv) => globMatch(pp, vv)),
  StringNotLike: (c, p) => patternMatch(p, c, (pp, vv) => globMatch(pp, vv)),
  ArnEquals: (c, p) => patternMatch(p, c, arnMatch),
  ArnLike: (c, p) => patternMatch(p, c, arnMatch),
  ArnNotEquals: (c, p) => patternMatch(p, c, arnMatch),
  ArnNotLike: (c, p) => patternMatch(p, c, arnMatch),
  Bool: (c, p) => c.toLowerCase() === p.toLowerCase(),
  NumericEquals: (c, p) => numeric(c, p, (a, b) => a === b),
  NumericNotEquals: (c, p) => numeric(c, p, (a, b) => a === b),
  NumericLessThan: (c, p) => numeric(c, p, (a, b) => a < b),
  NumericLessThanEquals: (c, p) => numeric(c, p, (a, b) => a <= b),
  NumericGreaterThan: (c, p) => numeric(c, p, (a, b) => a > b),
  NumericGreaterThanEquals: (c, p) => numeric(c, p, (a, b) => a >= b),
  DateEquals: (c, p) => dates(c, p, (a, b) => a === b),
  DateNotEquals: (c, p) => dates(c, p, (a, b) => a === b),
  DateLessThan: (c, p) => dates(c, p, (a, b) => a < b),
  DateLessThanEquals: (c, p) => dates(c, p, (a, b) => a <= b),
  DateGreaterThan: (c, p) => dates(c, p, (a, b) => a > b),
  DateGreaterThanEquals: (c, p) => dates(c, p, (a, b) => a >= b),
  IpAddress: (c, p) => ipMatch(c, p),
  NotIpAddress: (c, p) => ipMatch(c, p),
};

function numeric(c: string, p: string, f: (a: number, b: number) => boolean): boolean | undefined {
  const a = toNumber(c);
  const b = toNumber(p);
  return a === undefined || b === undefined ? (b === undefined ? undefined : false) : f(a, b);
}

function dates(c: string, p: string, f: (a: number, b: number) => boolean): boolean | undefined {
  const a = toDate(c);
  const b = toDate(p);
  return a === undefined || b === undefined ? (b === undefined ? undefined : false) : f(a, b);
}

type ConditionOutcome = { ok: true; value: boolean } | { ok: false; reason: string };

function evaluateOperator(
  rawOperator: string,
  block: Record<string, ConditionValue | ConditionValue[]>,
  context: PolicyContext,
  substitute: boolean,
): ConditionOutcome {
  let operator = rawOperator;
  let qualifier: 'ForAnyValue' | 'ForAllValues' | undefined;
  const q = /^(ForAnyValue|ForAllValues):(.+)$/.exec(operator);
  if (q) {
    qualifier = q[1] as 'ForAnyValue' | 'ForAllValues';
    operator = q[2] as string;
  }
  let ifExists = false;
  if (operator.endsWith('IfExists') && operator !== 'IfExists') {
    ifExists = true;
    operator = operator.slice(0, -'IfExists'.length);
  }
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    return { ok: false, reason: `condition block of ${rawOperator} must be an object of keys to values` };
  }

  for (const [key, raw] of Object.entries(block)) {
    const policyValues = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
    const contextValues = contextLookup(context, key);

    if (operator === 'Null') {
      if (qualifier) return { ok: false, reason: `${rawOperator} is not a valid operator` };
      const absent = contextValues === undefined || contextValues.length === 0;
      const wanted = policyValues.map((v) => v.toLowerCase());
      if (!wanted.every((v) => v === 'true' || v === 'false')) {
        return { ok: false, reason: `Null expects 'true' or 'false', got ${JSON.stringify(raw)}` };
      }
      if (!wanted.includes(absent ? 'true' : 'false')) return { ok: true, value: false };
      continue;
    }

    const comparator = COMPARATORS[operator];
    if (!comparator) return { ok: false, reason: `unsupported condition operator '${rawOperator}'` };
    const negated = NEGATED.has(operator);
    const resolvedPolicyValues: string[] = [];
    for (const v of policyValues) {
      const s = substitute ? substituteVariables(v, context, /Like$|^Arn/.test(operator)) : v;
      if (s !== undefined) resolvedPolicyValues.push(s);
    }

    // One context value against all policy values: any match (positive), none match (negated).
    let invalid: string | undefined;
    const test = (contextValue: string): boolean => {
      let matched = false;
      for (const p of resolvedPolicyValues) {
        const r = comparator(contextValue, p);
        if (r === undefined) invalid = `value ${JSON.stringify(p)} is not valid for ${operator}`;
        if (r) matched = true;
      }
      return negated ? !matched : matched;
    };

    let keyResult: boolean;
    if (contextValues === undefined || contextValues.length === 0) {
      // Absent key: IfExists and ForAllValues are vacuously true; negated operators are true.
      keyResult = ifExists || qualifier === 'ForAllValues' || (negated && qualifier !== 'ForAnyValue');
    } else if (qualifier === 'ForAllValues') {
      keyResult = contextValues.every(test);
    } else {
      keyResult = contextValues.some(test);
    }
    if (invalid) return { ok: false, reason: invalid };
    if (!keyResult) return { ok: true, value: false };
  }
  return { ok: true, value: true };
}

function matchesAny(patterns: string[], value: string, matcher: (p: string, v: string) => boolean): boolean {
  return patterns.some((p) => matcher(p, value));
}

function checkStatement(s: unknown, location: string): asserts s is PolicyStatement {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new PolicyDocumentError('statement must be an object', location);
  const st = s as Record<string, unknown>;
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    throw new PolicyDocumentError(`Effect must be 'Allow' or 'Deny', got ${JSON.stringify(st.Effect)}`, location);
  }
  if ((st.Action === undefined) === (st.NotAction === undefined)) {
    throw new PolicyDocumentError('exactly one of Action and NotAction is required', location);
  }
  if ((st.Resource === undefined) === (st.NotResource === undefined)) {
    throw new PolicyDocumentError('exactly one of Resource and NotResource is required', location);
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    const v = st[key];
    if (v !== undefined && typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
      throw new PolicyDocumentError(`${key} must be a string or an array of strings`, location);
    }
  }
  if (st.Condition !== undefined && (typeof st.Condition !== 'object' || st.Condition === null || Array.isArray(st.Condition))) {
    throw new PolicyDocumentError('Condition must be an object', location);
  }
}

/**
 * Evaluates identity policies for one action on one resource, as IAM does: an explicit Deny
 * wins, otherwise any matching Allow allows, otherwise the request is implicitly denied.
 *
 * @example
 * ```ts
 * const r = evaluate({ policies: role.policies, action: 'appsync:GraphQL',
 *   resource: 'arn:aws:appsync:us-east-1:111122223333:apis/abc/types/Mutation/fields/notifyImageTagged' });
 * if (r.decision !== 'Allow') throw unauthorized();
 * ```
 */
export function evaluate(input: EvaluateInput): EvaluationResult {
  const context = input.context ?? {};
  const unsupported: UnsupportedCondition[] = [];
  let allow: MatchedStatement | undefined;
  let deny: MatchedStatement | undefined;

  if (!Array.isArray(input.policies)) throw new PolicyDocumentError('policies must be an array', 'policies');
  input.policies.forEach((policy, policyIndex) => {
    const where = `policies[${policyIndex}]`;
    if (typeof policy !== 'object' || policy === null || policy.Statement === undefined) {
      throw new PolicyDocumentError('policy document must have a Statement', where);
    }
    const substitute = policy.Version === '2012-10-17';
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    statements.forEach((statement, statementIndex) => {
      checkStatement(statement, `${where}.Statement[${statementIndex}]`);
      if (deny) return;

      const actionOk =
        statement.Action !== undefined
          ? matchesAny(list(statement.Action), input.action, (p, v) => globMatch(p, v, true))
          : !matchesAny(list(statement.NotAction), input.action, (p, v) => globMatch(p, v, true));
      if (!actionOk) return;

      const resourceMatcher = (p: string, v: string) => {
        const s = substitute ? substituteVariables(p, context, true) : p;
        return s !== undefined && patternMatch(s, v, arnMatch);
      };
      const resourceOk =
        statement.Resource !== undefined
          ? matchesAny(list(statement.Resource), input.resource, resourceMatcher)
          : !matchesAny(list(statement.NotResource), input.resource, resourceMatcher);
      if (!resourceOk) return;

      let conditionsOk = true;
      let unsupportedHere = false;
      for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
        const outcome = evaluateOperator(operator, block, context, substitute);
        if (!outcome.ok) {
          unsupported.push({ policyIndex, statementIndex, operator, reason: outcome.reason });
          unsupportedHere = true;
          continue;
        }
        if (!outcome.value) conditionsOk = false;
      }

      const matched: MatchedStatement = { policyIndex, statementIndex, sid: statement.Sid, effect: statement.Effect, statement };
      if (statement.Effect === 'Deny') {
        // A Deny that cannot be fully evaluated still denies: an unknown operator never grants.
        if (conditionsOk || unsupportedHere) deny = matched;
      } else if (conditionsOk && !unsupportedHere && !allow) {
        allow = matched;
      }
    });
  });

  if (deny) return { decision: 'ExplicitDeny', matchedStatement: deny, unsupported };
  if (allow) return { decision: 'Allow', matchedStatement: allow, unsupported };
  return { decision: 'ImplicitDeny', unsupported };
}

/** What a server knows about one request, for the global condition keys that describe it. */
export interface PolicyRequestContext {
  /** Region the request was sent to (`aws:RequestedRegion`). */
  region?: string;
  /** When the request arrived (`aws:CurrentTime` in ISO 8601, `aws:EpochTime` in seconds). */
  now?: Date;
  /** Whether the request came over TLS (`aws:SecureTransport`). */
  secureTransport?: boolean;
  /** The caller's IP address (`aws:SourceIp`). */
  sourceIp?: string;
  /** Tags of the caller's role (`aws:PrincipalTag/<key>`). */
  principalTags?: Record<string, string>;
}

/**
 * The condition keys and policy variables IAM offers for a caller's request: the principal's, and,
 * given what the server knows of the request, `aws:RequestedRegion`, `aws:CurrentTime`,
 * `aws:EpochTime`, `aws:SecureTransport`, `aws:SourceIp` and `aws:PrincipalTag/<key>`. A key whose
 * input is not given is absent, as IAM leaves a key it has no value for.
 *
 * @example
 * ```ts
 * const context = policyContextFor(principal, { region: 'us-east-1', now: new Date(), secureTransport: true, sourceIp: '203.0.113.7' });
 * evaluate({ policies, action, resource, context });
 * ```
 */
export function policyContextFor(principal: Principal, request: PolicyRequestContext = {}): PolicyContext {
  const context: PolicyContext = {
    'aws:userid': principal.user,
    'aws:PrincipalArn': principal.roleArn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': 'AssumedRole',
  };
  if (request.region !== undefined) context['aws:RequestedRegion'] = request.region;
  if (request.now !== undefined) {
    // IAM's aws:CurrentTime has no milliseconds.
    context['aws:CurrentTime'] = request.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    context['aws:EpochTime'] = String(Math.floor(request.now.getTime() / 1000));
  }
  if (request.secureTransport !== undefined) context['aws:SecureTransport'] = String(request.secureTransport);
  if (request.sourceIp !== undefined) context['aws:SourceIp'] = request.sourceIp;
  for (const [key, value] of Object.entries(request.principalTags ?? {})) context[`aws:PrincipalTag/${key}`] = value;
  if (principal.kind === 'identity') {
    const providers = principal.cognitoIdentityAuthProvider
      .split('","')
      .map((p) => p.replace(/^"|"$/g, ''))
      .filter((p) => p.length > 0);
    context['cognito-identity.amazonaws.com:sub'] = principal.cognitoIdentityId;
    context['cognito-identity.amazonaws.com:aud'] = principal.cognitoIdentityPoolId;
    context['cognito-identity.amazonaws.com:amr'] = [principal.cognitoIdentityAuthType, ...providers];
  }
  return context;
}
