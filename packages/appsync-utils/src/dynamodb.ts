// util.dynamodb: JavaScript values to DynamoDB attribute values, the way AppSync's runtime does it.
// Numbers stay JSON numbers (`{ N: 12 }`): AppSync's evaluator answers exactly that, and AppSync
// serialises it for DynamoDB; a local data source must accept both number and string `N`.
import { UtilityArgumentError } from './errors';

/** A DynamoDB attribute value as AppSync's util.dynamodb produces it. */
export type AttributeValue =
  | { S: string }
  | { N: number }
  | { BOOL: boolean }
  | { NULL: null }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: number[] }
  | { B: string }
  | { BS: string[] };

/** Converts any JSON-like value: string S, number N, boolean BOOL, null NULL, array L, object M. */
export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UtilityArgumentError(`util.dynamodb.toDynamoDB: ${value} is not a DynamoDB number`);
    return { N: value };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value as Record<string, unknown>) };
  throw new UtilityArgumentError(`util.dynamodb.toDynamoDB: cannot convert a ${typeof value}`);
}

/** Converts each value of an object (a whole item for PutItem). `undefined` members are left out. */
export function toMapValues(value: Record<string, unknown>): Record<string, AttributeValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UtilityArgumentError('util.dynamodb.toMapValues expects an object');
  }
  const out: Record<string, AttributeValue> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) out[key] = toDynamoDB(member);
  }
  return out;
}

function orNull<T, R>(value: T | null | undefined, convert: (v: T) => R): R | null {
  return value === null || value === undefined ? null : convert(value);
}

function requireArray<T>(name: string, value: unknown, check: (v: unknown) => v is T): T[] {
  if (!Array.isArray(value) || !value.every(check)) throw new UtilityArgumentError(`util.dynamodb.${name}: expects a list of the set's type`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The `util.dynamodb` object handed to resolver code. */
export function createDynamoDBUtil() {
  return {
    toDynamoDB,
    toMapValues,
    toString: (v: string | null | undefined) => orNull(v, (s) => ({ S: String(s) })),
    toStringSet: (v: string[] | null | undefined) => orNull(v, (l) => ({ SS: requireArray('toStringSet', l, isString) })),
    toNumber: (v: number | null | undefined) => orNull(v, (n) => {
      if (!isNumber(n)) throw new UtilityArgumentError('util.dynamodb.toNumber expects a number');
      return { N: n };
    }),
    toNumberSet: (v: number[] | null | undefined) => orNull(v, (l) => ({ NS: requireArray('toNumberSet', l, isNumber) })),
    toBinary: (v: string | null | undefined) => orNull(v, (s) => ({ B: String(s) })),
    toBinarySet: (v: string[] | null | undefined) => orNull(v, (l) => ({ BS: requireArray('toBinarySet', l, isString) })),
    toBoolean: (v: boolean | null | undefined) => orNull(v, (b) => ({ BOOL: Boolean(b) })),
    toNull: () => ({ NULL: null }),
    toList: (v: unknown[] | null | undefined) => orNull(v, (l) => {
      if (!Array.isArray(l)) throw new UtilityArgumentError('util.dynamodb.toList expects a list');
      return { L: l.map(toDynamoDB) };
    }),
    toMap: (v: Record<string, unknown> | null | undefined) => orNull(v, (m) => ({ M: toMapValues(m) })),
    toS3Object: (key: string, bucket: string, region: string, version?: string) => ({
      S: JSON.stringify({ s3: version === undefined ? { key, bucket, region } : { key, bucket, region, version } }),
    }),
    fromS3ObjectJson: (text: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new UtilityArgumentError('util.dynamodb.fromS3ObjectJson: not JSON', { cause: error });
      }
      const s3 = (parsed as { s3?: unknown } | null)?.s3;
      if (typeof s3 !== 'object' || s3 === null) throw new UtilityArgumentError('util.dynamodb.fromS3ObjectJson: no s3 object');
      return s3;
    },
  };
}
