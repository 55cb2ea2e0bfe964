import WebSocket from 'ws';
import { createNotifierClient, NotifierConfigError, type NotifierClientOptions } from '../src';

const BASE: NotifierClientOptions = {
  graphqlUrl: 'http://127.0.0.1:1/graphql',
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
};

describe('Function: createNotifierClient', () => {
  it.each<[string, Partial<NotifierClientOptions>, RegExp]>([
    ['a missing graphqlUrl', { graphqlUrl: '' }, /graphqlUrl is required/],
    ['a graphqlUrl that is not http(s)', { graphqlUrl: 'ws://127.0.0.1/graphql' }, /graphqlUrl must be an http\(s\) URL/],
    ['a realtimeUrl that is not ws(s)', { realtimeUrl: 'http://127.0.0.1/graphql/realtime' }, /realtimeUrl must be a ws\(s\) URL/],
    ['a missing region for a local endpoint', { region: undefined }, /region is required/],
    ['missing credentials', { credentials: undefined as unknown as NotifierClientOptions['credentials'] }, /credentials are required/],
    ['incomplete static credentials', { credentials: { accessKeyId: 'AKID', secretAccessKey: '' } }, /secretAccessKey/],
    ['an unknown auth transport', { authTransport: 'cookie' as 'query' }, /authTransport/],
    ['a zero dedupe capacity', { dedupeCapacity: 0 }, /dedupeCapacity must be a positive integer/],
    ['a fractional catch-up hold capacity', { catchUpHoldCapacity: 2.5 }, /catchUpHoldCapacity must be a positive integer/],
    ['a negative credential refresh delay', { credentialRefreshMinDelayMs: -1 }, /credentialRefreshMinDelayMs must be a non-negative number/],
  ])('refuses %s', (_name, override, message) => {
    // Act and Assess
    expect(() => createNotifierClient({ ...BASE, ...override })).toThrow(NotifierConfigError);
    expect(() => createNotifierClient({ ...BASE, ...override })).toThrow(message);
  });

  it('refuses to run without a WebSocket implementation where none is global', () => {
    // Prepare
    const global = globalThis as { WebSocket?: unknown };
    const saved = global.WebSocket;
    delete global.WebSocket;

    // Act and Assess
    try {
      expect(() => createNotifierClient({ ...BASE, WebSocket: undefined })).toThrow(/No WebSocket implementation/);
    } finally {
      if (saved !== undefined) global.WebSocket = saved;
    }
  });

  it('takes the region from an AppSync endpoint', () => {
    // Act
    const client = createNotifierClient({
      ...BASE,
      graphqlUrl: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-central-1.amazonaws.com/graphql',
      region: undefined,
    });

    // Assess
    expect(client).toBeDefined();
    client.close();
  });

  it.each<[string, object, RegExp]>([
    ['no onNotification', {}, /onNotification/],
    ['an empty kinds list', { onNotification: () => undefined, kinds: [] }, /non-empty array/],
    ['an empty kind', { onNotification: () => undefined, kinds: [''] }, /invalid kind/],
  ])('refuses a subscription with %s', (_name, options, message) => {
    // Prepare
    const client = createNotifierClient(BASE);

    // Act and Assess
    expect(() => client.subscribe(options as never)).toThrow(message);
    client.close();
  });
});
