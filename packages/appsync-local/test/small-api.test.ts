import { AppSyncLocalConfigError, fieldArn, localApiId, startLocalAppSync, type AppSyncModel, type LocalAppSync } from '../src';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signedGraphQL } from './helpers/signing';

const apiId = localApiId('SmallApi');
const api = { region: 'us-east-1', accountId: '000000000000', apiId };
const echo = (value: string) => `export function request() { return { payload: ${JSON.stringify(value)} }; }\nexport function response(ctx) { return ctx.result; }`;
const APPEND = `import { util } from '@aws-appsync/utils';
export function request(ctx) { ctx.stash.seen = ['before']; return null; }
export function response(ctx) { util.appendError('partial', 'Partial', { why: 1 }, { info: 2 }); return ctx.prev.result + '|' + ctx.stash.seen.join(','); }`;
const STEP = (name: string) => `export function request(ctx) { ctx.stash.seen.push(${JSON.stringify(name)}); return { payload: (ctx.prev.result ?? '') + ${JSON.stringify(name)} }; }
export function response(ctx) { return ctx.result; }`;

const model: AppSyncModel = {
  apiId,
  apiName: 'small',
  accountId: api.accountId,
  region: api.region,
  schema: `
    type Query { open: String, closed: String @aws_api_key, both: String @aws_api_key @aws_iam, pipeline: String }
    type Mutation { ping(n: Int!): Ping, pingWarn(n: Int!): Ping }
    type Ping { n: Int! }
    type Subscription { onPing: Ping @aws_subscribe(mutations: ["ping", "pingWarn"]) }`,
  dataSources: [{ name: 'none', kind: 'NONE' }],
  functions: [
    { id: 'f1', name: 'one', dataSourceName: 'none', code: STEP('one') },
    { id: 'f2', name: 'two', dataSourceName: 'none', code: STEP('two') },
  ],
  resolvers: [
    { typeName: 'Query', fieldName: 'open', kind: 'UNIT', dataSourceName: 'none', code: echo('open') },
    { typeName: 'Query', fieldName: 'closed', kind: 'UNIT', dataSourceName: 'none', code: echo('closed') },
    { typeName: 'Query', fieldName: 'both', kind: 'UNIT', dataSourceName: 'none', code: echo('both') },
    { typeName: 'Query', fieldName: 'pipeline', kind: 'PIPELINE', functionIds: ['f1', 'f2'], code: APPEND },
    {
      typeName: 'Mutation',
      fieldName: 'ping',
      kind: 'UNIT',
      dataSourceName: 'none',
      code: 'export function request(ctx) { return { payload: { n: ctx.args.n } }; }\nexport function response(ctx) { return ctx.result; }',
    },
    {
      typeName: 'Mutation',
      fieldName: 'pingWarn',
      kind: 'UNIT',
      dataSourceName: 'none',
      code: "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { return { payload: { n: ctx.args.n } }; }\nexport function response(ctx) { util.appendError('careful', 'Warning'); return ctx.result; }",
    },
  ],
  tables: [],
  roles: [
    {
      logicalId: 'Caller',
      roleName: 'Caller',
      roleArn: 'arn:aws:iam::000000000000:role/Caller',
      tags: { 'notifier:role': 'caller' },
      policies: [
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'appsync:GraphQL', Resource: [fieldArn(api, 'Query', '*'), fieldArn(api, 'Mutation', 'ping*'), fieldArn(api, 'Subscription', '*')] },
            { Effect: 'Deny', Action: 'appsync:*', Resource: fieldArn(api, 'Query', 'pipel?ne') },
          ],
        },
      ],
    },
  ],
};

