import { realtimeUrlFor, regionFromGraphqlUrl } from '../src';
import { NotifierConfigError } from '../src/errors';

describe('Function: realtimeUrlFor', () => {
  it.each([
    [
      'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    ],
    [
      'https://abcdefghijklmnopqrstuvwxyz.appsync-api.cn-north-1.amazonaws.com.cn/graphql',
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.cn-north-1.amazonaws.com.cn/graphql',
    ],
    ['https://api.example.com/graphql', 'wss://api.example.com/graphql/realtime'],
    ['http://127.0.0.1:4000/graphql', 'ws://127.0.0.1:4000/graphql/realtime'],
    ['https://localhost:4443/graphql/', 'wss://localhost:4443/graphql/realtime'],
  ])('derives the real-time endpoint of %s', (graphqlUrl, expected) => {
    // Act
    const url = realtimeUrlFor(graphqlUrl);

    // Assess
    expect(url).toBe(expected);
  });

  it('treats an AppSync-looking host with a different path as a custom domain', () => {
    // Act
    const url = realtimeUrlFor('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/other');

    // Assess
    expect(url).toBe('wss://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/other/realtime');
  });

  it('refuses what is not an http(s) URL', () => {
    // Act and Assess
    expect(() => realtimeUrlFor('not a url')).toThrow(NotifierConfigError);
    expect(() => realtimeUrlFor('ftp://example.com/graphql')).toThrow(/must be an http\(s\) URL/);
  });
});

describe('Function: regionFromGraphqlUrl', () => {
  it('reads the region of an AppSync endpoint and nothing from a custom one', () => {
    // Act and Assess
    expect(regionFromGraphqlUrl('https://abcdefghijklmnopqrstuvwxyz.appsync-api.ap-southeast-2.amazonaws.com/graphql')).toBe('ap-southeast-2');
    expect(regionFromGraphqlUrl('http://127.0.0.1:4000/graphql')).toBeUndefined();
  });
});
