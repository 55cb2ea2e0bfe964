// Client-side SigV4 for tests, with the reference signer (@smithy/signature-v4), never the code under test.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  url: string;
  body: string;
  credentials: TestCredentials;
  region: string;
  signingDate?: Date;
  headers?: Record<string, string>;
}

/** Signs a POST the way AppSync clients do and returns the headers to send. */
export async function signPost(input: SignInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const signer = new SignatureV4({
    service: 'appsync',
    region: input.region,
    credentials: input.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      headers: { 'content-type': 'application/json; charset=UTF-8', host: url.host, ...(input.headers ?? {}) },
      body: input.body,
    },
    { signingDate: input.signingDate },
  );
  return signed.headers as Record<string, string>;
}

export interface GraphQLCallResult {
  status: number;
  body: Record<string, unknown>;
}

/** Sends a signed GraphQL POST and returns status and parsed body. */
export async function signedGraphQL(
  url: string,
  credentials: TestCredentials,
  region: string,
  request: { query: string; variables?: Record<string, unknown> },
  tamper?: { body?: (b: string) => string; signingDate?: Date },
): Promise<GraphQLCallResult> {
  const body = JSON.stringify(request);
  const headers = await signPost({ url, body, credentials, region, signingDate: tamper?.signingDate });
  delete headers.host;
  const response = await fetch(url, { method: 'POST', headers, body: tamper?.body ? tamper.body(body) : body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface TransportOptions {
  /** CA to trust for an `https:` URL (the TLS listener's own certificate). */
  ca?: string;
  /** Local address to connect from (any 127.x.y.z works on Linux's loopback). */
  localAddress?: string;
}

/**
 * Sends a signed GraphQL POST with node:http / node:https, which (unlike fetch) take a CA and a
 * local address to connect from.
 */
export async function signedGraphQLVia(
  url: string,
  credentials: TestCredentials,
  region: string,
  request: { query: string; variables?: Record<string, unknown> },
  transport: TransportOptions & { signingDate?: Date },
): Promise<GraphQLCallResult> {
  const body = JSON.stringify(request);
  const headers = await signPost({ url, body, credentials, region, signingDate: transport.signingDate });
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers, ca: transport.ca, localAddress: transport.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
