import { fieldArn, localApiId, startLocalAppSync, type AppSyncModel, type LocalAppSync } from '../src';
import { RealtimeTestClient } from './helpers/realtime-client';
import { signedGraphQLVia, type TransportOptions } from './helpers/signing';

const apiId = localApiId('ConditionsApi');
const api = { region: 'us-east-1', accountId: '000000000000', apiId };
const echo = (value: string) => `export function request() { return { payload: ${JSON.stringify(value)} }; }\nexport function response(ctx) { return ctx.result; }`;
const field = (typeName: string, fieldName: string) => fieldArn(api, typeName, fieldName);

// One role whose policies use every per-request key: TLS only for some fields, the loopback address
// 127.0.0.1 only for others, and a field allowed until a date.
const model: AppSyncModel = {
  apiId,
  apiName: 'conditions',
  accountId: api.accountId,
  region: api.region,
  schema: `
    type Query { secure: String, local: String, early: String }
    type Mutation { ping(n: Int!): Ping }
    type Ping { n: Int! }
    type Subscription {
      onPing: Ping @aws_subscribe(mutations: ["ping"])
      onPingLocal: Ping @aws_subscribe(mutations: ["ping"])
    }`,
  dataSources: [{ name: 'none', kind: 'NONE' }],
  functions: [],
  resolvers: [
    { typeName: 'Query', fieldName: 'secure', kind: 'UNIT', dataSourceName: 'none', code: echo('secure') },
    { typeName: 'Query', fieldName: 'local', kind: 'UNIT', dataSourceName: 'none', code: echo('local') },
    { typeName: 'Query', fieldName: 'early', kind: 'UNIT', dataSourceName: 'none', code: echo('early') },
    {
      typeName: 'Mutation',
      fieldName: 'ping',
      kind: 'UNIT',
      dataSourceName: 'none',
      code: 'export function request(ctx) { return { payload: { n: ctx.args.n } }; }\nexport function response(ctx) { return ctx.result; }',
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
            { Effect: 'Allow', Action: 'appsync:GraphQL', Resource: [field('Query', 'secure'), field('Mutation', 'ping'), field('Subscription', 'onPing')] },
            {
              Sid: 'DenyPlainTransport',
              Effect: 'Deny',
              Action: 'appsync:GraphQL',
              Resource: [field('Query', 'secure'), field('Subscription', 'onPing')],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            {
              Sid: 'LoopbackOnly',
              Effect: 'Allow',
              Action: 'appsync:GraphQL',
              Resource: [field('Query', 'local'), field('Subscription', 'onPingLocal')],
              Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } },
            },
            {
              Sid: 'Until2030',
              Effect: 'Allow',
              Action: 'appsync:GraphQL',
              Resource: field('Query', 'early'),
              Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } },
            },
          ],
        },
      ],
    },
  ],
};

// Linux routes all of 127.0.0.0/8 to the loopback interface: a client bound to 127.0.0.2 reaches the
// server on 127.0.0.1 with a different source address.
const OTHER_ADDRESS = '127.0.0.2';

