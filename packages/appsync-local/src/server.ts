import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  createCredentialRegistry,
  type CredentialRegistry,
  type MintForRoleOptions,
  type RoleRef,
  type TemporaryCredentials,
} from '@notifier/local-iam';
import { createFieldAuthorizer } from './authorization';
import { createDynamoDbDataSource, createLocalDynamoDbClient, type DataSourceOutcome } from './dynamodb-data-source';
import { AppSyncLocalConfigError, DataSourceRequestError, ModelLoadError } from './errors';
import { createExecutor } from './executor';
import { startDynalite, type RunningDynalite } from './dynalite';
import { createFaultInjector, type FaultInjector } from './faults';
import { buildAppSyncSchema } from './graphql-schema';
import { createHttpHandler } from './http-handler';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, loadModelFromAssembly } from './model';
import { createRealtimeServer, DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_KEEP_ALIVE_INTERVAL_MS, DEFAULT_MAX_REALTIME_MESSAGE_BYTES } from './realtime';
import { createResolverRunner } from './resolver-runtime';
import { createSubscriptionHub, type PublishStats } from './subscriptions';
import { createLocalCertificate } from './tls';
import type { AppSyncModel, FaultOptions, RoleModel } from './types';

/** Options of {@link startLocalAppSync}. */
export interface LocalAppSyncOptions {
  /** Synthesized cloud assembly (`infra/cdk.out`) to read the API from. Required unless `model` is given. */
  assemblyDir?: string;
  /** An already-loaded model (takes precedence over `assemblyDir`). */
  model?: AppSyncModel;
  /**
   * Account id used in ARNs when reading the assembly.
   * @default '000000000000'
   */
  accountId?: string;
  /**
   * Region used in ARNs and required in SigV4 credential scopes.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * DynamoDB endpoint (a running dynalite, see {@link startDynalite}).
   * @default an in-process dynalite with the template's tables, started and stopped with the server
   */
  dynamoDbEndpoint?: string;
  /** A ready DynamoDB client (takes precedence over `dynamoDbEndpoint`). */
  dynamoDbClient?: DynamoDBClient;
  /**
   * Credential registry that mints and looks up caller credentials.
   * @default a new registry using `now`
   */
  credentials?: CredentialRegistry;
  /**
   * Clock for signature checks, expirations and `util.time`.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Fault injection (5xx / 429 answers, dropped real-time connections).
   * @default all rates 0
   */
  faults?: FaultOptions;
  /**
   * Also serve HTTPS and WSS on a second listener with a certificate made at start.
   * @default true
   */
  tls?: boolean;
  /**
   * Port of the plain listener (127.0.0.1).
   * @default 0 (OS-assigned)
   */
  port?: number;
  /**
   * Port of the TLS listener (127.0.0.1).
   * @default 0 (OS-assigned)
   */
  tlsPort?: number;
  /**
   * Interval of real-time `ka` messages.
   * @default 60000
   */
  keepAliveIntervalMs?: number;
  /**
   * `connectionTimeoutMs` announced in `connection_ack`: how long a client waits without a `ka` before it
   * takes the connection for dead. Must exceed `keepAliveIntervalMs`. The server also closes a connection
   * that has not sent `connection_init` within this time.
   * @default 300000 (AppSync's value)
   */
  connectionTimeoutMs?: number;
  /**
   * Largest real-time message (a `start`, a `stop`, ...) a client may send; a larger one closes its
   * connection with code 1009 (message too big).
   * @default 262144 (256 KiB, above AppSync's 240 kB subscription payload quota)
   */
  maxRealtimeMessageBytes?: number;
  /**
   * Most subscriptions one real-time connection may hold (AppSync's limit).
   * @default 100
   */
  maxSubscriptionsPerConnection?: number;
  /**
   * Tag whose value names a role for {@link LocalAppSync.mintForRole}.
   * @default 'notifier:role'
   */
  roleTagKey?: string;
}

