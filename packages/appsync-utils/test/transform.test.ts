import { toSubscriptionFilter } from '../src/index';

const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

describe('Function: toSubscriptionFilter', () => {
  it.each([
    ['one operator on one field', { a: { eq: 1 } }, [[f('a', 'eq', 1)]]],
    ['two fields in one group', { a: { eq: 1 }, b: { eq: 2 } }, [[f('a', 'eq', 1), f('b', 'eq', 2)]]],
    ['an and combined into one group', { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, [[f('a', 'eq', 1), f('b', 'eq', 2)]]],
    ['a field beside an and, in key order', { z: { eq: 0 }, and: [{ a: { eq: 1 } }] }, [[f('z', 'eq', 0), f('a', 'eq', 1)]]],
    ['a dotted field path kept as written', { 'loc.addr.country': { eq: 'USA' } }, [[f('loc.addr.country', 'eq', 'USA')]]],
    ['two operators on one field as alternatives', { a: { eq: 1, ne: 2 } }, [[f('a', 'eq', 1)], [f('a', 'ne', 2)]]],
    ['an or split into a group per member', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, [[f('a', 'eq', 1)], [f('b', 'eq', 2)]]],
    [
      'an or nested in an and multiplied out',
      { and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] },
      [[f('a', 'eq', 1), f('b', 'eq', 2)], [f('a', 'eq', 1), f('c', 'eq', 3)]],
    ],
    ['membership, ranges and string operators carried through', { a: { in: [1, 2] }, b: { between: [1, 9] }, c: { beginsWith: 'z' } }, [[f('a', 'in', [1, 2]), f('b', 'between', [1, 9]), f('c', 'beginsWith', 'z')]]],
    ['an empty filter as no group', {}, []],
    ['a field without operators as no group', { a: {} }, []],
  ])('converts %s', (_name, filter, groups) => {
    // Prepare
    const expected = { filterGroup: groups.map((filters) => ({ filters })) };

    // Act
    const result = toSubscriptionFilter(filter);

    // Assess
    expect(result).toEqual(expected);
  });

  it('multiplies field operators, and-groups and or-members out like AppSync', () => {
    // Prepare
    const filter = {
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    };
    const common = [f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000)];

    // Act
    const result = toSubscriptionFilter(filter);

    // Assess
    expect(result).toEqual({
      filterGroup: [
        { filters: [f('percentageUp', 'lte', 50), ...common, f('author', 'eq', 'Admin')] },
        { filters: [f('percentageUp', 'lte', 50), ...common, f('isPublished', 'eq', false)] },
        { filters: [f('percentageUp', 'gte', 20), ...common, f('author', 'eq', 'Admin')] },
        { filters: [f('percentageUp', 'gte', 20), ...common, f('isPublished', 'eq', false)] },
      ],
    });
  });

  it('leaves out ignored fields, also inside an and', () => {
    // Prepare
    const filter = { a: { eq: 1 }, and: [{ b: { eq: 2 } }] };

    // Act
    const result = toSubscriptionFilter(filter, ['b']);

    // Assess
    expect(result).toEqual({ filterGroup: [{ filters: [f('a', 'eq', 1)] }] });
  });

  it('adds each rule as an alternative to every group', () => {
    // Prepare
    const filter = { a: { eq: 1 } };

    // Act
    const result = toSubscriptionFilter(filter, [], { r1: { gte: 250 }, r2: { eq: 'p' } });
    const rulesOnly = toSubscriptionFilter({}, [], { r1: { eq: 1 } });

    // Assess
    expect(result).toEqual({
      filterGroup: [{ filters: [f('a', 'eq', 1), f('r1', 'gte', 250)] }, { filters: [f('a', 'eq', 1), f('r2', 'eq', 'p')] }],
    });
    expect(rulesOnly).toEqual({ filterGroup: [{ filters: [f('r1', 'eq', 1)] }] });
  });

  it.each([[null], [undefined], [[]], ['{"a":{"eq":1}}']])('answers null for %j, which is not a filter object', (input) => {
    // Prepare
    const filter: unknown = input;

    // Act
    const result = toSubscriptionFilter(filter);

    // Assess
    expect(result).toBeNull();
  });

  it('builds the documented ticket filter: severity and priority, or category and group', () => {
    // Prepare
    const filter = {
      or: [
        { severity: { ge: 7 }, priority: { in: ['high', 'medium'] } },
        { category: { eq: 'security' }, group: { in: ['admin', 'operators'] } },
      ],
    };

    // Act
    const result = toSubscriptionFilter(filter);

    // Assess
    expect(result).toEqual({
      filterGroup: [
        { filters: [f('severity', 'ge', 7), f('priority', 'in', ['high', 'medium'])] },
        { filters: [f('category', 'eq', 'security'), f('group', 'in', ['admin', 'operators'])] },
      ],
    });
  });
});
