import { SubscriptionFilterError } from './errors';

/** One rule of an AppSync enhanced subscription filter. */
export interface FilterRule {
  /** Field of the published payload; nested fields with dots (`payload.bucket`). */
  fieldName: string;
  operator: FilterOperator;
  value?: unknown;
}

/** Operators AppSync's enhanced filters support. */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'le'
  | 'lt'
  | 'ge'
  | 'gt'
  | 'contains'
  | 'notContains'
  | 'beginsWith'
  | 'in'
  | 'notIn'
  | 'between'
  | 'attributeExists'
  | 'containsAny';

/** AppSync's filter JSON: groups are OR-ed, the rules of a group AND-ed. */
export interface SubscriptionFilter {
  filterGroup: { filters: FilterRule[] }[];
}

/** A compiled filter: true when a published payload passes. */
export type CompiledFilter = (payload: Record<string, unknown>) => boolean;

const OPERATORS = new Set<string>([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'attributeExists',
  'containsAny',
]);

function valueAt(payload: Record<string, unknown>, path: string[]): unknown {
  let current: unknown = payload;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

function compileRule(rule: FilterRule): CompiledFilter {
  if (!rule || typeof rule.fieldName !== 'string' || rule.fieldName === '') {
    throw new SubscriptionFilterError('Each filter needs a non-empty "fieldName"');
  }
  if (!OPERATORS.has(rule.operator)) throw new SubscriptionFilterError(`Unknown filter operator: ${String(rule.operator)}`);
  const path = rule.fieldName.split('.');
  const expected = rule.value;
  const list = (name: string): unknown[] => {
    if (!Array.isArray(expected)) throw new SubscriptionFilterError(`Operator ${name} needs an array value (${rule.fieldName})`);
    return expected;
  };
  switch (rule.operator) {
    case 'eq':
      return (p) => equal(valueAt(p, path), expected);
    case 'ne':
      return (p) => !equal(valueAt(p, path), expected);
    case 'lt':
      return (p) => {
        const v = valueAt(p, path);
        return comparable(v, expected) && (v as number) < (expected as number);
      };
    case 'le':
      return (p) => {
        const v = valueAt(p, path);
        return comparable(v, expected) && (v as number) <= (expected as number);
      };
    case 'gt':
      return (p) => {
        const v = valueAt(p, path);
        return comparable(v, expected) && (v as number) > (expected as number);
      };
    case 'ge':
      return (p) => {
        const v = valueAt(p, path);
        return comparable(v, expected) && (v as number) >= (expected as number);
      };
    case 'contains':
    case 'notContains': {
      const positive = rule.operator === 'contains';
      return (p) => {
        const v = valueAt(p, path);
        const hit =
          typeof v === 'string' && typeof expected === 'string'
            ? v.includes(expected)
            : Array.isArray(v) && v.some((x) => equal(x, expected));
        return positive ? hit : !hit;
      };
    }
    case 'containsAny': {
      const values = list('containsAny');
      return (p) => {
        const v = valueAt(p, path);
        return Array.isArray(v) && v.some((x) => values.some((e) => equal(x, e)));
      };
    }
    case 'beginsWith':
      return (p) => {
        const v = valueAt(p, path);
        return typeof v === 'string' && typeof expected === 'string' && v.startsWith(expected);
      };
    case 'in': {
      const values = list('in');
      return (p) => values.some((e) => equal(valueAt(p, path), e));
    }
    case 'notIn': {
      const values = list('notIn');
      return (p) => !values.some((e) => equal(valueAt(p, path), e));
    }
    case 'between': {
      const values = list('between');
      if (values.length !== 2) throw new SubscriptionFilterError(`Operator between needs [low, high] (${rule.fieldName})`);
      const [low, high] = values;
      return (p) => {
        const v = valueAt(p, path);
        return comparable(v, low) && comparable(v, high) && (v as number) >= (low as number) && (v as number) <= (high as number);
      };
    }
    case 'attributeExists': {
      const wanted = expected !== false;
      return (p) => (valueAt(p, path) !== undefined) === wanted;
    }
  }
}

/**
 * Compiles AppSync enhanced-filter JSON (as `extensions.setSubscriptionFilter` receives it) into a
 * predicate over a published payload; throws {@link SubscriptionFilterError} on invalid JSON.
 *
 * @example
 * ```ts
 * const pass = compileSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName: 'ownerId', operator: 'eq', value: 'id-1' }] }] });
 * pass({ ownerId: 'id-1' }); // true
 * ```
 */
export function compileSubscriptionFilter(filter: unknown): CompiledFilter {
  if (filter === null || typeof filter !== 'object' || !Array.isArray((filter as SubscriptionFilter).filterGroup)) {
    throw new SubscriptionFilterError('A subscription filter must be an object with a "filterGroup" array');
  }
  const groups = (filter as SubscriptionFilter).filterGroup.map((group) => {
    if (!group || !Array.isArray(group.filters) || group.filters.length === 0) {
      throw new SubscriptionFilterError('Each filter group needs a non-empty "filters" array');
    }
    const rules = group.filters.map(compileRule);
    return (p: Record<string, unknown>) => rules.every((rule) => rule(p));
  });
  if (groups.length === 0) return () => true;
  return (p) => groups.some((group) => group(p));
}

/**
 * AppSync's basic filtering: every subscription argument given (non-null) must equal the
 * published payload's top-level field of the same name.
 *
 * @example
 * ```ts
 * matchesArguments({ id: 'u1' }, { id: 'u1', displayName: 'A' }); // true
 * ```
 */
export function matchesArguments(args: Record<string, unknown>, payload: Record<string, unknown>): boolean {
  return compileArgumentFilter(args)?.(payload) ?? true;
}

/**
 * {@link matchesArguments} compiled once per subscription: `undefined` when no argument is given,
 * so a subscription without arguments costs nothing per publication.
 *
 * @example
 * ```ts
 * const pass = compileArgumentFilter({ id: 'u1', kind: null }); // compares `id` only
 * pass?.({ id: 'u1' }); // true
 * ```
 */
export function compileArgumentFilter(args: Record<string, unknown>): CompiledFilter | undefined {
  const given = Object.entries(args).filter(([, value]) => value !== null && value !== undefined);
  if (given.length === 0) return undefined;
  return (payload) => {
    for (const [name, value] of given) if (!equal(payload[name], value)) return false;
    return true;
  };
}
