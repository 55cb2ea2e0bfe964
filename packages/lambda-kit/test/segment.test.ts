import { KeySegmentSchema, parse, ValidationError } from '../src';

describe('Schema: KeySegmentSchema', () => {
  it.each(['sales', '2026-11-27', 'churn model', 'v3.1'])('accepts %j', (segment) => {
    // Act & Assess
    expect(parse(KeySegmentSchema, segment, 'segment')).toBe(segment);
  });

  it.each([
    ['', 'segment is invalid: (root): expected length >= 1'],
    ['a/b', 'segment is invalid: (root): must not contain "/" or "#"'],
    ['a#b', 'segment is invalid: (root): must not contain "/" or "#"'],
    [' sales', 'segment is invalid: (root): must not start or end with white space'],
  ])('refuses %j', (segment, message) => {
    // Act
    const run = (): unknown => parse(KeySegmentSchema, segment, 'segment');

    // Assess
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(message);
  });
});