/** A running local AppSync. */
export interface LocalAppSync {
  /** `http://127.0.0.1:<port>/graphql`. */
  graphqlUrl: string;
  /** `ws://127.0.0.1:<port>/graphql/realtime`. */
  realtimeUrl: string;
  /** `https://127.0.0.1:<tlsPort>/graphql` (undefined with `tls: false`). */
  tlsGraphqlUrl: string | undefined;
  /** `wss://127.0.0.1:<tlsPort>/graphql/realtime` (undefined with `tls: false`). */
  tlsRealtimeUrl: string | undefined;
  /** PEM of the TLS listener's self-signed certificate (its own CA). */
  caCertPem: string | undefined;
  apiId: string;
  region: string;
  accountId: string;
  /** The credential registry (mint with `mintForRole` / `mintForIdentity`). */
  credentials: CredentialRegistry;
  /** What is being served. */
  model: AppSyncModel;
  /** The DynamoDB endpoint the data sources use (undefined when only a client was given). */
  dynamoDbEndpoint: string | undefined;
  /** Finds a role by its `roleTagKey` tag value, role name or logical id. */
  role(key: string): RoleRef;
  /** Mints credentials for a role found by {@link LocalAppSync.role}. */
  mintForRole(key: string, options?: MintForRoleOptions): TemporaryCredentials;
  /** Fault counts so far. */
  faults: FaultInjector['counts'];
  /** Publication statistics of the last mutation fan-out (for tests and benchmarks). */
  lastPublish(): PublishStats | undefined;
  /** Number of active subscriptions. */
  subscriptionCount(): number;
  /** Number of open real-time connections (both listeners). */
  connectionCount(): number;
  /** Stops both listeners, closes every connection and the DynamoDB client it made. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts a local AppSync serving the API of a synthesized template: `POST /graphql` (SigV4 and
 * IAM policies enforced) and the real-time WebSocket protocol, on 127.0.0.1 (plain, and TLS with a
 * certificate made at start).
 *
 * @example
 * ```ts
 * const dynamo = await startDynalite({ tables: model.tables });
 * const appsync = await startLocalAppSync({ assemblyDir: 'infra/cdk.out', dynamoDbEndpoint: dynamo.endpoint });
 * const creds = appsync.mintForRole('image-tagger');
 * // ... sign requests to appsync.graphqlUrl with creds
 * await appsync.stop();
 * ```
 */
export async function startLocalAppSync(options: LocalAppSyncOptions): Promise<LocalAppSync> {
  const keepAliveIntervalMs = options.keepAliveIntervalMs ?? DEFAULT_KEEP_ALIVE_INTERVAL_MS;
  const connectionTimeoutMs = options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
  const maxRealtimeMessageBytes = options.maxRealtimeMessageBytes ?? DEFAULT_MAX_REALTIME_MESSAGE_BYTES;
  for (const [name, value] of [['keepAliveIntervalMs', keepAliveIntervalMs], ['connectionTimeoutMs', connectionTimeoutMs]] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new AppSyncLocalConfigError(`${name} must be a positive integer of milliseconds, got ${value}`);
  }
  if (!Number.isInteger(maxRealtimeMessageBytes) || maxRealtimeMessageBytes <= 0) {
    throw new AppSyncLocalConfigError(`maxRealtimeMessageBytes must be a positive integer, got ${maxRealtimeMessageBytes}`);
  }
  if (connectionTimeoutMs <= keepAliveIntervalMs) {
    // Clients drop a connection that stays silent for connectionTimeoutMs: keep-alives must come sooner.
    throw new AppSyncLocalConfigError(
      `connectionTimeoutMs (${connectionTimeoutMs}) must exceed keepAliveIntervalMs (${keepAliveIntervalMs}), or clients would take every connection for dead`,
    );
  }
  const now = options.now ?? (() => new Date());
  const region = options.model?.region ?? options.region ?? DEFAULT_REGION;
  const accountId = options.model?.accountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID;
  let model: AppSyncModel;
  if (options.model) model = options.model;
  else if (options.assemblyDir) model = await loadModelFromAssembly(options.assemblyDir, { accountId, region });
  else throw new AppSyncLocalConfigError('startLocalAppSync needs assemblyDir or model');

  const needsDynamo = model.dataSources.some((d) => d.kind === 'AMAZON_DYNAMODB');
  let ownClient: DynamoDBClient | undefined;
  let dynamoClient = options.dynamoDbClient;
  if (!dynamoClient && options.dynamoDbEndpoint) dynamoClient = ownClient = createLocalDynamoDbClient(options.dynamoDbEndpoint, region);
  let ownDynalite: RunningDynalite | undefined;
  if (needsDynamo && !dynamoClient) {
    // Nothing given: serve the template's tables from an in-process dynalite this server owns.
    ownDynalite = await startDynalite({ tables: model.tables, region });
    dynamoClient = ownDynalite.client;
  }
  const dynamoDbEndpoint = options.dynamoDbEndpoint ?? ownDynalite?.endpoint;
  // Everything started from here on is stopped again if a later step fails (an invalid schema, a port in use).
  const servers: Server[] = [];
  try {

    const dataSources = new Map<string, (request: unknown) => Promise<DataSourceOutcome>>();
    for (const ds of model.dataSources) {
      if (ds.kind === 'NONE') {
        dataSources.set(ds.name, async (request) => ({
          result: request !== null && typeof request === 'object' && 'payload' in request ? (request as { payload: unknown }).payload ?? null : null,
        }));
      } else {
        if (!ds.tableName) throw new ModelLoadError(`DynamoDB data source ${ds.name} has no table name`);
        dataSources.set(ds.name, createDynamoDbDataSource({ tableName: ds.tableName, client: dynamoClient! }).invoke);
      }
    }
    const invokeDataSource = (name: string, request: unknown): Promise<DataSourceOutcome> => {
      const invoke = dataSources.get(name);
      if (!invoke) throw new DataSourceRequestError(`Unknown data source ${name}`);
      return invoke(request);
    };

    const { schema, triggers, iamExcluded } = buildAppSyncSchema(model.schema);
    const runner = createResolverRunner({ model, invokeDataSource, now: () => now().getTime() });
    const executor = createExecutor({ schema, iamExcluded, resolvers: model.resolvers, runner });
    const authorize = createFieldAuthorizer({ region, accountId, apiId: model.apiId, roles: model.roles });
    const hub = createSubscriptionHub({
      schema,
      triggers,
      executor,
      authorize: (principal, typeName, fieldName, request) => !iamExcluded.has(`${typeName}.${fieldName}`) && authorize(principal, typeName, fieldName, request),
      maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection,
    });
    const registry = options.credentials ?? createCredentialRegistry({ now });
    const faults = createFaultInjector(options.faults);
    let lastPublish: PublishStats | undefined;
    const publish = (publication: Parameters<typeof hub.publish>[0]): void => {
      lastPublish = hub.publish(publication);
    };
    const handle = createHttpHandler({ executor, schema, authorize, credentials: registry, region, now, faults, publish });
    const realtime = createRealtimeServer({
      hub,
      credentials: registry,
      region,
      now,
      faults,
      keepAliveIntervalMs,
      connectionTimeoutMs,
      maxMessageBytes: maxRealtimeMessageBytes,
    });

    const plain = createHttpServer((req, res) => void handle(req, res));
    plain.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
    servers.push(plain);
    const port = await listen(plain, options.port ?? 0);

    let tlsPort: number | undefined;
    let caCertPem: string | undefined;
    if (options.tls !== false) {
      const certificate = await createLocalCertificate(now());
      caCertPem = certificate.certPem;
      const secure = createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => void handle(req, res));
      secure.on('upgrade', (req, socket, head) => realtime.handleUpgrade(req, socket, head));
      servers.push(secure);
      tlsPort = await listen(secure, options.tlsPort ?? 0);
    }

    const tagKey = options.roleTagKey ?? 'notifier:role';
    const findRole = (key: string): RoleModel => {
      const role =
        model.roles.find((r) => r.tags[tagKey] === key) ?? model.roles.find((r) => r.roleName === key || r.logicalId === key);
      if (!role) {
        const known = model.roles.map((r) => r.tags[tagKey] ?? r.roleName).join(', ');
        throw new AppSyncLocalConfigError(`No role ${JSON.stringify(key)} in the template (known: ${known})`);
      }
      return role;
    };
    const roleRef = (key: string): RoleRef => {
      const role = findRole(key);
      return { roleName: role.roleName, roleArn: role.roleArn, accountId };
    };

    let stopped = false;
    return {
      graphqlUrl: `http://127.0.0.1:${port}/graphql`,
      realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime`,
      tlsGraphqlUrl: tlsPort === undefined ? undefined : `https://127.0.0.1:${tlsPort}/graphql`,
      tlsRealtimeUrl: tlsPort === undefined ? undefined : `wss://127.0.0.1:${tlsPort}/graphql/realtime`,
      caCertPem,
      apiId: model.apiId,
      region,
      accountId,
      credentials: registry,
      model,
      dynamoDbEndpoint,
      role: roleRef,
      mintForRole: (key, mintOptions) => registry.mintForRole(roleRef(key), { sessionName: key.replace(/[^\w+=,.@-]/g, '-').slice(0, 64).padEnd(2, '-'), ...mintOptions }),
      faults: faults.counts,
      lastPublish: () => lastPublish,
      subscriptionCount: () => hub.count(),
      connectionCount: () => realtime.connectionCount(),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await realtime.close();
        await Promise.all(servers.map(close));
        ownClient?.destroy();
        await ownDynalite?.stop();
      },
    };
  } catch (error) {
    await Promise.all(servers.map(close));
    ownClient?.destroy();
    await ownDynalite?.stop();
    throw error;
  }
}
