import WebSocket from 'ws';
import type { Principal } from '@notifier/local-iam';
import { buildAppSyncSchema, fieldArn, localApiId, startLocalAppSync, type AppSyncModel } from '../src';
import { createExecutor } from '../src/executor';
import { createResolverRunner } from '../src/resolver-runtime';
import { createSubscriptionHub, type SubscriberConnection } from '../src/subscriptions';
import { signPost } from './helpers/signing';

const SDL = `
  type Query { none: String }
  type Mutation { say(room: ID!, text: String!): Said }
  type Said { room: ID!, text: String!, at: String }
  type Subscription { onSaid(room: ID): Said @aws_subscribe(mutations: ["say"]) }`;

const apiId = localApiId('HubApi');
const api = { region: 'us-east-1', accountId: '000000000000', apiId };
const model: AppSyncModel = {
  apiId,
  apiName: 'hub',
  accountId: api.accountId,
  region: api.region,
  schema: SDL,
  dataSources: [{ name: 'none', kind: 'NONE' }],
  functions: [],
  resolvers: [
    {
      typeName: 'Mutation',
      fieldName: 'say',
      kind: 'UNIT',
      dataSourceName: 'none',
      code: 'export function request(ctx) { return { payload: { room: ctx.args.room, text: ctx.args.text, at: null } }; }\nexport function response(ctx) { return ctx.result; }',
    },
  ],
  tables: [],
  roles: [
    {
      logicalId: 'Caller',
      roleName: 'Caller',
      roleArn: 'arn:aws:iam::000000000000:role/Caller',
      tags: { 'notifier:role': 'caller' },
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'appsync:GraphQL', Resource: [fieldArn(api, 'Mutation', 'say'), fieldArn(api, 'Subscription', '*')] }] }],
    },
  ],
};

function createHub() {
  const { schema, triggers } = buildAppSyncSchema(SDL);
  const runner = createResolverRunner({ model, invokeDataSource: async () => ({ result: null }), now: () => 0 });
  const executor = createExecutor({ schema, resolvers: [], runner });
  return createSubscriptionHub({ schema, triggers, executor, authorize: () => true });
}

function recordingConnection(): SubscriberConnection & { sent: Buffer[] } {
  const sent: Buffer[] = [];
  return {
    sent,
    sendData: (parts, byteLength) => {
      const message = Buffer.concat(parts);
      expect(message.length).toBe(byteLength);
      sent.push(message);
    },
  };
}

const principal = { kind: 'role' } as Principal;
const start = (hub: ReturnType<typeof createHub>, connection: SubscriberConnection, id: string, query: string, variables: Record<string, unknown> = {}) =>
  hub.start(connection, id, { request: { query, variables }, principal, fieldRequest: { now: new Date(), secureTransport: false, sourceIp: '127.0.0.1' }, identity: null, headers: {} });

describe('Function: createSubscriptionHub', () => {
  it('sends each matching subscriber its own data message, encoding each selection shape once', async () => {
    // Prepare
    const hub = createHub();
    const [one, two, three, elsewhere] = [recordingConnection(), recordingConnection(), recordingConnection(), recordingConnection()];
    const full = 'subscription { onSaid { room text at } }';
    expect(await start(hub, one, 'a-1', full)).toEqual({ ok: true });
    expect(await start(hub, two, 'b-2', full)).toEqual({ ok: true });
    expect(await start(hub, three, 'c-3', 'subscription S($room: ID) { onSaid(room: $room) { text } }', { room: 'r1' })).toEqual({ ok: true });
    expect(await start(hub, elsewhere, 'd-4', 'subscription { onSaid(room: "r2") { text } }')).toEqual({ ok: true });

    // Act
    const stats = hub.publish({ fieldName: 'say', payload: { room: 'r1', text: 'déjà vu ✓', at: null } });

    // Assess
    expect(stats).toEqual({ delivered: 3, serialized: 2 });
    const received = (c: { sent: Buffer[] }) => c.sent.map((m) => JSON.parse(m.toString('utf8')) as unknown);
    expect(received(one)).toEqual([{ id: 'a-1', type: 'data', payload: { data: { onSaid: { room: 'r1', text: 'déjà vu ✓', at: null } } } }]);
    expect(received(two)).toEqual([{ id: 'b-2', type: 'data', payload: { data: { onSaid: { room: 'r1', text: 'déjà vu ✓', at: null } } } }]);
    expect(received(three)).toEqual([{ id: 'c-3', type: 'data', payload: { data: { onSaid: { text: 'déjà vu ✓' } } } }]);
    expect(elsewhere.sent).toEqual([]);
  });

  it('reports a non-null field the mutation did not select as an error in the message', async () => {
    // Prepare
    const hub = createHub();
    const connection = recordingConnection();
    await start(hub, connection, 'x', 'subscription { onSaid { room text } }');

    // Act
    hub.publish({ fieldName: 'say', payload: { room: 'r1' } });

    // Assess
    const message = JSON.parse(connection.sent[0]!.toString('utf8')) as { id: string; payload: { data: unknown; errors: { path: unknown[] }[] } };
    expect(message.id).toBe('x');
    expect(message.payload.data).toEqual({ onSaid: null });
    expect(message.payload.errors.map((e) => e.path)).toEqual([['onSaid', 'text']]);
  });
});

