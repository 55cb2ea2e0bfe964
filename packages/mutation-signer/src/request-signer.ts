import { Sha256 } from '#sha256';
import { HttpRequest } from '@smithy/protocol-http';
import { resolveClockSkew, type ClockSkew } from './clock-skew';
import { parseEndpoint, resolveCredentialProvider, type Environment } from './config';
import { SignerConfigError } from './errors';
import { createSignatureV4Cache } from './signer';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, ChecksumConstructor } from './types';

/** Options of {@link createAppSyncRequestSigner}. */
export interface AppSyncRequestSignerOptions {
  /** Region of the credential scope. */
  region: string;
  /**
   * Static credentials or an AWS SDK v3 credential provider (called for every request that does not
   * bring its own `credentials`).
   * @default the Lambda environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`)
   */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * SHA-256 implementation.
   * @default node:crypto, or `@aws-crypto/sha256-js` under the `browser` condition
   */
  sha256?: ChecksumConstructor;
  /**
   * Service name of the credential scope.
   * @default 'appsync'
   */
  service?: string;
  /**
   * Current time in epoch milliseconds; the signing date is this plus `clockSkew`'s offset.
   * @default Date.now
   */
  clock?: () => number;
  /**
   * Offset between the server's clock and the local one. Pass an AppSync client's `clockSkew` so that a
   * correction it learnt from a refused request also applies here.
   * @default a new `ClockSkew` (offset 0)
   */
  clockSkew?: ClockSkew;
}

/** One request to sign: always a POST. */
export interface AppSyncRequestToSign {
  /** Full URL, e.g. `<graphql url>/connect` for a real-time connect or the GraphQL URL for a `start`. */
  url: string;
  /** The exact body (a string is signed as its UTF-8 bytes). */
  body: string | Uint8Array;
  /**
   * Headers to sign besides `host` (names lower-cased).
   * @default { 'content-type': 'application/json' }
   */
  headers?: Record<string, string>;
  /**
   * Credentials for this request only, for callers that manage refresh themselves.
   * @default the signer's `credentials`
   */
  credentials?: AwsCredentialIdentity;
}

/** Signs arbitrary AppSync POST requests. */
export interface AppSyncRequestSigner {
  /**
   * Returns the headers of the signed request: the given ones, `host`, `x-amz-date`,
   * `x-amz-security-token` (temporary credentials) and `authorization`.
   */
  sign(request: AppSyncRequestToSign): Promise<Record<string, string>>;
}

const processEnv = (): Environment => (typeof process === 'undefined' ? {} : process.env);

/**
 * Creates a SigV4 signer for any AppSync request, such as the real-time protocol's signed `connect`
 * (POST `<graphql url>/connect`, body `{}`) and `start` (POST to the GraphQL URL, body the
 * subscription's `data` string), whose headers travel inside the WebSocket messages instead of an
 * HTTP request. Same `@smithy/signature-v4` setup as {@link createAppSyncClient}: no
 * `x-amz-content-sha256` header, one `SignatureV4` kept per credentials identity.
 *
 * @example
 * ```ts
 * const signer = createAppSyncRequestSigner({ region: 'eu-west-1', credentials });
 * const authorization = await signer.sign({
 *   url: `${graphqlUrl}/connect`,
 *   body: '{}',
 *   headers: { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' },
 * });
 * ```
 */
export const createAppSyncRequestSigner = (options: AppSyncRequestSignerOptions): AppSyncRequestSigner => {
  if (typeof options !== 'object' || options === null) {
    throw new SignerConfigError('AppSync request signer: options are required ({ region })');
  }
  const { region } = options;
  if (typeof region !== 'string' || region.trim() === '') {
    throw new SignerConfigError('AppSync request signer: `region` is required');
  }
  const service = options.service ?? 'appsync';
  const sha256 = options.sha256 ?? Sha256;
  const clock = options.clock ?? Date.now;
  const clockSkew = resolveClockSkew(options.clockSkew, 'AppSync request signer');
  // Resolved lazily: a caller that always passes per-request credentials needs no default source.
  let provider: AwsCredentialIdentityProvider | undefined;
  const defaultCredentials = (): Promise<AwsCredentialIdentity> => {
    provider ??= resolveCredentialProvider(options.credentials, processEnv());
    return provider();
  };

  const signerFor = createSignatureV4Cache({ region, service, sha256 });

  return {
    async sign(request) {
      const url = parseEndpoint(request.url);
      const credentials = request.credentials ?? (await defaultCredentials());
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers ?? { 'content-type': 'application/json' })) {
        headers[name.toLowerCase()] = value;
      }
      headers.host = url.host;
      const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
      const signed = await signerFor(credentials).sign(
        new HttpRequest({
          method: 'POST',
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          body,
        }),
        { signingDate: new Date(clockSkew.serverTime(clock())) },
      );
      return signed.headers;
    },
  };
};
