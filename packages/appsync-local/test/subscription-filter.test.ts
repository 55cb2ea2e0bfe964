import { compileArgumentFilter, compileSubscriptionFilter, matchesArguments, SubscriptionFilterError } from '../src';

const payload = {
  id: 'n1',
  kind: 'IMAGE_TAGGED',
  ownerId: 'us-east-1:owner',
  score: 7,
  tags: ['cat', 'dog'],
  imageTagged: { bucket: 'uploads', key: 'private/x/a.jpg' },
};

const one = (fieldName: string, operator: string, value?: unknown) => compileSubscriptionFilter({ filterGroup: [{ filters: [{ fieldName, operator, value }] }] });

describe('Function: compileSubscriptionFilter', () => {
  it.each([
    ['eq', 'kind', 'IMAGE_TAGGED', true],
    ['eq', 'kind', 'MODEL_READY', false],
    ['ne', 'kind', 'MODEL_READY', true],
    ['lt', 'score', 8, true],
    ['le', 'score', 7, true],
    ['gt', 'score', 7, false],
    ['ge', 'score', 7, true],
    ['contains', 'tags', 'cat', true],
    ['contains', 'kind', 'TAG', true],
    ['notContains', 'tags', 'cow', true],
    ['beginsWith', 'ownerId', 'us-east-1:', true],
    ['in', 'kind', ['MODEL_READY', 'IMAGE_TAGGED'], true],
    ['notIn', 'kind', ['MODEL_READY'], true],
    ['between', 'score', [1, 7], true],
    ['between', 'score', [8, 9], false],
    ['attributeExists', 'imageTagged', true, true],
    ['attributeExists', 'modelReady', true, false],
    ['attributeExists', 'modelReady', false, true],
    ['containsAny', 'tags', ['cow', 'dog'], true],
    ['eq', 'imageTagged.bucket', 'uploads', true],
    ['beginsWith', 'imageTagged.key', 'public/', false],
  ])('evaluates %s on %s against %j as %s', (operator, fieldName, value, expected) => {
    // Act
    const pass = one(fieldName, operator, value);

    // Assess
    expect(pass(payload)).toBe(expected);
  });

  it('ORs filter groups and ANDs the filters of a group', () => {
    // Prepare
    const filter = compileSubscriptionFilter({
      filterGroup: [
        { filters: [{ fieldName: 'ownerId', operator: 'eq', value: 'someone-else' }] },
        {
          filters: [
            { fieldName: 'kind', operator: 'eq', value: 'IMAGE_TAGGED' },
            { fieldName: 'score', operator: 'gt', value: 5 },
          ],
        },
      ],
    });

    // Act / Assess
    expect(filter(payload)).toBe(true);
    expect(filter({ ...payload, score: 1 })).toBe(false);
  });

  it('rejects an unknown operator and malformed filters with a clear error', () => {
    // Act / Assess
    expect(() => one('kind', 'regex', '.*')).toThrow(new SubscriptionFilterError('Unknown filter operator: regex'));
    expect(() => compileSubscriptionFilter({ filters: [] })).toThrow(SubscriptionFilterError);
    expect(() => compileSubscriptionFilter({ filterGroup: [{ filters: [] }] })).toThrow('non-empty "filters"');
    expect(() => one('score', 'between', [1])).toThrow('[low, high]');
  });
});

describe('Function: matchesArguments', () => {
  it('compares every non-null argument with the top-level field of the same name', () => {
    // Act / Assess
    expect(matchesArguments({ id: 'n1' }, payload)).toBe(true);
    expect(matchesArguments({ id: 'n2' }, payload)).toBe(false);
    expect(matchesArguments({ id: null, kind: undefined }, payload)).toBe(true);
    expect(matchesArguments({ missing: 'x' }, payload)).toBe(false);
  });
});

describe('Function: compileArgumentFilter', () => {
  it('compiles to nothing when no argument is given', () => {
    // Act / Assess
    expect(compileArgumentFilter({})).toBeUndefined();
    expect(compileArgumentFilter({ id: null, kind: undefined })).toBeUndefined();
  });

  it('compares only the given arguments with the top-level fields of the same name', () => {
    // Act
    const filter = compileArgumentFilter({ id: 'n1', kind: null })!;

    // Assess
    expect(filter(payload)).toBe(true);
    expect(filter({ ...payload, id: 'n2' })).toBe(false);
    expect(filter({ ...payload, kind: 'OTHER' })).toBe(true);
  });
});