describe('Function: startLocalAppSync (per-request condition keys)', () => {
  let appsync: LocalAppSync;
  let plain: { graphqlUrl: string; realtimeUrl: string };
  let tls: { graphqlUrl: string; realtimeUrl: string; ca: string };

  beforeAll(async () => {
    appsync = await startLocalAppSync({ model: structuredClone(model) });
    plain = { graphqlUrl: appsync.graphqlUrl, realtimeUrl: appsync.realtimeUrl };
    tls = { graphqlUrl: appsync.tlsGraphqlUrl!, realtimeUrl: appsync.tlsRealtimeUrl!, ca: appsync.caCertPem! };
  });
  afterAll(async () => {
    await appsync.stop();
  });

  const query = (url: string, credentials: ReturnType<LocalAppSync['mintForRole']>, text: string, transport: TransportOptions = {}) =>
    signedGraphQLVia(url, credentials, appsync.region, { query: text }, transport);

  const connect = (listener: { graphqlUrl: string; realtimeUrl: string; ca?: string }, credentials: ReturnType<LocalAppSync['mintForRole']>, localAddress?: string) =>
    RealtimeTestClient.open({ ...listener, credentials, region: appsync.region, localAddress });

  it('evaluates aws:SecureTransport per HTTP request: refused on the plain listener, served on the TLS one, in any order', async () => {
    // Prepare: one session, so a decision cached for one listener would answer for the other
    const credentials = appsync.mintForRole('caller');

    // Act
    const first = await query(plain.graphqlUrl, credentials, 'query { secure }');
    const secure = await query(tls.graphqlUrl, credentials, 'query { secure }', { ca: tls.ca });
    const again = await query(plain.graphqlUrl, credentials, 'query { secure }');
    const secureAgain = await query(tls.graphqlUrl, credentials, 'query { secure }', { ca: tls.ca });

    // Assess
    expect(first).toEqual({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } });
    expect(secure).toEqual({ status: 200, body: { data: { secure: 'secure' } } });
    expect(again.status).toBe(401);
    expect(secureAgain).toEqual({ status: 200, body: { data: { secure: 'secure' } } });
  });

  it('evaluates IpAddress on aws:SourceIp per HTTP request, on both listeners', async () => {
    // Prepare
    const credentials = appsync.mintForRole('caller');

    // Act
    const plainLoopback = await query(plain.graphqlUrl, credentials, 'query { local }', { localAddress: '127.0.0.1' });
    const plainOther = await query(plain.graphqlUrl, credentials, 'query { local }', { localAddress: OTHER_ADDRESS });
    const tlsOther = await query(tls.graphqlUrl, credentials, 'query { local }', { ca: tls.ca, localAddress: OTHER_ADDRESS });
    const tlsLoopback = await query(tls.graphqlUrl, credentials, 'query { local }', { ca: tls.ca, localAddress: '127.0.0.1' });

    // Assess
    expect(plainLoopback).toEqual({ status: 200, body: { data: { local: 'local' } } });
    expect(plainOther).toEqual({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } });
    expect(tlsOther.status).toBe(401);
    expect(tlsLoopback).toEqual({ status: 200, body: { data: { local: 'local' } } });
  });

  it('evaluates aws:SecureTransport for each start: refused over ws://, served and delivered over wss://', async () => {
    // Prepare
    const credentials = appsync.mintForRole('caller');
    const overPlain = await connect(plain, credentials);
    const overTls = await connect(tls, credentials);
    await Promise.all([overPlain.init(), overTls.init()]);

    // Act
    const acked = await overTls.start('tls', { query: 'subscription { onPing { n } }' });
    const refused = await overPlain.start('plain', { query: 'subscription { onPing { n } }' });
    const ackedAgain = await overTls.start('tls-2', { query: 'subscription { onPing { n } }' });
    const published = await query(plain.graphqlUrl, credentials, 'mutation { ping(n: 7) { n } }');
    const data = await overTls.next((m) => m.id === 'tls' && m.type === 'data');
    await Promise.all([overPlain.close(), overTls.close()]);

    // Assess
    expect(acked).toEqual({ type: 'start_ack', id: 'tls' });
    expect(refused).toEqual({ type: 'error', id: 'plain', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] } });
    expect(ackedAgain).toEqual({ type: 'start_ack', id: 'tls-2' });
    expect(published).toEqual({ status: 200, body: { data: { ping: { n: 7 } } } });
    expect(data.payload).toEqual({ data: { onPing: { n: 7 } } });
    expect(overPlain.dataFor('plain')).toEqual([]);
  });

  it('evaluates IpAddress on aws:SourceIp for each start from the connection peer, on both listeners', async () => {
    // Prepare
    const credentials = appsync.mintForRole('caller');
    const clients = [
      await connect(plain, credentials, '127.0.0.1'),
      await connect(plain, credentials, OTHER_ADDRESS),
      await connect(tls, credentials, '127.0.0.1'),
      await connect(tls, credentials, OTHER_ADDRESS),
    ];
    await Promise.all(clients.map((c) => c.init()));

    // Act
    const answers = [];
    for (const client of clients) answers.push((await client.start('local', { query: 'subscription { onPingLocal { n } }' })).type);
    await Promise.all(clients.map((c) => c.close()));

    // Assess
    expect(answers).toEqual(['start_ack', 'error', 'start_ack', 'error']);
    expect(clients[1]!.messages.find((m) => m.id === 'local')).toEqual({
      type: 'error',
      id: 'local',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Permission denied' }] },
    });
  });
});

describe('Function: startLocalAppSync (aws:CurrentTime)', () => {
  it('evaluates aws:CurrentTime at each request, so a session allowed before a date is refused after it', async () => {
    // Prepare
    let clock = new Date('2029-12-31T23:59:30Z');
    const server = await startLocalAppSync({ model: structuredClone(model), tls: false, now: () => clock });
    const credentials = server.mintForRole('caller');
    const call = () => signedGraphQLVia(server.graphqlUrl, credentials, server.region, { query: 'query { early }' }, { signingDate: clock });

    // Act
    const before = await call();
    clock = new Date('2030-01-01T00:00:30Z');
    const after = await call();
    await server.stop();

    // Assess
    expect(before).toEqual({ status: 200, body: { data: { early: 'early' } } });
    expect(after.status).toBe(401);
  });
});
