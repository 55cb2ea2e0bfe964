// util.transform.toSubscriptionFilter: a filter object to AppSync's disjunctive form.
// AppSync delivers an event when any group matches and a group matches when all its filters do.
// Every operator of a field, every member of an `or` and every rule is an alternative, so groups
// multiply out (checked against AppSync's EvaluateCode answers for the same inputs).
import type { SubscriptionFilter, SubscriptionFilterEntry } from './types';
import { toDynamoDBExpression } from './dynamodb-expression';
import { UnsupportedUtilityError } from './errors';

type Group = SubscriptionFilterEntry[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cartesian product of alternatives: each factor is a list of groups, one of which must hold. */
function product(factors: Group[][]): Group[] {
  let result: Group[] = [[]];
  for (const factor of factors) {
    const next: Group[] = [];
    for (const left of result) for (const right of factor) next.push([...left, ...right]);
    result = next;
  }
  return result;
}

function fieldAlternatives(fieldName: string, operators: unknown): Group[] {
  if (!isPlainObject(operators)) return [];
  return Object.entries(operators).map(([operator, value]) => [{ fieldName, operator, value } as SubscriptionFilterEntry]);
}

function toGroups(filter: Record<string, unknown>, ignored: ReadonlySet<string>): Group[] {
  const factors: Group[][] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === 'and' && Array.isArray(value)) {
      factors.push(product(value.filter(isPlainObject).map((member) => toGroups(member, ignored))));
    } else if (key === 'or' && Array.isArray(value)) {
      factors.push(value.filter(isPlainObject).flatMap((member) => toGroups(member, ignored)));
    } else if (!ignored.has(key)) {
      factors.push(fieldAlternatives(key, value));
    }
  }
  return product(factors);
}

/**
 * `util.transform.toSubscriptionFilter(filter, ignoredFields?, rules?)`: null when `filter` is not
 * an object (AppSync answers null too); groups without filters are dropped.
 */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  if (!isPlainObject(filter)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.filter((f): f is string => typeof f === 'string') : []);
  let groups = toGroups(filter, ignored);
  if (isPlainObject(rules) && Object.keys(rules).length > 0) {
    const ruleAlternatives = Object.entries(rules).flatMap(([field, operators]) => fieldAlternatives(field, operators));
    groups = product([groups, ruleAlternatives]);
  }
  return { filterGroup: groups.filter((group) => group.length > 0).map((filters) => ({ filters })) };
}

/** The transform helpers of util.transform; the OpenSearch one is refused clearly. */
export function createTransformUtil() {
  return {
    toSubscriptionFilter,
    toDynamoDBFilterExpression: toDynamoDBExpression,
    toDynamoDBConditionExpression: toDynamoDBExpression,
    toElasticsearchQueryDSL: (): never => {
      throw new UnsupportedUtilityError('util.transform.toElasticsearchQueryDSL');
    },
  };
}
