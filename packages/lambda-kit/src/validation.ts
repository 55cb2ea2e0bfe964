import { safeParse, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core';
import { ValidationError, type ValidationProblem } from './errors';

/**
 * Parses `input` with a zod (or `zod/mini`) schema, or throws a {@link ValidationError} naming every
 * problem as `path: what` (e.g. `detail.object.key: expected string, received undefined`).
 *
 * Messages are built here from the issue codes, so `zod/mini` needs no locale bundle.
 *
 * @example
 * ```ts
 * const event = parse(S3ObjectCreatedEventSchema, raw, 'EventBridge event');
 * ```
 */
export function parse<S extends $ZodType>(schema: S, input: unknown, what: string): output<S> {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  throw new ValidationError(what, result.error.issues.map((issue) => toProblem(issue, input)));
}

/** Turns one zod issue into a readable problem. */
export function toProblem(issue: $ZodIssue, input?: unknown): ValidationProblem {
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return { path, message: describe(issue, input) };
}

function describe(issue: $ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const received = typeName(valueAt(input, issue.path));
      return `expected ${issue.expected}, received ${received}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, received ${preview(valueAt(input, issue.path))}`;
    case 'invalid_format':
      return `expected ${issue.format} format${'pattern' in issue && issue.pattern ? ` (${issue.pattern})` : ''}, received ${preview(valueAt(input, issue.path))}`;
    case 'too_small':
      return `expected ${issue.origin === 'string' ? 'length' : issue.origin === 'array' ? 'item count' : 'value'} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `expected ${issue.origin === 'string' ? 'length' : issue.origin === 'array' ? 'item count' : 'value'} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unexpected key(s) ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'matches none of the accepted shapes';
    default:
      // Custom refinements carry their own message; other codes have a useful default.
      return issue.message && issue.message !== 'Invalid input' ? issue.message : issue.code.replaceAll('_', ' ');
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
