import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Converts a DynamoDB attribute value to plain JSON the way AppSync hands results to resolvers:
 * numbers become JSON numbers, binary becomes base64, sets become arrays.
 *
 * @example
 * ```ts
 * fromAttributeValue({ M: { n: { N: '1' } } }); // { n: 1 }
 * ```
 */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return fromItem(value.M);
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.BS !== undefined) return value.BS.map((b) => Buffer.from(b).toString('base64'));
  return null;
}

/**
 * Converts a DynamoDB item to plain JSON (see {@link fromAttributeValue}).
 *
 * @example
 * ```ts
 * fromItem({ id: { S: 'u1' } }); // { id: 'u1' }
 * ```
 */
export function fromItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttributeValue(v);
  return out;
}

/**
 * Converts DynamoDB JSON as resolvers write it (`{ "S": "x" }`, binary as base64) to the SDK's
 * attribute value shape.
 *
 * @example
 * ```ts
 * toAttributeValue({ B: 'AQI=' }); // { B: Uint8Array [1, 2] }
 * ```
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`Expected a DynamoDB attribute value object, got ${JSON.stringify(value)}`);
  }
  const v = value as Record<string, unknown>;
  // AppSync writes null as { NULL: null } (util.dynamodb.toDynamoDB); DynamoDB wants { NULL: true }.
  if ('NULL' in v) return { NULL: true };
  if ('B' in v) return { B: Buffer.from(String(v.B), 'base64') };
  if ('BS' in v) return { BS: (v.BS as string[]).map((b) => Buffer.from(b, 'base64')) };
  if ('M' in v) return { M: toItem(v.M as Record<string, unknown>) };
  if ('L' in v) return { L: (v.L as unknown[]).map(toAttributeValue) };
  if ('N' in v) return { N: String(v.N) };
  if ('NS' in v) return { NS: (v.NS as unknown[]).map(String) };
  return v as unknown as AttributeValue;
}

/**
 * Converts an item in DynamoDB JSON to the SDK's shape (see {@link toAttributeValue}).
 *
 * @example
 * ```ts
 * toItem({ id: { S: 'u1' } });
 * ```
 */
export function toItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item)) out[k] = toAttributeValue(v);
  return out;
}
