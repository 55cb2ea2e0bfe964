import type { AddressInfo } from 'node:net';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient } from './dynamodb-data-source';
import { AppSyncLocalError } from './errors';
import type { TableModel } from './types';

/** Options of {@link startDynalite}. */
export interface StartDynaliteOptions {
  /**
   * Tables to create (key schema and GSIs; TTL is not enforced by dynalite).
   * @default []
   */
  tables?: TableModel[];
  /**
   * Port to listen on (127.0.0.1).
   * @default 0 (OS-assigned)
   */
  port?: number;
  /**
   * Region given to the client that creates the tables.
   * @default 'us-east-1'
   */
  region?: string;
}

/** A running in-memory dynalite. */
export interface RunningDynalite {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** A client for it (static fake credentials). */
  client: DynamoDBClient;
  /** Stops the server and its client. */
  stop(): Promise<void>;
}

interface DynaliteServer {
  listen(port: number, host: string, cb: (err?: Error) => void): void;
  close(cb: (err?: Error) => void): void;
  address(): AddressInfo | string | null;
}

/**
 * Starts dynalite in-process (in memory, 127.0.0.1) and creates the given tables.
 *
 * @example
 * ```ts
 * const dynamo = await startDynalite({ tables: model.tables });
 * const appsync = await startLocalAppSync({ model, dynamoDbEndpoint: dynamo.endpoint });
 * ```
 */
export async function startDynalite(options: StartDynaliteOptions = {}): Promise<RunningDynalite> {
  // dynalite ships no types; its factory takes timing options and returns an http.Server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (opts: Record<string, unknown>) => DynaliteServer;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => server.listen(options.port ?? 0, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  const address = server.address();
  if (!address || typeof address === 'string') throw new AppSyncLocalError('dynalite did not report a TCP address');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createLocalDynamoDbClient(endpoint, options.region ?? 'us-east-1');
  const stop = async (): Promise<void> => {
    client.destroy();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  };
  try {
    for (const table of options.tables ?? []) {
      await client.send(
        new CreateTableCommand({
          TableName: table.tableName,
          KeySchema: table.keySchema,
          AttributeDefinitions: table.attributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
          ...(table.globalSecondaryIndexes && table.globalSecondaryIndexes.length > 0
            ? {
                GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((g) => ({
                  IndexName: g.IndexName,
                  KeySchema: g.KeySchema,
                  Projection: { ProjectionType: (g.Projection.ProjectionType ?? 'ALL') as 'ALL', ...(g.Projection.NonKeyAttributes ? { NonKeyAttributes: g.Projection.NonKeyAttributes } : {}) },
                })),
              }
            : {}),
        }),
      );
    }
  } catch (cause) {
    await stop();
    throw new AppSyncLocalError(`Creating the tables in dynalite failed: ${(cause as Error).message}`, { cause });
  }
  return { endpoint, client, stop };
}
