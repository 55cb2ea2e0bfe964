import { createInvocationRuntime, toDynamoDBExpression } from '../src/index';

const parse = (text: string | null) => (text === null ? null : JSON.parse(text));

describe('Function: toDynamoDBExpression', () => {
  it('answers JSON text, as util.transform does', () => {
    // Prepare
    const filter = { content: { contains: 'foo' } };

    // Act
    const text = toDynamoDBExpression(filter);

    // Assess
    expect(text).toBe('{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}');
  });

  it.each([
    ['eq', { v: { eq: 'x' } }, '(#v = :v_eq)'],
    ['ne', { v: { ne: 'x' } }, '(#v <> :v_ne)'],
    ['le', { v: { le: 'x' } }, '(#v <= :v_le)'],
    ['notContains', { v: { notContains: 'x' } }, '(NOT contains(#v,:v_notContains))'],
    ['beginsWith', { v: { beginsWith: 'x' } }, '(begins_with(#v,:v_beginsWith))'],
    ['between', { v: { between: [1, 9] } }, '(#v BETWEEN :v_between_start AND :v_between_end)'],
    ['in', { v: { in: ['a', 'b'] } }, '(#v IN (:v_in_0, :v_in_1))'],
    ['attributeExists false', { v: { attributeExists: false } }, '(attribute_not_exists(#v))'],
    ['two top-level fields', { a: { eq: 1 }, b: { eq: 2 } }, '(#a = :a_eq) AND (#b = :b_eq)'],
    ['two operators on a field', { v: { ge: 1, le: 5 } }, '((#v >= :v_ge) AND (#v <= :v_le))'],
    ['an and of one member', { and: [{ a: { eq: 1 } }] }, '(#a = :and_0_a_eq)'],
    ['an or inside an and', { and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }, '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))'],
    ['not of a group', { not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } }, '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))'],
    ['size with two comparisons', { v: { size: { gt: 2, lt: 5 } } }, '((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))'],
    ['nested size', { v: { size: { size: { gt: 1 } } } }, '(size(#v) > :v_size_size_gt)'],
    ['an empty field beside a comparison', { a: { eq: 1 }, b: {} }, '(#a = :a_eq) AND '],
    ['an empty list of values', { v: { in: [] } }, '(null)'],
  ])('renders %s like AppSync', (_name, filter, expression) => {
    // Prepare
    const input: unknown = filter;

    // Act
    const result = parse(toDynamoDBExpression(input));

    // Assess
    expect(result.expression).toBe(expression);
  });

  it('names values with the nesting path and converts them with util.dynamodb', () => {
    // Prepare
    const filter = { and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }], kind: { attributeType: 'stringSet' } };

    // Act
    const result = parse(toDynamoDBExpression(filter));

    // Assess
    expect(result).toEqual({
      expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq)) AND (attribute_type(#kind,:kind_attributeType))',
      expressionNames: { '#id': 'id', '#_version': '_version', '#kind': 'kind' },
      expressionValues: { ':and_1__version_eq': { N: 1 }, ':kind_attributeType': { S: 'SS' } },
    });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map', { and: { a: { eq: 1 } } }],
    ['a group holding null', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with one bound', { v: { between: [1] } }],
    ['attributeExists given a string', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code', { v: { attributeType: 'S' } }],
    ['size given a value', { v: { size: 3 } }],
  ])('answers null for a filter it cannot read: %s', (_name, filter) => {
    // Prepare
    const input: unknown = filter;

    // Act
    const result = toDynamoDBExpression(input);

    // Assess
    expect(result).toBeNull();
  });

  it('is what util.transform.toDynamoDBFilterExpression and toDynamoDBConditionExpression answer', () => {
    // Prepare
    const transform = createInvocationRuntime({ typeName: 'Query', fieldName: 'f' }).module.util.transform as Record<string, (f: unknown) => unknown>;
    const filter = { not: { id: { between: ['1', '9'] } } };

    // Act
    const results = [transform.toDynamoDBFilterExpression!(filter), transform.toDynamoDBConditionExpression!(filter)];

    // Assess
    expect(results).toEqual([toDynamoDBExpression(filter), toDynamoDBExpression(filter)]);
    expect(parse(results[0] as string).expression).toBe('(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))');
  });
});
