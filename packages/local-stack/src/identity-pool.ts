import { createPublicKey, randomUUID, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Temporary credentials handed to an identity, as the identity pool's role would get them from STS. */
export interface IdentityCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** What the stand-in knows of the signed-in identity it mints credentials for. */
export interface PoolIdentity {
  identityId: string;
  identityPoolId: string;
  /** The user-pool `sub` the identity belongs to. */
  sub: string;
  /** AppSync's `cognitoIdentityAuthProvider` form: `<provider>,<provider>:CognitoSignIn:<sub>`. */
  authProvider: string;
}

/** Options of {@link startIdentityPool}. */
export interface IdentityPoolOptions {
  identityPoolId: string;
  region: string;
  /**
   * User pools federated by the identity pool, by provider name (`cognito-idp.<region>.amazonaws.com/<poolId>`):
   * the app client ids accepted as `aud`, the tokens' `iss`, and where the signing keys are.
   *
   * A login is accepted under the provider name, and under the issuer without its scheme: that is the key
   * clients derive from the token (Amplify's `fetchAuthSession` keys `Logins` by `iss` minus `https://`),
   * which is the provider name on AWS but `127.0.0.1:<port>/<poolId>` for a local user pool.
   */
  providers: Record<string, { clientIds: string[]; issuer: string; jwksUrl: string }>;
  /** Mints credentials for the authenticated role with this identity (the local AppSync's registry). */
  mintCredentials: (identity: PoolIdentity) => Promise<IdentityCredentials> | IdentityCredentials;
  /**
   * Clock, for token expiry checks.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * fetch used to read the user pool's JWKS.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/** A running identity-pool stand-in. */
export interface IdentityPool {
  /** `http://127.0.0.1:<port>`: the `CognitoIdentity` endpoint (`fromCognitoIdentityPool`, Amplify's `identityPoolEndpoint`). */
  endpoint: string;
  /** identity ids handed out so far, by user-pool sub. */
  identities(): ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

class ServiceError extends Error {
  public constructor(public readonly type: string, message: string, public readonly status = 400) {
    super(message);
    this.name = type;
  }
}

/**
 * A small stand-in for Cognito identity pools: `GetId` and `GetCredentialsForIdentity` over AWS JSON 1.1
 * (unsigned calls, as the real service takes them), verifying the user-pool ID token (RS256 against the
 * pool's JWKS, issuer, audience, expiry, `token_use`) and returning credentials minted for the
 * authenticated role with that identity. Unauthenticated identities are not offered, as deployed.
 *
 * @example
 * const identityPool = await startIdentityPool({ identityPoolId, region, providers, mintCredentials });
 */
export async function startIdentityPool(options: IdentityPoolOptions): Promise<IdentityPool> {
  const now = options.now ?? (() => new Date());
  const fetchJson = options.fetch ?? globalThis.fetch;
  const identitiesBySub = new Map<string, string>();
  const keyCache = new Map<string, Promise<Map<string, KeyObject>>>();
  const providerByLoginKey = new Map<string, string>();
  for (const [name, config] of Object.entries(options.providers)) {
    providerByLoginKey.set(config.issuer.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''), name);
  }
  for (const name of Object.keys(options.providers)) providerByLoginKey.set(name, name);

  async function keysFor(jwksUrl: string): Promise<Map<string, KeyObject>> {
    let keys = keyCache.get(jwksUrl);
    if (!keys) {
      keys = fetchJson(jwksUrl)
        .then((res) => res.json() as Promise<{ keys: Array<JsonWebKey & { kid: string }> }>)
        .then((body) => new Map(body.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })])));
      keyCache.set(jwksUrl, keys);
      keys.catch(() => keyCache.delete(jwksUrl));
    }
    return keys;
  }

  async function verifyLogins(logins: unknown): Promise<{ provider: string; sub: string }> {
    if (logins === null || typeof logins !== 'object' || Object.keys(logins).length === 0) {
      throw new ServiceError('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.');
    }
    const entries = Object.entries(logins as Record<string, unknown>);
    if (entries.length !== 1) throw new ServiceError('InvalidParameterException', 'Exactly one login provider is supported.');
    const [loginKey, token] = entries[0] as [string, unknown];
    const provider = providerByLoginKey.get(loginKey);
    const config = provider === undefined ? undefined : options.providers[provider];
    if (provider === undefined || !config) {
      throw new ServiceError('NotAuthorizedException', `Invalid login token. Provider ${loginKey} is not configured for this identity pool.`);
    }
    if (typeof token !== 'string') throw new ServiceError('NotAuthorizedException', 'Invalid login token. Not a valid OpenId Connect identity token.');
    const [headerPart, payloadPart, signaturePart] = token.split('.');
    if (!headerPart || !payloadPart || !signaturePart) {
      throw new ServiceError('NotAuthorizedException', 'Invalid login token. Not a valid OpenId Connect identity token.');
    }
    let header: { kid?: string; alg?: string };
    let claims: { iss?: string; aud?: string; exp?: number; sub?: string; token_use?: string };
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
    } catch {
      throw new ServiceError('NotAuthorizedException', 'Invalid login token. Not a valid OpenId Connect identity token.');
    }
    const key = header.alg === 'RS256' && header.kid ? (await keysFor(config.jwksUrl)).get(header.kid) : undefined;
    const signed = key && verify('RSA-SHA256', Buffer.from(`${headerPart}.${payloadPart}`), key, Buffer.from(signaturePart, 'base64url'));
    if (!signed) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Token signature invalid.');
    if (claims.iss !== config.issuer) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Issuer mismatch.');
    if (!claims.aud || !config.clientIds.includes(claims.aud)) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Incorrect token audience.');
    if (claims.token_use !== 'id') throw new ServiceError('NotAuthorizedException', 'Invalid login token. Not an identity token.');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now().getTime()) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Token expired.');
    if (!claims.sub) throw new ServiceError('NotAuthorizedException', 'Invalid login token. Missing sub.');
    return { provider, sub: claims.sub };
  }

  function checkPool(identityPoolId: unknown): void {
    if (identityPoolId !== options.identityPoolId) {
      throw new ServiceError('ResourceNotFoundException', `IdentityPool '${String(identityPoolId)}' not found.`);
    }
  }

  const operations: Record<string, (input: Record<string, unknown>) => Promise<unknown>> = {
    async GetId(input) {
      checkPool(input.IdentityPoolId);
      const { sub } = await verifyLogins(input.Logins);
      let identityId = identitiesBySub.get(sub);
      if (!identityId) {
        identityId = `${options.region}:${randomUUID()}`;
        identitiesBySub.set(sub, identityId);
      }
      return { IdentityId: identityId };
    },
    async GetCredentialsForIdentity(input) {
      const { provider, sub } = await verifyLogins(input.Logins);
      const identityId = identitiesBySub.get(sub);
      if (typeof input.IdentityId !== 'string' || !/^[\w-]+:[0-9a-f-]+$/.test(input.IdentityId)) {
        throw new ServiceError('InvalidParameterException', '1 validation error detected: Value at \'identityId\' failed to satisfy constraint');
      }
      if (identityId !== input.IdentityId) {
        throw new ServiceError('NotAuthorizedException', 'Invalid login token. The identity does not belong to this login.');
      }
      const credentials = await options.mintCredentials({
        identityId,
        identityPoolId: options.identityPoolId,
        sub,
        authProvider: `${provider},${provider}:CognitoSignIn:${sub}`,
      });
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          // AWS JSON 1.1 timestamps are epoch seconds.
          Expiration: Math.floor(credentials.expiration.getTime() / 1000),
        },
      };
    },
  };

  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Browsers (Amplify in the web page) call this endpoint cross-origin.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'POST, OPTIONS');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [service, operation] = target.split('.');
      const run = service === 'AWSCognitoIdentityService' && operation ? operations[operation] : undefined;
      if (req.method !== 'POST' || !run) throw new ServiceError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let input: unknown;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        throw new ServiceError('SerializationException', 'Request body is not valid JSON');
      }
      if (input === null || typeof input !== 'object') throw new ServiceError('SerializationException', 'Request body must be a JSON object');
      const output = await run(input as Record<string, unknown>);
      send(res, 200, output);
    } catch (error) {
      const serviceError = error instanceof ServiceError ? error : new ServiceError('InternalErrorException', String(error), 500);
      send(res, serviceError.status, { __type: serviceError.type, message: serviceError.message }, serviceError.type);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    identities: () => identitiesBySub,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}
