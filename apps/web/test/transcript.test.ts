import { createHash, createHmac } from 'node:crypto';
import { TranscriptLinkError, WebError } from '../src/errors';
import { createTranscriptLinker, parseS3Location, TRANSCRIPT_LINK_EXPIRY_SECONDS } from '../src/transcript';

const IDENTITY = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const KEY = `private/${IDENTITY}/transcripts/notifier-talk.mp4-5c0e7d3b1f2a4c6e8d9f.json`;
const CREDENTIALS = { accessKeyId: 'ASIAEXAMPLEIDENTITY', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+1=' };
const SIGNED_AT = new Date('2026-11-27T10:15:30Z');

function linker(s3Endpoint?: string) {
  return createTranscriptLinker({
    region: 'eu-west-1',
    credentials: async () => CREDENTIALS,
    uploadsBucket: 'notifier-uploads-dev',
    identityId: IDENTITY,
    ...(s3Endpoint ? { s3Endpoint } : {}),
    now: () => SIGNED_AT,
  });
}

// RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone).
const uriEscape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The SigV4 query-string signature of a presigned GET, computed here from the URL alone (independently of the SDK). */
function expectedSignature(url: URL, secretAccessKey: string): string {
  const query = [...url.searchParams.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEscape(name), uriEscape(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonical = ['GET', url.pathname, query, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const [, date, region, service] = /^[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(url.searchParams.get('X-Amz-Credential') ?? '') ?? [];
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', url.searchParams.get('X-Amz-Date'), scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('Function: createTranscriptLinker', () => {
  it('presigns a one-minute GET of the local S3 object, path-style, answered as a JSON download', async () => {
    // Act
    const url = new URL(await linker('http://127.0.0.1:5000')(`s3://notifier-uploads-dev/${KEY}`));

    // Assess
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:5000/notifier-uploads-dev/private/${IDENTITY.replace(':', '%3A')}/transcripts/notifier-talk.mp4-5c0e7d3b1f2a4c6e8d9f.json`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'ASIAEXAMPLEIDENTITY/20261127/eu-west-1/s3/aws4_request',
      'X-Amz-Date': '20261127T101530Z',
      'X-Amz-Expires': String(TRANSCRIPT_LINK_EXPIRY_SECONDS),
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Security-Token': CREDENTIALS.sessionToken,
      'response-content-type': 'application/json',
      'response-content-disposition': 'attachment; filename="notifier-talk.mp4-5c0e7d3b1f2a4c6e8d9f.json"',
    });
    expect(TRANSCRIPT_LINK_EXPIRY_SECONDS).toBe(60);
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, CREDENTIALS.secretAccessKey));
    expect(url.toString()).not.toContain(encodeURIComponent(CREDENTIALS.secretAccessKey));
  });

  it('presigns against the bucket’s regional endpoint on AWS', async () => {
    // Act
    const url = new URL(await linker()(`s3://notifier-uploads-dev/${KEY}`));

    // Assess
    expect(url.host).toBe('notifier-uploads-dev.s3.eu-west-1.amazonaws.com');
    expect(url.protocol).toBe('https:');
    expect(url.searchParams.get('X-Amz-Signature')).toBe(expectedSignature(url, CREDENTIALS.secretAccessKey));
  });

  it.each([
    ['another identity’s folder', `s3://notifier-uploads-dev/private/eu-west-1:someone-else/transcripts/x.json`],
    ['the backend-only transcripts bucket', 's3://notifier-transcripts-dev/transcripts/notifier-talk.mp4-1.json'],
    ['a location that is not s3://', 'https://example.com/x.json'],
  ])('refuses to sign %s', async (_what, location) => {
    // Act
    const result = linker()(location);

    // Assess
    await expect(result).rejects.toThrow(TranscriptLinkError);
    await expect(result).rejects.toThrow(`${location} is not in your private folder of notifier-uploads-dev`);
    await expect(result).rejects.toBeInstanceOf(WebError);
  });

  it('reports credentials that cannot be had as a TranscriptLinkError with the cause', async () => {
    // Prepare
    const failing = createTranscriptLinker({
      region: 'eu-west-1',
      credentials: () => Promise.reject(new Error('NotAuthorizedException: Token expired')),
      uploadsBucket: 'notifier-uploads-dev',
      identityId: IDENTITY,
    });

    // Act
    const result = failing(`s3://notifier-uploads-dev/${KEY}`);

    // Assess
    await expect(result).rejects.toThrow(`Cannot sign the link to s3://notifier-uploads-dev/${KEY}: NotAuthorizedException: Token expired`);
    await expect(result).rejects.toMatchObject({ name: 'TranscriptLinkError', cause: { message: 'NotAuthorizedException: Token expired' } });
  });
});

describe('Function: parseS3Location', () => {
  it('reads bucket and key, keeping the key as written', () => {
    // Act & Assess
    expect(parseS3Location(`s3://notifier-uploads-dev/${KEY}`)).toEqual({ bucket: 'notifier-uploads-dev', key: KEY });
    expect(parseS3Location('s3://bucket-only/')).toBeUndefined();
    expect(parseS3Location('http://x/y')).toBeUndefined();
  });
});
