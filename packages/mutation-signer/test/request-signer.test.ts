import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js';
import { referenceSign } from '../bench/reference-sigv4';
import { SignerConfigError } from '../src/errors';
import { createAppSyncRequestSigner } from '../src/request-signer';
import { Sha256 as Sha256Node } from '../src/sha256.node';
import { STATIC_CREDENTIALS, TEMPORARY_CREDENTIALS } from './helpers/fixtures';

// The headers AppSync clients sign for the real-time protocol's connect and start requests.
const REALTIME_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

const START_DATA = JSON.stringify({ query: 'subscription OnNotification { onNotification { id kind } }', variables: {} });

const CASES = [
  {
    name: 'a real-time connect (POST <graphql url>/connect, body {})',
    url: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql/connect',
    path: '/graphql/connect',
    region: 'eu-west-1',
    credentials: TEMPORARY_CREDENTIALS,
    body: '{}',
    date: '2026-11-27T14:05:09.000Z',
  },
  {
    name: 'a real-time start (POST <graphql url>, body the data string)',
    url: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql',
    path: '/graphql',
    region: 'us-east-1',
    credentials: TEMPORARY_CREDENTIALS,
    body: START_DATA,
    date: '2026-01-01T00:00:00.000Z',
  },
  {
    name: 'a local endpoint with a port and long-term credentials',
    url: 'http://127.0.0.1:20002/graphql/connect',
    path: '/graphql/connect',
    region: 'us-east-1',
    credentials: STATIC_CREDENTIALS,
    body: '{}',
    date: '2025-02-28T23:59:59.999Z',
  },
];

describe('Function: createAppSyncRequestSigner', () => {
  describe.each([
    ['node:crypto', Sha256Node],
    ['@aws-crypto/sha256-js', Sha256Js],
  ])('with %s hashing', (_name, sha256) => {
    it.each(CASES)('signs $name exactly as the reference signer does', async (vector) => {
      // Prepare
      const signer = createAppSyncRequestSigner({ region: vector.region, sha256, clock: () => Date.parse(vector.date) });
      const expected = referenceSign({
        method: 'POST',
        host: new URL(vector.url).host,
        path: vector.path,
        headers: REALTIME_HEADERS,
        body: vector.body,
        credentials: vector.credentials,
        region: vector.region,
        service: 'appsync',
        date: new Date(vector.date),
      });

      // Act
      const headers = await signer.sign({ url: vector.url, body: vector.body, headers: REALTIME_HEADERS, credentials: vector.credentials });

      // Assess
      expect(headers).toEqual(expected.headers);
      expect(headers.authorization).toContain('SignedHeaders=accept;content-encoding;content-type;host;x-amz-date');
    });
  });

  it('signs with the configured provider when a request brings no credentials', async () => {
    // Prepare
    const provider = jest.fn(async () => TEMPORARY_CREDENTIALS);
    const date = '2026-11-27T14:05:09.000Z';
    const signer = createAppSyncRequestSigner({ region: 'eu-west-1', credentials: provider, clock: () => Date.parse(date) });
    const url = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';

    // Act
    const headers = await signer.sign({ url, body: START_DATA });

    // Assess
    expect(provider).toHaveBeenCalledTimes(1);
    expect(headers).toEqual(
      referenceSign({
        method: 'POST',
        host: new URL(url).host,
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: START_DATA,
        credentials: TEMPORARY_CREDENTIALS,
        region: 'eu-west-1',
        service: 'appsync',
        date: new Date(date),
      }).headers,
    );
  });

  it('uses the credentials of each request when they change between requests', async () => {
    // Prepare
    const signer = createAppSyncRequestSigner({ region: 'eu-west-1', clock: () => Date.parse('2026-11-27T14:05:09Z') });
    const url = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
    const rotated = { ...TEMPORARY_CREDENTIALS, accessKeyId: 'ASIAROTATED0000TEMP', sessionToken: 'rotated-token' };

    // Act
    const first = await signer.sign({ url, body: '{}', credentials: TEMPORARY_CREDENTIALS });
    const second = await signer.sign({ url, body: '{}', credentials: rotated });

    // Assess
    expect(first.authorization).toContain(`Credential=${TEMPORARY_CREDENTIALS.accessKeyId}/`);
    expect(second.authorization).toContain('Credential=ASIAROTATED0000TEMP/');
    expect(second['x-amz-security-token']).toBe('rotated-token');
  });

  it('refuses a missing region and a URL that is not http(s)', async () => {
    // Prepare
    const signer = createAppSyncRequestSigner({ region: 'eu-west-1', credentials: STATIC_CREDENTIALS });

    // Act and Assess
    expect(() => createAppSyncRequestSigner({ region: ' ' })).toThrow(SignerConfigError);
    await expect(signer.sign({ url: 'ftp://example.com/graphql', body: '{}' })).rejects.toThrow(SignerConfigError);
  });
});
