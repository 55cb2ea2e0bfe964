// Input checks beyond what GraphQL types enforce; every refusal is a ValidationError naming the field.
import { util } from '@aws-appsync/utils';
import { VALIDATION_ERROR } from '../../src/constants';

/** Refuses the input with a ValidationError. */
export function invalid(field: string, problem: string): never {
  return util.error(`${field} ${problem}`, VALIDATION_ERROR, null, { field });
}

/** A non-blank string of at most `max` characters. */
export function requireText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(field, 'must be a non-empty string');
  if ((value as string).length > max) invalid(field, `must be at most ${max} characters`);
  return value as string;
}

/** Like requireText when given; null and absent pass as null. */
export function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === null || value === undefined) return null;
  return requireText(field, value, max);
}

/** A finite number within [min, max]. */
export function requireNumberInRange(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) invalid(field, `must be a number from ${min} to ${max}`);
  return value as number;
}

/** The largest magnitude DynamoDB stores as a number (9.9999999999999999999999999999999999999E+125) is below this. */
const DYNAMODB_NUMBER_LIMIT = 1e126;

/** The smallest non-zero magnitude DynamoDB stores as a number. */
const DYNAMODB_NUMBER_SMALLEST = 1e-130;

/**
 * A number DynamoDB can store: zero, or a magnitude from 1E-130 to 9.99...E+125. (Its 38 digits
 * of precision hold any GraphQL Float.) Anything else would fail the write with a raw
 * DynamoDB:ValidationException instead of an error naming the field.
 */
export function requireStorableNumber(field: string, value: unknown): number {
  const magnitude = typeof value === 'number' && value < 0 ? -value : (value as number);
  if (typeof value !== 'number' || !(value === 0 || (magnitude >= DYNAMODB_NUMBER_SMALLEST && magnitude < DYNAMODB_NUMBER_LIMIT))) {
    invalid(field, 'must be 0 or have a magnitude from 1E-130 to below 1E+126 (what DynamoDB can store)');
  }
  return value as number;
}

/** An ISO 8601 UTC date-time exactly as stored timestamps are written (lib/time.ts): YYYY-MM-DDTHH:mm:ss.sssZ. */
export function isIsoUtcMillis(text: string): boolean {
  if (text.length !== 24) return false;
  const shape = 'dddd-dd-ddTdd:dd:dd.dddZ';
  let ok = true;
  shape.split('').forEach((expected, index) => {
    const actual = text.charAt(index);
    if (expected === 'd') {
      if (actual < '0' || actual > '9') ok = false;
    } else if (actual !== expected) {
      ok = false;
    }
  });
  return ok;
}
