// A minimal, independent SigV4 (AWS4-HMAC-SHA256) signer on node:crypto, written straight from the
// AWS specification. Two uses: the expected values of the signature vector tests, and the baseline
// of the signing benchmark. It derives the signing key on every call (the plain algorithm, no cache).
// Scope: POST/GET requests without a query string whose path needs no escaping (AppSync's `/graphql`).
import { createHash, createHmac } from 'node:crypto';

export interface ReferenceCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ReferenceSignInput {
  method: string;
  /** Value of the Host header (`host[:port]`). */
  host: string;
  path: string;
  /** Extra headers to sign besides host, x-amz-date and x-amz-security-token (names in lower case). */
  headers: Record<string, string>;
  body: Uint8Array | string;
  credentials: ReferenceCredentials;
  region: string;
  service: string;
  date: Date;
}

export interface ReferenceSignature {
  authorization: string;
  amzDate: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
  /** Every header to send, including host, x-amz-date, x-amz-security-token and authorization. */
  headers: Record<string, string>;
}

const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** `20240102T030405Z` from a date. */
export const toAmzDate = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Derives the SigV4 signing key for a day, region and service. */
export const deriveSigningKey = (secretAccessKey: string, shortDate: string, region: string, service: string): Buffer =>
  hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, shortDate), region), service), 'aws4_request');

/** Signs a request with SigV4 using only node:crypto. */
export const referenceSign = (input: ReferenceSignInput): ReferenceSignature => {
  const amzDate = toAmzDate(input.date);
  const shortDate = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers, host: input.host, 'x-amz-date': amzDate };
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  const names = Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
  const canonicalHeaders = names.map((name) => `${name}:${String(headers[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [input.method, input.path, '', canonicalHeaders, signedHeaders, sha256Hex(input.body)].join('\n');
  const scope = `${shortDate}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = deriveSigningKey(input.credentials.secretAccessKey, shortDate, input.region, input.service);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const authorization =
    `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, amzDate, signature, signedHeaders, canonicalRequest, headers: { ...headers, authorization } };
};