describe('Function: startLocalAppSync (hand-written model)', () => {
  let appsync: LocalAppSync;

  beforeAll(async () => {
    appsync = await startLocalAppSync({ model: structuredClone(model), tls: false, maxSubscriptionsPerConnection: 2 });
  });
  afterAll(async () => {
    await appsync.stop();
  });

  const call = (query: string) => signedGraphQL(appsync.graphqlUrl, appsync.mintForRole('caller'), appsync.region, { query });

  it('refuses fields whose auth directives exclude AWS_IAM with Unauthorized, and serves the others', async () => {
    // Act
    const result = await call('query { open closed both }');

    // Assess
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: { open: 'open', closed: null, both: 'both' },
      errors: [
        {
          path: ['closed'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 14, sourceName: null }],
          message: 'Not Authorized to access closed on type Query',
        },
      ],
    });
  });

  it('refuses a field an explicit Deny with a wildcard matches', async () => {
    // Act
    const result = await call('query { pipeline }');

    // Assess
    expect(result.status).toBe(401);
  });

  it('runs a pipeline: before, functions in order with ctx.prev.result and ctx.stash, after, appended errors', async () => {
    // Prepare: a role without the Deny
    const open = structuredClone(model);
    open.roles[0]!.policies[0]!.Statement = [{ Effect: 'Allow', Action: 'appsync:GraphQL', Resource: fieldArn(api, 'Query', 'pipeline') }];
    const server = await startLocalAppSync({ model: open, tls: false });

    // Act
    const result = await signedGraphQL(server.graphqlUrl, server.mintForRole('caller'), server.region, { query: 'query { pipeline }' });
    await server.stop();

    // Assess
    expect(result.body).toEqual({
      data: { pipeline: 'onetwo|before,one,two' },
      errors: [
        { path: ['pipeline'], data: { why: 1 }, errorType: 'Partial', errorInfo: { info: 2 }, locations: [{ line: 1, column: 9, sourceName: null }], message: 'partial' },
      ],
    });
  });

  it('evaluates aws:PrincipalTag/<key> from the role tags and aws:RequestedRegion from the server region', async () => {
    // Prepare
    const tagged = structuredClone(model);
    tagged.roles[0]!.policies[0]!.Statement = [
      { Effect: 'Allow', Action: 'appsync:GraphQL', Resource: fieldArn(api, 'Query', 'open'), Condition: { StringEquals: { 'aws:PrincipalTag/notifier:role': 'caller', 'aws:RequestedRegion': 'us-east-1' } } },
      { Effect: 'Allow', Action: 'appsync:GraphQL', Resource: fieldArn(api, 'Query', 'both'), Condition: { StringEquals: { 'aws:PrincipalTag/notifier:role': 'someone-else' } } },
    ];
    const server = await startLocalAppSync({ model: tagged, tls: false });
    const credentials = server.mintForRole('caller');

    // Act
    const allowed = await signedGraphQL(server.graphqlUrl, credentials, server.region, { query: 'query { open }' });
    const refused = await signedGraphQL(server.graphqlUrl, credentials, server.region, { query: 'query { both }' });
    await server.stop();

    // Assess
    expect(allowed.body).toEqual({ data: { open: 'open' } });
    expect(refused.status).toBe(401);
  });

  it('refuses a subscription beyond the per-connection limit with MaxSubscriptionsReachedError', async () => {
    // Prepare
    const client = await RealtimeTestClient.open({ realtimeUrl: appsync.realtimeUrl, graphqlUrl: appsync.graphqlUrl, credentials: appsync.mintForRole('caller'), region: appsync.region });
    await client.init();
    await client.start('a', { query: 'subscription { onPing { n } }' });
    await client.start('b', { query: 'subscription { onPing { n } }' });

    // Act
    const third = await client.start('c', { query: 'subscription { onPing { n } }' });
    const warned = await call('mutation { pingWarn(n: 2) { n } }');
    await call('mutation { ping(n: 3) { n } }');
    await client.next((m) => m.id === 'b' && m.type === 'data');
    await client.close();

    // Assess
    expect(third).toEqual({ type: 'error', id: 'c', payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 2 subscriptions reached' }] } });
    // A mutation with an appended error is not a success: nothing is published for it.
    expect(warned.body).toMatchObject({ data: { pingWarn: { n: 2 } }, errors: [{ errorType: 'Warning', message: 'careful' }] });
    expect(client.dataFor('a').map((m) => m.payload)).toEqual([{ data: { onPing: { n: 3 } } }]);
  });
});