describe('Function: startLocalAppSync (data message frames)', () => {
  it('sends data messages of every frame length class as text frames without permessage-deflate, even when the client offers it', async () => {
    // Prepare
    const appsync = await startLocalAppSync({ model: structuredClone(model), tls: false });
    const credentials = appsync.mintForRole('caller');
    const realtimeHeaders = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };
    const connect = await signPost({ url: `${appsync.graphqlUrl}/connect`, body: '{}', credentials, region: api.region, headers: realtimeHeaders });
    const header = Buffer.from(JSON.stringify(connect)).toString('base64');
    const ws = new WebSocket(`${appsync.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws'], { perMessageDeflate: true });
    const frames: { text: string; isBinary: boolean }[] = [];
    const waiting: { type: string; count: number; resolve: () => void }[] = [];
    ws.on('message', (raw: Buffer, isBinary) => {
      const text = raw.toString('utf8');
      frames.push({ text, isBinary });
      for (const w of waiting) if (frames.filter((f) => (JSON.parse(f.text) as { type: string }).type === w.type).length >= w.count) w.resolve();
    });
    const received = (type: string, count = 1) => new Promise<void>((resolve) => waiting.push({ type, count, resolve }));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const acked = received('connection_ack');
    ws.send(JSON.stringify({ type: 'connection_init' }));
    await acked;
    const data = JSON.stringify({ query: 'subscription { onSaid { room text at } }' });
    const authorization = await signPost({ url: appsync.graphqlUrl, body: data, credentials, region: api.region, headers: realtimeHeaders });
    const started = received('start_ack');
    ws.send(JSON.stringify({ id: 's-1', type: 'start', payload: { data, extensions: { authorization } } }));
    await started;
    // Payload lengths under 126 bytes, under 64 KiB, and over it (7-bit, 16-bit and 64-bit lengths).
    const texts = ['', 'x'.repeat(200), 'déjà vu ✓'.repeat(8000)];
    const delivered = received('data', texts.length);

    try {
      // Act
      const statuses: number[] = [];
      for (const text of texts) {
        const body = JSON.stringify({ query: 'mutation M($text: String!) { say(room: "r1", text: $text) { room text at } }', variables: { text } });
        const headers = await signPost({ url: appsync.graphqlUrl, body, credentials, region: api.region });
        delete headers.host;
        statuses.push((await fetch(appsync.graphqlUrl, { method: 'POST', headers, body })).status);
      }
      await delivered;

      // Assess
      expect(statuses).toEqual([200, 200, 200]);
      expect(ws.extensions).toBe('');
      const messages = frames.filter((f) => f.text.includes('"type":"data"'));
      expect(messages.map((m) => m.isBinary)).toEqual([false, false, false]);
      expect(messages.map((m) => JSON.parse(m.text) as unknown)).toEqual(
        texts.map((text) => ({ id: 's-1', type: 'data', payload: { data: { onSaid: { room: 'r1', text, at: null } } } })),
      );
    } finally {
      ws.close();
      await new Promise((resolve) => ws.once('close', resolve));
      await appsync.stop();
    }
  });
});
