import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { fromItem, toAttributeValue, toItem } from './dynamodb-json';
import { DataSourceRequestError } from './errors';

/** What a data source invocation produced: `ctx.result`, and `ctx.error` when it failed. */
export interface DataSourceOutcome {
  result: unknown;
  error?: { message: string; type: string };
}

interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}

interface ExpressionParts {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

/** Options of {@link createDynamoDbDataSource}. */
export interface DynamoDbDataSourceOptions {
  /** Table this data source is bound to. */
  tableName: string;
  /** Client to call (pointed at dynalite locally). */
  client: DynamoDBClient;
}

/**
 * Creates a client for dynalite (or any DynamoDB endpoint) with static fake credentials.
 *
 * @example
 * ```ts
 * const client = createLocalDynamoDbClient('http://127.0.0.1:4567', 'us-east-1');
 * ```
 */
export function createLocalDynamoDbClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

function addExpression(parts: ExpressionParts, expr: Expression | undefined): string | undefined {
  if (!expr) return undefined;
  if (typeof expr.expression !== 'string') {
    throw new DataSourceRequestError('A DynamoDB expression object must have a string "expression"');
  }
  Object.assign(parts.names, expr.expressionNames ?? {});
  for (const [k, v] of Object.entries(expr.expressionValues ?? {})) parts.values[k] = toAttributeValue(v);
  return expr.expression;
}

function expressionParams(parts: ExpressionParts): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  return {
    ...(Object.keys(parts.names).length > 0 ? { ExpressionAttributeNames: parts.names } : {}),
    ...(Object.keys(parts.values).length > 0 ? { ExpressionAttributeValues: parts.values } : {}),
  };
}

function encodeToken(key: Record<string, AttributeValue> | undefined): string | null {
  if (!key) return null;
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeToken(token: unknown): Record<string, AttributeValue> | undefined {
  if (token === undefined || token === null) return undefined;
  try {
    return JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as Record<string, AttributeValue>;
  } catch (cause) {
    throw new DataSourceRequestError('Invalid nextToken', { cause });
  }
}

function projectionExpression(parts: ExpressionParts, projection: unknown): string | undefined {
  if (!projection) return undefined;
  return addExpression(parts, projection as Expression);
}

function dynamoError(error: unknown): { message: string; type: string } {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? 'InternalServerError';
  const status = e.$metadata?.httpStatusCode ?? 400;
  const message =
    name === 'ConditionalCheckFailedException'
      ? 'The conditional request failed'
      : (e.message ?? 'DynamoDB request failed');
  return {
    message: `${message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${randomUUID().replace(/-/g, '').toUpperCase()})`,
    type: `DynamoDB:${name}`,
  };
}

function sameItem(a: Record<string, unknown>, b: Record<string, unknown>, ignore: string[]): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => !ignore.includes(k)));
  for (const k of keys) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  return true;
}

/**
 * A DynamoDB data source: runs the request objects APPSYNC_JS resolvers return (GetItem, PutItem,
 * UpdateItem, DeleteItem, Query, Scan, BatchGetItem, BatchPutItem, BatchDeleteItem) and returns
 * the result as AppSync hands it to the response handler.
 *
 * @example
 * ```ts
 * const ds = createDynamoDbDataSource({ tableName: 'Users', client });
 * const { result, error } = await ds.invoke({ operation: 'GetItem', key: { id: { S: 'u1' } } });
 * ```
 */
