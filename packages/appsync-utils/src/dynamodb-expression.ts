// util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression: a filter object to a
// DynamoDB expression, serialised as JSON text, rendered the way AppSync's evaluator renders it
// (parenthesisation, value names carrying the nesting path, `null` for a filter it cannot read).
import { toDynamoDB } from './dynamodb';
import type { AttributeValue } from './dynamodb';

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };
const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

/** A filter AppSync cannot render: the transform answers null. */
class Unreadable extends Error {}

interface Render {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(conditions: string[], joiner: string): string {
  if (conditions.length === 0) return '';
  return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(joiner)})`;
}

function operators(render: Render, attribute: string, valueName: string, ops: unknown): string {
  if (!isPlainObject(ops)) throw new Unreadable();
  return join(
    Object.entries(ops).map(([op, operand]) => operator(render, attribute, `${valueName}_${op}`, op, operand)),
    ' AND ',
  );
}

function operator(render: Render, attribute: string, name: string, op: string, operand: unknown): string {
  const comparison = COMPARISONS[op];
  if (comparison !== undefined) {
    render.values[`:${name}`] = toDynamoDB(operand);
    return `(${attribute} ${comparison} :${name})`;
  }
  switch (op) {
    case 'contains':
    case 'notContains':
    case 'beginsWith': {
      render.values[`:${name}`] = toDynamoDB(operand);
      const call = `${op === 'beginsWith' ? 'begins_with' : 'contains'}(${attribute},:${name})`;
      return op === 'notContains' ? `(NOT ${call})` : `(${call})`;
    }
    case 'between': {
      if (!Array.isArray(operand) || operand.length < 2) throw new Unreadable();
      render.values[`:${name}_start`] = toDynamoDB(operand[0]);
      render.values[`:${name}_end`] = toDynamoDB(operand[1]);
      return `(${attribute} BETWEEN :${name}_start AND :${name}_end)`;
    }
    case 'in': {
      if (!Array.isArray(operand)) throw new Unreadable();
      if (operand.length === 0) return '(null)';
      const names = operand.map((member, index) => {
        render.values[`:${name}_${index}`] = toDynamoDB(member);
        return `:${name}_${index}`;
      });
      return `(${attribute} IN (${names.join(', ')}))`;
    }
    case 'attributeExists':
      if (typeof operand !== 'boolean') throw new Unreadable();
      return operand ? `(attribute_exists(${attribute}))` : `(attribute_not_exists(${attribute}))`;
    case 'attributeType': {
      const code = typeof operand === 'string' ? ATTRIBUTE_TYPES[operand] : undefined;
      if (code === undefined) throw new Unreadable();
      render.values[`:${name}`] = { S: code };
      return `(attribute_type(${attribute},:${name}))`;
    }
    case 'size': {
      const sized = attribute.startsWith('size(') ? attribute : `size(${attribute})`;
      return operators(render, sized, name, operand);
    }
    default:
      throw new Unreadable();
  }
}

function filter(render: Render, object: unknown, prefix: string): string {
  if (!isPlainObject(object)) throw new Unreadable();
  const parts = Object.entries(object).map(([key, value]) => {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new Unreadable();
      const members = value.map((member, index) => filter(render, member, `${prefix}${key}_${index}_`));
      return members.length > 1 ? `(${members.join(key === 'and' ? ' AND ' : ' OR ')})` : (members[0] ?? '');
    }
    if (key === 'not') return `(NOT ${filter(render, value, `${prefix}not_`)})`;
    render.names[`#${key}`] = key;
    return operators(render, `#${key}`, `${prefix}${key}`, value);
  });
  return parts.join(' AND ');
}

/**
 * Renders a DynamoDB filter object as AppSync does: JSON text of
 * `{ expression, expressionNames, expressionValues }`, or null when the object cannot be read.
 */
export function toDynamoDBExpression(object: unknown): string | null {
  const render: Render = { names: {}, values: {} };
  try {
    const expression = filter(render, object, '');
    return JSON.stringify({ expression, expressionNames: render.names, expressionValues: render.values });
  } catch (error) {
    if (error instanceof Unreadable) return null;
    throw error;
  }
}
