import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js';
import { referenceSign } from '../bench/reference-sigv4';
import { Sha256 as Sha256Node } from '../src/sha256.node';
import { createRequestSigner, createSignatureV4Cache } from '../src/signer';
import type { AwsCredentialIdentity } from '../src/types';
import { STATIC_CREDENTIALS, TEMPORARY_CREDENTIALS } from './helpers/fixtures';

interface VectorCase {
  name: string;
  url: string;
  region: string;
  credentials: AwsCredentialIdentity;
  date: string;
  body: string;
}

const BODY = JSON.stringify({
  query: 'mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) { notifyDatasetRefreshed(input: $input) { id } }',
  variables: { input: { idempotencyKey: 'k-1', dataset: 'orders', version: 'v1', completedAt: '2026-11-27T14:00:00Z' } },
});

const CASES: VectorCase[] = [
  {
    name: 'long-term credentials',
    url: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql',
    region: 'eu-west-1',
    credentials: STATIC_CREDENTIALS,
    date: '2026-11-27T14:05:09.123Z',
    body: BODY,
  },
  {
    name: 'temporary credentials with a session token',
    url: 'https://abc123.appsync-api.us-east-1.amazonaws.com/graphql',
    region: 'us-east-1',
    credentials: TEMPORARY_CREDENTIALS,
    date: '2026-01-01T00:00:00.000Z',
    body: BODY,
  },
  {
    name: 'a local endpoint with a port',
    url: 'http://127.0.0.1:20002/graphql',
    region: 'us-east-1',
    credentials: TEMPORARY_CREDENTIALS,
    date: '2025-02-28T23:59:59.999Z',
    body: BODY,
  },
  {
    name: 'a non-ASCII body',
    url: 'https://abc123.appsync-api.ap-northeast-1.amazonaws.com/graphql',
    region: 'ap-northeast-1',
    credentials: STATIC_CREDENTIALS,
    date: '2024-02-29T12:00:00.000Z',
    body: JSON.stringify({ query: 'query Me { me { id } }', variables: { note: 'café ✓ 日本語 🚀' } }),
  },
  {
    name: 'an empty body',
    url: 'https://abc123.appsync-api.eu-central-1.amazonaws.com/graphql',
    region: 'eu-central-1',
    credentials: TEMPORARY_CREDENTIALS,
    date: '2026-11-27T14:05:09.000Z',
    body: '',
  },
];

describe('Function: createRequestSigner', () => {
  describe.each([
    ['node:crypto', Sha256Node],
    ['@aws-crypto/sha256-js', Sha256Js],
  ])('with %s hashing', (_name, sha256) => {
    it.each(CASES)('signs $name exactly as the reference signer does', async (vector) => {
      // Prepare
      const url = new URL(vector.url);
      const signer = createRequestSigner({ url, region: vector.region, sha256 });
      const body = new TextEncoder().encode(vector.body);
      const expected = referenceSign({
        method: 'POST',
        host: url.host,
        path: url.pathname,
        headers: { 'content-type': 'application/json' },
        body,
        credentials: vector.credentials,
        region: vector.region,
        service: 'appsync',
        date: new Date(vector.date),
      });

      // Act
      const headers = await signer.sign(vector.credentials, body, new Date(vector.date));

      // Assess
      expect(headers).toEqual(expected.headers);
      expect(headers.authorization).toBe(expected.authorization);
      expect(headers['x-amz-date']).toBe(expected.amzDate);
      expect(headers['x-amz-security-token']).toBe(vector.credentials.sessionToken);
      expect(headers['x-amz-content-sha256']).toBeUndefined();
    });
  });

  it('writes the credential scope from the signing day, region and service', async () => {
    // Prepare
    const signer = createRequestSigner({ url: new URL('https://x.appsync-api.sa-east-1.amazonaws.com/graphql'), region: 'sa-east-1', sha256: Sha256Node });

    // Act
    const headers = await signer.sign(STATIC_CREDENTIALS, new Uint8Array(), new Date('2026-03-04T05:06:07Z'));

    // Assess
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260304\/sa-east-1\/appsync\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-date']).toBe('20260304T050607Z');
  });

  it('signs with the credentials of each call when they change between calls', async () => {
    // Prepare
    const url = new URL('https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql');
    const signer = createRequestSigner({ url, region: 'eu-west-1', sha256: Sha256Node });
    const body = new TextEncoder().encode(BODY);
    const date = new Date('2026-11-27T14:05:09Z');
    const rotated = { ...TEMPORARY_CREDENTIALS, sessionToken: `${TEMPORARY_CREDENTIALS.sessionToken}-rotated` };
    const expectedFor = (credentials: AwsCredentialIdentity): string =>
      referenceSign({
        method: 'POST',
        host: url.host,
        path: url.pathname,
        headers: { 'content-type': 'application/json' },
        body,
        credentials,
        region: 'eu-west-1',
        service: 'appsync',
        date,
      }).authorization;

    // Act
    const first = await signer.sign(TEMPORARY_CREDENTIALS, body, date);
    const second = await signer.sign(rotated, body, date);
    const third = await signer.sign({ ...STATIC_CREDENTIALS }, body, date);
    const fourth = await signer.sign({ ...STATIC_CREDENTIALS }, body, date);

    // Assess
    expect(first.authorization).toBe(expectedFor(TEMPORARY_CREDENTIALS));
    expect(second.authorization).toBe(expectedFor(rotated));
    expect(second['x-amz-security-token']).toBe(rotated.sessionToken);
    expect(third.authorization).toBe(expectedFor(STATIC_CREDENTIALS));
    expect(third['x-amz-security-token']).toBeUndefined();
    expect(fourth).toEqual(third);
  });
});

describe('Function: createSignatureV4Cache', () => {
  it('keeps one SignatureV4 per credentials identity and replaces it when the identity changes', () => {
    // Prepare
    const signerFor = createSignatureV4Cache({ region: 'eu-west-1', service: 'appsync', sha256: Sha256Node });

    // Act
    const first = signerFor(TEMPORARY_CREDENTIALS);
    const sameObject = signerFor(TEMPORARY_CREDENTIALS);
    const equalCopy = signerFor({ ...TEMPORARY_CREDENTIALS });
    const rotated = signerFor({ ...TEMPORARY_CREDENTIALS, sessionToken: 'rotated' });
    const rotatedAgain = signerFor({ ...TEMPORARY_CREDENTIALS, sessionToken: 'rotated' });

    // Assess
    expect(sameObject).toBe(first);
    expect(equalCopy).toBe(first);
    expect(rotated).not.toBe(first);
    expect(rotatedAgain).toBe(rotated);
  });
});