export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): {
  invoke(request: unknown): Promise<DataSourceOutcome>;
} {
  const { tableName, client } = options;

  async function currentItem(key: Record<string, AttributeValue>): Promise<Record<string, unknown> | null> {
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  async function invoke(request: unknown): Promise<DataSourceOutcome> {
    if (request === null || typeof request !== 'object') {
      throw new DataSourceRequestError('A DynamoDB request must be an object with an "operation"');
    }
    const r = request as Record<string, unknown>;
    const parts: ExpressionParts = { names: {}, values: {} };
    const key = r.key ? toItem(r.key as Record<string, unknown>) : undefined;
    const condition = r.condition as (Expression & { equalsIgnore?: string[] }) | undefined;
    try {
      switch (r.operation) {
        case 'GetItem': {
          if (!key) throw new DataSourceRequestError('GetItem requires "key"');
          const ProjectionExpression = projectionExpression(parts, r.projection);
          const out = await client.send(
            new GetItemCommand({
              TableName: tableName,
              Key: key,
              ConsistentRead: r.consistentRead === true,
              ProjectionExpression,
              ...expressionParams(parts),
            }),
          );
          return { result: out.Item ? fromItem(out.Item) : null };
        }
        case 'PutItem': {
          if (!key) throw new DataSourceRequestError('PutItem requires "key"');
          const item = { ...toItem((r.attributeValues as Record<string, unknown>) ?? {}), ...key };
          const ConditionExpression = addExpression(parts, condition);
          await client.send(
            new PutItemCommand({ TableName: tableName, Item: item, ConditionExpression, ...expressionParams(parts) }),
          );
          return { result: fromItem(item) };
        }
        case 'UpdateItem': {
          if (!key) throw new DataSourceRequestError('UpdateItem requires "key"');
          const UpdateExpression = addExpression(parts, r.update as Expression | undefined);
          if (!UpdateExpression) throw new DataSourceRequestError('UpdateItem requires "update"');
          const ConditionExpression = addExpression(parts, condition);
          const out = await client.send(
            new UpdateItemCommand({
              TableName: tableName,
              Key: key,
              UpdateExpression,
              ConditionExpression,
              ReturnValues: 'ALL_NEW',
              ...expressionParams(parts),
            }),
          );
          return { result: out.Attributes ? fromItem(out.Attributes) : null };
        }
        case 'DeleteItem': {
          if (!key) throw new DataSourceRequestError('DeleteItem requires "key"');
          const ConditionExpression = addExpression(parts, condition);
          const out = await client.send(
            new DeleteItemCommand({
              TableName: tableName,
              Key: key,
              ConditionExpression,
              ReturnValues: 'ALL_OLD',
              ...expressionParams(parts),
            }),
          );
          return { result: out.Attributes ? fromItem(out.Attributes) : null };
        }
        case 'Query':
        case 'Scan': {
          const KeyConditionExpression =
            r.operation === 'Query' ? addExpression(parts, r.query as Expression | undefined) : undefined;
          if (r.operation === 'Query' && !KeyConditionExpression) throw new DataSourceRequestError('Query requires "query"');
          const FilterExpression = addExpression(parts, r.filter as Expression | undefined);
          const ProjectionExpression = projectionExpression(parts, r.projection);
          const common = {
            TableName: tableName,
            IndexName: typeof r.index === 'string' ? r.index : undefined,
            Limit: typeof r.limit === 'number' ? r.limit : undefined,
            ExclusiveStartKey: decodeToken(r.nextToken),
            ConsistentRead: r.consistentRead === true ? true : undefined,
            FilterExpression,
            ProjectionExpression,
            Select: typeof r.select === 'string' ? (r.select as 'ALL_ATTRIBUTES') : undefined,
            ...expressionParams(parts),
          };
          const out =
            r.operation === 'Query'
              ? await client.send(
                  new QueryCommand({ ...common, KeyConditionExpression, ScanIndexForward: r.scanIndexForward !== false }),
                )
              : await client.send(
                  new ScanCommand({
                    ...common,
                    Segment: typeof r.segment === 'number' ? r.segment : undefined,
                    TotalSegments: typeof r.totalSegments === 'number' ? r.totalSegments : undefined,
                  }),
                );
          return {
            result: {
              items: (out.Items ?? []).map(fromItem),
              nextToken: encodeToken(out.LastEvaluatedKey),
              scannedCount: out.ScannedCount ?? 0,
            },
          };
        }
        case 'BatchGetItem': {
          const tables = (r.tables ?? {}) as Record<string, { keys: Record<string, unknown>[]; consistentRead?: boolean }>;
          const RequestItems = Object.fromEntries(
            Object.entries(tables).map(([t, spec]) => [
              t,
              { Keys: spec.keys.map(toItem), ConsistentRead: spec.consistentRead === true },
            ]),
          );
          const out = await client.send(new BatchGetItemCommand({ RequestItems }));
          const data: Record<string, unknown[]> = {};
          for (const [t, spec] of Object.entries(tables)) {
            const found = (out.Responses?.[t] ?? []).map(fromItem);
            // AppSync keeps the order of the requested keys and puts null where nothing was found.
            data[t] = spec.keys.map((k) => {
              const plainKey = fromItem(toItem(k));
              return found.find((item) => Object.entries(plainKey).every(([a, v]) => JSON.stringify(item[a]) === JSON.stringify(v))) ?? null;
            });
          }
          const unprocessedKeys = Object.fromEntries(
            Object.keys(tables).map((t) => [t, (out.UnprocessedKeys?.[t]?.Keys ?? []).map(fromItem)]),
          );
          return { result: { data, unprocessedKeys } };
        }
        case 'BatchPutItem':
        case 'BatchDeleteItem': {
          const tables = (r.tables ?? {}) as Record<string, Record<string, unknown>[]>;
          const put = r.operation === 'BatchPutItem';
          const RequestItems = Object.fromEntries(
            Object.entries(tables).map(([t, items]) => [
              t,
              items.map((i) => (put ? { PutRequest: { Item: toItem(i) } } : { DeleteRequest: { Key: toItem(i) } })),
            ]),
          );
          const out = await client.send(new BatchWriteItemCommand({ RequestItems }));
          const data = Object.fromEntries(Object.entries(tables).map(([t, items]) => [t, items.map((i) => fromItem(toItem(i)))]));
          const unprocessed = Object.fromEntries(
            Object.keys(tables).map((t) => [
              t,
              (out.UnprocessedItems?.[t] ?? []).map((w) => fromItem((put ? w.PutRequest?.Item : w.DeleteRequest?.Key) ?? {})),
            ]),
          );
          return { result: put ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed } };
        }
        default:
          throw new DataSourceRequestError(`Unsupported DynamoDB operation: ${String(r.operation)}`);
      }
    } catch (error) {
      if (error instanceof DataSourceRequestError) throw error;
      const name = (error as { name?: string }).name;
      if (name === 'ConditionalCheckFailedException' && key) {
        // AppSync compares the stored item with the desired one: a write that would change nothing
        // succeeds; otherwise the error carries the current item as ctx.result.
        const current = await currentItem(key);
        if (r.operation === 'PutItem' && current) {
          const desired = fromItem({ ...toItem((r.attributeValues as Record<string, unknown>) ?? {}), ...key });
          if (sameItem(current, desired, condition?.equalsIgnore ?? [])) return { result: current };
        }
        return { result: current, error: dynamoError(error) };
      }
      return { result: null, error: dynamoError(error) };
    }
  }

  return { invoke };
}
