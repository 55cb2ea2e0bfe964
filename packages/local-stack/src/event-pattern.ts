import { LocalStackError } from './errors';

/** An EventBridge event pattern, as written in an `AWS::Events::Rule`'s `EventPattern`. */
export type EventPattern = { [field: string]: unknown };

type Matcher = (value: unknown) => boolean;

/**
 * Compiles an EventBridge event pattern into a predicate, following EventBridge's content-filtering rules.
 *
 * Supported: exact values (string, number, boolean, null), `prefix`, `suffix` (both also with
 * `equals-ignore-case`), `anything-but` (value, list, `prefix`, `suffix`, `wildcard`), `numeric`,
 * `exists`, `equals-ignore-case`, `wildcard`, `cidr`, nested objects and `$or`. An operator the
 * matcher does not know is an error at compile time, never a silent match.
 *
 * @example
 * const matches = compileEventPattern({ source: ['aws.s3'], detail: { object: { key: [{ prefix: 'private/' }] } } });
 * matches(event); // true or false
 */
export function compileEventPattern(pattern: EventPattern): (event: unknown) => boolean {
  return compileObject(pattern, '$');
}

function compileObject(pattern: EventPattern, path: string): (event: unknown) => boolean {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) {
    throw new LocalStackError(`Event pattern at ${path} must be an object`);
  }
  const checks: Array<(event: Record<string, unknown>) => boolean> = [];
  for (const [field, spec] of Object.entries(pattern)) {
    if (field === '$or') {
      if (!Array.isArray(spec) || spec.length < 2) {
        throw new LocalStackError(`Event pattern at ${path}.$or must be an array of at least two patterns`);
      }
      const alternatives = spec.map((alt, i) => compileObject(alt as EventPattern, `${path}.$or[${i}]`));
      checks.push((event) => alternatives.some((alt) => alt(event)));
      continue;
    }
    const fieldPath = `${path}.${field}`;
    if (Array.isArray(spec)) {
      const matchers = spec.map((rule, i) => compileRule(rule, `${fieldPath}[${i}]`));
      const wantsAbsent = spec.some((rule) => isObject(rule) && 'exists' in rule && rule.exists === false);
      checks.push((event) => {
        if (!(field in event) || event[field] === undefined) return wantsAbsent;
        const value = event[field];
        const candidates = Array.isArray(value) ? value : [value];
        return matchers.some((m) => candidates.some((candidate) => m(candidate)));
      });
    } else if (isObject(spec)) {
      const nested = compileObject(spec, fieldPath);
      checks.push((event) => isObject(event[field]) && nested(event[field]));
    } else {
      throw new LocalStackError(`Event pattern at ${fieldPath} must be an array of rules or a nested object`);
    }
  }
  return (event) => isObject(event) && checks.every((check) => check(event));
}

function compileRule(rule: unknown, path: string): Matcher {
  if (rule === null || typeof rule === 'string' || typeof rule === 'number' || typeof rule === 'boolean') {
    return (value) => value === rule;
  }
  if (!isObject(rule)) throw new LocalStackError(`Event pattern rule at ${path} is not a value or an operator object`);
  const keys = Object.keys(rule);
  if (keys.length !== 1) throw new LocalStackError(`Event pattern rule at ${path} must have exactly one operator`);
  const operator = keys[0] as string;
  const operand = rule[operator];
  switch (operator) {
    case 'prefix':
      return compileAffix(operand, path, (value, affix) => value.startsWith(affix));
    case 'suffix':
      return compileAffix(operand, path, (value, affix) => value.endsWith(affix));
    case 'equals-ignore-case': {
      const expected = requireString(operand, path).toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === expected;
    }
    case 'wildcard': {
      const regex = wildcardToRegExp(requireString(operand, path));
      return (value) => typeof value === 'string' && regex.test(value);
    }
    case 'exists':
      if (typeof operand !== 'boolean') throw new LocalStackError(`"exists" at ${path} must be true or false`);
      // Presence is decided by the caller (a missing field never reaches a matcher).
      return () => operand;
    case 'anything-but': {
      const inner = compileAnythingBut(operand, path);
      return (value) => !inner(value);
    }
    case 'numeric':
      return compileNumeric(operand, path);
    case 'cidr':
      return compileCidr(requireString(operand, path), path);
    default:
      throw new LocalStackError(`Event pattern operator "${operator}" at ${path} is not supported`);
  }
}

/**
 * `prefix` / `suffix` with a string, or with `{ "equals-ignore-case": string }` (the one modifier
 * EventBridge documents for them): any other shape is refused rather than guessed at.
 */
function compileAffix(operand: unknown, path: string, test: (value: string, affix: string) => boolean): Matcher {
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case' || typeof operand['equals-ignore-case'] !== 'string') {
      throw new LocalStackError(`Operator operand at ${path} must be a string or { "equals-ignore-case": string }`);
    }
    const affix = operand['equals-ignore-case'].toLowerCase();
    return (value) => typeof value === 'string' && test(value.toLowerCase(), affix);
  }
  const affix = requireString(operand, path);
  return (value) => typeof value === 'string' && test(value, affix);
}

function compileAnythingBut(operand: unknown, path: string): Matcher {
  if (Array.isArray(operand)) {
    const values = operand.map((v, i) => compileRule(v, `${path}.anything-but[${i}]`));
    return (value) => values.some((m) => m(value));
  }
  if (isObject(operand)) return compileRule(operand, `${path}.anything-but`);
  return compileRule(operand, `${path}.anything-but`);
}

function compileNumeric(operand: unknown, path: string): Matcher {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0) {
    throw new LocalStackError(`"numeric" at ${path} must be [operator, number, ...]`);
  }
  const comparisons: Array<(n: number) => boolean> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    if (typeof bound !== 'number') throw new LocalStackError(`"numeric" bound at ${path} must be a number`);
    switch (op) {
      case '=': comparisons.push((n) => n === bound); break;
      case '<': comparisons.push((n) => n < bound); break;
      case '<=': comparisons.push((n) => n <= bound); break;
      case '>': comparisons.push((n) => n > bound); break;
      case '>=': comparisons.push((n) => n >= bound); break;
      default: throw new LocalStackError(`"numeric" operator ${String(op)} at ${path} is not supported`);
    }
  }
  return (value) => typeof value === 'number' && comparisons.every((c) => c(value));
}

function compileCidr(cidr: string, path: string): Matcher {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const baseInt = ipv4ToInt(base ?? '');
  if (baseInt === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new LocalStackError(`"cidr" at ${path} must be an IPv4 CIDR block`);
  }
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (value) => {
    if (typeof value !== 'string') return false;
    const ip = ipv4ToInt(value);
    return ip !== undefined && (ip & mask) >>> 0 === (baseInt & mask) >>> 0;
  };
}

function ipv4ToInt(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let result = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return undefined;
    result = result * 256 + n;
  }
  return result >>> 0;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 's');
}

function requireString(operand: unknown, path: string): string {
  if (typeof operand !== 'string') throw new LocalStackError(`Operator operand at ${path} must be a string`);
  return operand;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