describe('Function: startLocalAppSync (real-time timing options)', () => {
  it('announces the configured connectionTimeoutMs in connection_ack', async () => {
    // Prepare
    const server = await startLocalAppSync({ model: structuredClone(model), tls: false, keepAliveIntervalMs: 1000, connectionTimeoutMs: 5000 });
    const client = await RealtimeTestClient.open({ realtimeUrl: server.realtimeUrl, graphqlUrl: server.graphqlUrl, credentials: server.mintForRole('caller'), region: server.region });

    // Act
    const ack = await client.init();
    await client.close();
    await server.stop();

    // Assess
    expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 5000 } });
  });

  it('closes a connection that sends no connection_init within connectionTimeoutMs, and keeps one that did', async () => {
    // Prepare
    const server = await startLocalAppSync({ model: structuredClone(model), tls: false, keepAliveIntervalMs: 100, connectionTimeoutMs: 300 });
    const connect = () => RealtimeTestClient.open({ realtimeUrl: server.realtimeUrl, graphqlUrl: server.graphqlUrl, credentials: server.mintForRole('caller'), region: server.region });
    const silent = await connect();
    const initialized = await connect();
    await initialized.init();
    const openedAt = Date.now();

    // Act
    const closed = await silent.closed;
    const waited = Date.now() - openedAt;
    await new Promise((r) => setTimeout(r, 300));
    const stillOpen = server.connectionCount();
    await initialized.close();
    await server.stop();

    // Assess
    expect(closed.code).toBe(4408);
    expect(waited).toBeLessThan(2000);
    expect(silent.messages).toEqual([]);
    expect(stillOpen).toBe(1);
  });

  it('closes a connection that sends a message over 256 KiB with 1009, and keeps serving', async () => {
    // Prepare
    const server = await startLocalAppSync({ model: structuredClone(model), tls: false });
    const connect = () => RealtimeTestClient.open({ realtimeUrl: server.realtimeUrl, graphqlUrl: server.graphqlUrl, credentials: server.mintForRole('caller'), region: server.region });
    const big = await connect();
    await big.init();
    const fits = await connect();
    await fits.init();

    // Act
    fits.send({ type: 'start', id: 'fits', payload: { data: 'x'.repeat(256 * 1024 - 100) } });
    const answer = await fits.next((m) => m.id === 'fits');
    big.send({ type: 'start', id: 'big', payload: { data: 'x'.repeat(256 * 1024) } });
    const closed = await big.closed;
    const after = await connect();
    const ack = await after.init();
    await Promise.all([fits.close(), after.close()]);
    await server.stop();

    // Assess
    expect(answer).toMatchObject({ type: 'error', id: 'fits' });
    expect(closed.code).toBe(1009);
    expect(big.messages.filter((m) => m.id === 'big')).toEqual([]);
    expect(ack.type).toBe('connection_ack');
  });

  it('honours maxRealtimeMessageBytes', async () => {
    // Prepare
    const server = await startLocalAppSync({ model: structuredClone(model), tls: false, maxRealtimeMessageBytes: 1024 });
    const client = await RealtimeTestClient.open({ realtimeUrl: server.realtimeUrl, graphqlUrl: server.graphqlUrl, credentials: server.mintForRole('caller'), region: server.region });
    await client.init();

    // Act
    client.send({ type: 'start', id: 'small', payload: { data: 'x'.repeat(1024) } });
    const closed = await client.closed;
    await server.stop();

    // Assess
    expect(closed.code).toBe(1009);
  });

  it.each([
    [{ keepAliveIntervalMs: 60_000, connectionTimeoutMs: 60_000 }, 'connectionTimeoutMs (60000) must exceed keepAliveIntervalMs (60000)'],
    [{ connectionTimeoutMs: 30_000 }, 'connectionTimeoutMs (30000) must exceed keepAliveIntervalMs (60000)'],
    [{ keepAliveIntervalMs: 400_000 }, 'connectionTimeoutMs (300000) must exceed keepAliveIntervalMs (400000)'],
    [{ connectionTimeoutMs: 0 }, 'connectionTimeoutMs must be a positive integer of milliseconds, got 0'],
    [{ keepAliveIntervalMs: 1.5 }, 'keepAliveIntervalMs must be a positive integer of milliseconds, got 1.5'],
    [{ maxRealtimeMessageBytes: -1 }, 'maxRealtimeMessageBytes must be a positive integer, got -1'],
  ])('refuses %j with AppSyncLocalConfigError before listening', async (timing, message) => {
    // Prepare
    const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listening();

    // Act
    const failure = await startLocalAppSync({ model: structuredClone(model), tls: false, ...timing }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(AppSyncLocalConfigError);
    expect((failure as Error).message).toContain(message);
    expect(listening()).toBe(before);
  });
});

describe('Function: startLocalAppSync (failing start)', () => {
  it('stops the dynalite it started when a later step fails, and reports the failure', async () => {
    // Prepare
    const broken: AppSyncModel = {
      ...structuredClone(model),
      schema: 'type Query { broken: DoesNotExist }',
      dataSources: [{ name: 'table', kind: 'AMAZON_DYNAMODB', tableName: 'Items' }],
      functions: [],
      resolvers: [],
      tables: [{ tableName: 'Items', keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }],
    };
    const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listening();

    // Act
    const failure = await startLocalAppSync({ model: broken, tls: false }).catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/DoesNotExist/);
    expect(listening()).toBe(before);
  });
});
