import { createDynamoDbDataSource, startDynalite, type RunningDynalite } from '../src';

describe('Function: createDynamoDbDataSource', () => {
  let dynamo: RunningDynalite;
  let ds: ReturnType<typeof createDynamoDbDataSource>;

  beforeAll(async () => {
    dynamo = await startDynalite({
      tables: [
        {
          tableName: 'Items',
          keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          attributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'feed', AttributeType: 'S' },
            { AttributeName: 'sortKey', AttributeType: 'S' },
          ],
          globalSecondaryIndexes: [
            {
              IndexName: 'byFeed',
              KeySchema: [
                { AttributeName: 'feed', KeyType: 'HASH' },
                { AttributeName: 'sortKey', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        },
      ],
    });
    ds = createDynamoDbDataSource({ tableName: 'Items', client: dynamo.client });
    for (let i = 1; i <= 5; i++) {
      await ds.invoke({
        operation: 'PutItem',
        key: { pk: { S: `item-${i}` } },
        attributeValues: { feed: { S: 'f' }, sortKey: { S: `0${i}` }, n: { N: i }, gone: { NULL: null }, tags: { L: [{ S: 'a' }] } },
      });
    }
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it('returns a written item as plain JSON, numbers as numbers and null as null', async () => {
    // Act
    const { result, error } = await ds.invoke({ operation: 'GetItem', key: { pk: { S: 'item-2' } } });

    // Assess
    expect(error).toBeUndefined();
    expect(result).toEqual({ pk: 'item-2', feed: 'f', sortKey: '02', n: 2, gone: null, tags: ['a'] });
  });

  it('reports a failed condition as DynamoDB:ConditionalCheckFailedException with the current item as result', async () => {
    // Act
    const outcome = await ds.invoke({
      operation: 'PutItem',
      key: { pk: { S: 'item-1' } },
      attributeValues: { feed: { S: 'f' }, sortKey: { S: '01' }, n: { N: 100 } },
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });

    // Assess
    expect(outcome.error).toEqual({ type: 'DynamoDB:ConditionalCheckFailedException', message: expect.stringMatching(/^The conditional request failed \(Service: DynamoDb, Status Code: 400/) });
    expect(outcome.result).toMatchObject({ pk: 'item-1', n: 1 });
  });

  it('treats a conditional put that would write the stored item unchanged as a success', async () => {
    // Prepare
    const request = {
      operation: 'PutItem',
      key: { pk: { S: 'same' } },
      attributeValues: { v: { S: 'x' } },
      condition: { expression: 'attribute_not_exists(pk)' },
    };
    await ds.invoke(request);

    // Act
    const outcome = await ds.invoke(request);

    // Assess
    expect(outcome).toEqual({ result: { pk: 'same', v: 'x' } });
  });

  it('updates with expressions and returns the new item', async () => {
    // Act
    const { result } = await ds.invoke({
      operation: 'UpdateItem',
      key: { pk: { S: 'item-3' } },
      update: { expression: 'SET #n = #n + :d', expressionNames: { '#n': 'n' }, expressionValues: { ':d': { N: 10 } } },
      condition: { expression: 'attribute_exists(pk)' },
    });

    // Assess
    expect(result).toMatchObject({ pk: 'item-3', n: 13 });
  });

  it('queries an index in both directions with a limit, a filter and a nextToken', async () => {
    // Prepare
    const base = {
      operation: 'Query',
      index: 'byFeed',
      query: { expression: 'feed = :f', expressionValues: { ':f': { S: 'f' } } },
      filter: { expression: 'n <> :skip', expressionValues: { ':skip': { N: 2 } } },
      limit: 3,
    };

    // Act
    const first = (await ds.invoke(base)).result as { items: { pk: string }[]; nextToken: string | null; scannedCount: number };
    const second = (await ds.invoke({ ...base, nextToken: first.nextToken })).result as { items: { pk: string }[]; nextToken: string | null };
    const backwards = (await ds.invoke({ ...base, filter: undefined, limit: 2, scanIndexForward: false })).result as { items: { pk: string }[] };

    // Assess
    expect(first.items.map((i) => i.pk)).toEqual(['item-1', 'item-3']);
    expect(first.scannedCount).toBe(3);
    expect(typeof first.nextToken).toBe('string');
    expect(second.items.map((i) => i.pk)).toEqual(['item-4', 'item-5']);
    expect(backwards.items.map((i) => i.pk)).toEqual(['item-5', 'item-4']);
  });

  it('gets a batch in the order of the keys, with null for missing items', async () => {
    // Act
    const { result } = await ds.invoke({
      operation: 'BatchGetItem',
      tables: { Items: { keys: [{ pk: { S: 'item-5' } }, { pk: { S: 'nope' } }, { pk: { S: 'item-1' } }] } },
    });

    // Assess
    const data = (result as { data: { Items: ({ pk: string } | null)[] } }).data.Items;
    expect(data.map((i) => i?.pk ?? null)).toEqual(['item-5', null, 'item-1']);
  });

  it('deletes and returns the old item', async () => {
    // Act
    const deleted = await ds.invoke({ operation: 'DeleteItem', key: { pk: { S: 'same' } } });
    const after = await ds.invoke({ operation: 'GetItem', key: { pk: { S: 'same' } } });

    // Assess
    expect(deleted.result).toEqual({ pk: 'same', v: 'x' });
    expect(after.result).toBeNull();
  });

  it('refuses an operation it does not run', async () => {
    // Act / Assess
    await expect(ds.invoke({ operation: 'TransactWriteItems' })).rejects.toThrow('Unsupported DynamoDB operation: TransactWriteItems');
  });
});
