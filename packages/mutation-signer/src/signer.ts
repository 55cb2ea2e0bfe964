import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, ChecksumConstructor } from './types';

/** Options of {@link createRequestSigner}. */
export interface RequestSignerOptions {
  /** The endpoint every request goes to. */
  url: URL;
  /** Region of the credential scope. */
  region: string;
  /** SHA-256 / HMAC implementation. */
  sha256: ChecksumConstructor;
  /**
   * Service name of the credential scope.
   * @default 'appsync'
   */
  service?: string;
}

/** Signs POST requests with a JSON body for one endpoint. */
export interface RequestSigner {
  /**
   * Returns every header to send with `body` (host, content-type, x-amz-date, x-amz-security-token when the
   * credentials have a session token, authorization). `body` must be the exact bytes sent.
   */
  sign(credentials: AwsCredentialIdentity, body: Uint8Array, signingDate: Date): Promise<Record<string, string>>;
}

/** Options of {@link createSignatureV4Cache}. */
export interface SignatureV4CacheOptions {
  region: string;
  service: string;
  sha256: ChecksumConstructor;
}

/**
 * Returns the `SignatureV4` for a credentials identity, creating one only when the identity changes
 * (rotation). Smithy itself caches the derived signing key per day, region, service and identity.
 * No `x-amz-content-sha256` header (`applyChecksum: false`): AppSync does not need it, and the payload hash
 * is part of the canonical request either way.
 */
export const createSignatureV4Cache = ({ region, service, sha256 }: SignatureV4CacheOptions) => {
  let cached: { credentials: AwsCredentialIdentity; identity: string; signer: SignatureV4 } | undefined;
  return (credentials: AwsCredentialIdentity): SignatureV4 => {
    // Same object (static credentials, memoized SDK providers): no string work at all.
    if (cached?.credentials === credentials) return cached.signer;
    const identity = `${credentials.accessKeyId}\n${credentials.secretAccessKey}\n${credentials.sessionToken ?? ''}`;
    if (cached?.identity !== identity) {
      cached = {
        credentials,
        identity,
        signer: new SignatureV4({ credentials, region, service, sha256, applyChecksum: false }),
      };
    } else {
      cached.credentials = credentials;
    }
    return cached.signer;
  };
};

/**
 * Creates the SigV4 signer the client uses for its endpoint: the request parts that do not change
 * (URL, host, path) are computed once.
 *
 * @example
 * ```ts
 * const signer = createRequestSigner({ url: new URL(endpoint), region: 'eu-west-1', sha256: Sha256 });
 * const headers = await signer.sign(credentials, body, new Date());
 * ```
 */
export const createRequestSigner = (options: RequestSignerOptions): RequestSigner => {
  const { url, region, sha256 } = options;
  const signerFor = createSignatureV4Cache({ region, sha256, service: options.service ?? 'appsync' });
  const protocol = url.protocol;
  const hostname = url.hostname;
  const port = url.port ? Number(url.port) : undefined;
  // `url.host` omits the default port exactly as fetch does when it writes the Host header.
  const host = url.host;
  const path = url.pathname;
  const query = Object.fromEntries(url.searchParams);

  return {
    async sign(credentials, body, signingDate) {
      const request = new HttpRequest({
        method: 'POST',
        protocol,
        hostname,
        port,
        path,
        query,
        headers: { host, 'content-type': 'application/json' },
        body,
      });
      const signed = await signerFor(credentials).sign(request, { signingDate });
      return signed.headers;
    },
  };
};
