import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** `@smithy/signature-v4`'s hash constructor contract, over node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  public constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  public update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export interface SignInput {
  method?: string;
  /** Path as it goes on the wire (already encoded). */
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  host?: string;
}

export interface SignCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Signs like the AWS SDK / aws-amplify do (`@smithy/signature-v4`), returning lower-cased headers. */
export async function smithySign(
  input: SignInput,
  credentials: SignCredentials,
  { region = 'us-east-1', service = 'appsync', signingDate }: { region?: string; service?: string; signingDate: Date },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256 });
  const host = input.host ?? 'localhost:4000';
  const signed = await signer.sign(
    {
      method: input.method ?? 'POST',
      protocol: 'http:',
      hostname: host.split(':')[0] as string,
      port: host.includes(':') ? Number(host.split(':')[1]) : undefined,
      path: input.path ?? '/graphql',
      query: input.query ?? {},
      headers: { host, ...(input.headers ?? {}) },
      body: input.body,
    },
    { signingDate },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** Wire form of a query object, encoded the way smithy's fetch handler builds URLs. */
export function wireQuery(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const value of Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
