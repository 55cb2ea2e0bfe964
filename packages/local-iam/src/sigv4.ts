import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  LocalIamConfigError,
  MissingAuthenticationError,
  SignatureExpiredError,
  UnrecognizedClientError,
} from './errors';
import type { CredentialLookup, CredentialRecord, CredentialSource, Principal, ReceivedRequest } from './types';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Options of {@link verifySigV4Request}. */
export interface VerifySigV4Options<P = Principal> {
  /** Where access keys are looked up: a function or a credential registry. */
  credentials: CredentialSource<P>;
  /**
   * Service the credential scope must name.
   * @default 'appsync'
   */
  service?: string;
  /** Region the credential scope must name, e.g. `us-east-1`. */
  region: string;
  /**
   * Clock used for the skew and expiration checks.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * Largest accepted difference between the request date and `now`, in milliseconds.
   * @default 300000 (5 minutes, as AWS)
   */
  maxSkewMs?: number;
}

/** The parsed parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  /** Signed header names in the order given. */
  signedHeaders: string[];
  /** Hex signature as sent. */
  signature: string;
}

/**
 * Parses a SigV4 `Authorization` header value.
 *
 * @example
 * ```ts
 * const a = parseAuthorizationHeader('AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd');
 * a.accessKeyId; // 'AKID'
 * ```
 */
export function parseAuthorizationHeader(value: string): ParsedAuthorization {
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    throw new IncompleteSignatureError(
      `Authorization header must use the '${ALGORITHM}' algorithm, got '${algorithm.slice(0, 40)}'.`,
    );
  }
  const params = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params.get(k));
  if (missing.length > 0) {
    throw new IncompleteSignatureError(
      missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '),
    );
  }
  const credential = (params.get('Credential') as string).split('/');
  if (credential.length !== 5 || credential.some((c) => c.length === 0)) {
    throw new IncompleteSignatureError(
      "Authorization header's 'Credential' must be '<accessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request'.",
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  const signature = params.get('Signature') as string;
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    throw new IncompleteSignatureError("Authorization header's 'Signature' must be 64 lower-case hex digits.");
  }
  const signedHeaders = (params.get('SignedHeaders') as string).split(';');
  return { accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator, signedHeaders, signature };
}

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` plus `!'()*`). */
export function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A lone '%' is a literal character to the client that signed it; keep the raw text.
    return value;
  }
}

/**
 * Canonical URI of a raw (as received) path for non-S3 services: dot segments and empty segments
 * removed, then every segment URI-encoded once more (the client signed the already-encoded path).
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  const joined = `${leading}${segments.join('/')}${trailing}`;
  return uriEscape(joined).replace(/%2F/g, '/') || '/';
}

/** Canonical query string of a raw query (without `?`): decoded, re-encoded, sorted by key then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = uriEscape(safeDecode(eq === -1 ? part : part.slice(0, eq)));
    const value = uriEscape(safeDecode(eq === -1 ? '' : part.slice(eq + 1)));
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([key, value]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * The value of a header as SigV4 canonicalizes it (repeated values joined with ','). Only own
 * string values count: header names come from the client (`SignedHeaders=constructor;...`), so a
 * name that matches an `Object.prototype` member must read as absent, not as a function.
 */
function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  if (!Object.hasOwn(headers, name)) return undefined;
  const value = headers[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  return undefined;
}

/** Inputs of {@link buildCanonicalRequest}. */
export interface CanonicalRequestInput {
  method: string;
  /** Raw request target (path and query as received). */
  path: string;
  headers: ReceivedRequest['headers'];
  /** Lower-cased header names to include. */
  signedHeaders: string[];
  /** Hex SHA-256 of the body. */
  payloadHash: string;
}

/**
 * Builds the SigV4 canonical request of a received request.
 *
 * @example
 * ```ts
 * buildCanonicalRequest({ method: 'POST', path: '/graphql', headers, signedHeaders: ['host', 'x-amz-date'], payloadHash });
 * ```
 */
export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const q = input.path.indexOf('?');
  const rawPath = q === -1 ? input.path : input.path.slice(0, q);
  const rawQuery = q === -1 ? '' : input.path.slice(q + 1);
  const names = [...input.signedHeaders].sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${(headerValue(input.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  return [
    input.method.toUpperCase(),
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    canonicalHeaders,
    names.join(';'),
    input.payloadHash,
  ].join('\n');
}

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Computes the SigV4 signature of a canonical request (pure; exported for tests and WebSocket
 * `start` verification).
 *
 * @example
 * ```ts
 * signatureFor({ secretAccessKey, amzDate: '20260101T000000Z', region: 'us-east-1', service: 'appsync', canonicalRequest });
 * ```
 */
export function signatureFor(input: {
  secretAccessKey: string;
  amzDate: string;
  region: string;
  service: string;
  canonicalRequest: string;
}): { signature: string; stringToSign: string } {
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/${TERMINATOR}`;
  const stringToSign = [ALGORITHM, input.amzDate, scope, sha256Hex(input.canonicalRequest)].join('\n');
  const signature = createHmac('sha256', signingKey(input.secretAccessKey, day, input.region, input.service)).update(stringToSign).digest('hex');
  return { signature, stringToSign };
}

// The signing key depends only on secret, day, region and service: derive it once per combination (as
// SDK signers do) instead of four HMACs per request. Bounded, oldest entry evicted first.
const SIGNING_KEY_CACHE_SIZE = 256;
const signingKeys = new Map<string, Buffer>();

function signingKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const cacheKey = `${secretAccessKey}\n${day}\n${region}\n${service}`;
  const cached = signingKeys.get(cacheKey);
  if (cached) return cached;
  const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(day).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  const kSigning = createHmac('sha256', kService).update(TERMINATOR).digest();
  if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.delete(signingKeys.keys().next().value as string);
  signingKeys.set(cacheKey, kSigning);
  return kSigning;
}

function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE_PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== d ? undefined : date;
}

/** `YYYYMMDDTHHMMSSZ` of a date. */
export function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Header names lower-cased; values of names that differ only in case are joined with ',' (as
 * SigV4 joins repeated headers). Node already lower-cases; WebSocket `extensions.authorization`
 * objects from clients do not.
 */
function lowerCaseHeaders(headers: ReceivedRequest['headers']): ReceivedRequest['headers'] {
  // No prototype: names like `__proto__` or `constructor` are plain keys here, never inherited members.
  const out = Object.create(null) as Record<string, string | undefined>;
  for (const name of Object.keys(headers)) {
    const joined = headerValue(headers, name);
    if (joined === undefined) continue;
    const key = name.toLowerCase();
    const previous = out[key];
    out[key] = previous === undefined ? joined : `${previous},${joined}`;
  }
  return out;
}

/**
 * A credential lookup that knows exactly one access key, for a verifier that accepts a single signer (a test
 * fake, a benchmark stub); every other access key is unknown.
 *
 * @example
 * ```ts
 * verifySigV4Request(request, { region: 'eu-west-1', credentials: staticCredentials(credentials, { kind: 'test' }) });
 * ```
 */
export function staticCredentials<P>(
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  principal: P,
): CredentialLookup<P> {
  const record: CredentialRecord<P> = { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken, principal };
  return (accessKeyId) => (accessKeyId === credentials.accessKeyId ? record : undefined);
}

function resolveLookup<P>(source: CredentialSource<P>): CredentialLookup<P> {
  if (typeof source === 'function') return source;
  if (source && typeof source.lookup === 'function') return (id) => source.lookup(id);
  throw new LocalIamConfigError('credentials must be a lookup function or an object with a lookup method');
}

/**
 * Verifies a SigV4-signed request from the bytes received and returns the signer's principal;
 * throws a {@link SigV4VerificationError} subclass carrying AppSync's status and `errorType`.
 *
 * The payload hash is always recomputed from `body`; a client's `x-amz-content-sha256` header is
 * only ever a signed header like any other.
 *
 * @example
 * ```ts
 * const principal = verifySigV4Request(
 *   { method: req.method, path: req.url, headers: req.headersDistinct, body },
 *   { credentials: registry, region: 'us-east-1' },
 * );
 * ```
 */
export function verifySigV4Request<P = Principal>(request: ReceivedRequest, options: VerifySigV4Options<P>): P {
  if (!options.region) throw new LocalIamConfigError('region is required');
  const service = options.service ?? 'appsync';
  const now = (options.now ?? (() => new Date()))();
  const maxSkewMs = options.maxSkewMs ?? 5 * 60 * 1000;
  const lookup = resolveLookup(options.credentials);
  const headers = lowerCaseHeaders(request.headers);

  const authorization = headerValue(headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') throw new MissingAuthenticationError();
  const auth = parseAuthorizationHeader(authorization);

  const amzDateHeader = headerValue(headers, 'x-amz-date');
  const httpDateHeader = headerValue(headers, 'date');
  let signedAt: Date | undefined;
  let amzDate: string;
  let dateHeaderName: string;
  if (amzDateHeader !== undefined) {
    dateHeaderName = 'x-amz-date';
    signedAt = parseAmzDate(amzDateHeader.trim());
    if (!signedAt) {
      throw new IncompleteSignatureError(`Date must be in ISO-8601 'basic format'. Got '${amzDateHeader}'.`);
    }
    amzDate = amzDateHeader.trim();
  } else if (httpDateHeader !== undefined) {
    dateHeaderName = 'date';
    const parsed = new Date(httpDateHeader);
    if (Number.isNaN(parsed.getTime())) {
      throw new IncompleteSignatureError(`Date header is not a valid HTTP date. Got '${httpDateHeader}'.`);
    }
    signedAt = parsed;
    amzDate = toAmzDate(parsed);
  } else {
    throw new IncompleteSignatureError("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }

  for (const required of ['host', dateHeaderName]) {
    if (!auth.signedHeaders.includes(required)) {
      throw new IncompleteSignatureError(`'${required}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }
  for (const name of auth.signedHeaders) {
    if (name !== name.toLowerCase() || name === '') {
      throw new IncompleteSignatureError(`SignedHeaders must be lower-case header names, got '${name}'.`);
    }
  }

  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    throw new InvalidSignatureError(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${dateHeaderName === 'date' ? 'Date' : 'X-Amz-Date'}'.`,
    );
  }
  if (auth.scopeRegion !== options.region) {
    throw new InvalidSignatureError(`Credential should be scoped to a valid region, not '${auth.scopeRegion}'. `);
  }
  if (auth.scopeService !== service) {
    throw new InvalidSignatureError(`Credential should be scoped to correct service: '${service}'. `);
  }
  if (auth.scopeTerminator !== TERMINATOR) {
    throw new InvalidSignatureError(
      `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${auth.scopeTerminator}'. `,
    );
  }

  const skew = signedAt.getTime() - now.getTime();
  const minutes = `${Math.round(maxSkewMs / 60000)} min.`;
  if (skew < -maxSkewMs) {
    throw new SignatureExpiredError(
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(new Date(now.getTime() - maxSkewMs))} (${toAmzDate(now)} - ${minutes})`,
      signedAt,
    );
  }
  if (skew > maxSkewMs) {
    throw new SignatureExpiredError(
      `Signature not yet current: ${amzDate} is still later than ${toAmzDate(new Date(now.getTime() + maxSkewMs))} (${toAmzDate(now)} + ${minutes})`,
      signedAt,
    );
  }

  const record = lookup(auth.accessKeyId);
  if (!record) throw new UnrecognizedClientError('unknown-access-key');
  const token = headerValue(headers, 'x-amz-security-token');
  if (record.sessionToken !== undefined) {
    if (token === undefined) throw new UnrecognizedClientError('missing-security-token');
    if (!constantTimeEqual(token, record.sessionToken)) throw new UnrecognizedClientError('security-token-mismatch');
  } else if (token !== undefined) {
    throw new UnrecognizedClientError('security-token-mismatch');
  }

  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    path: request.path,
    headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: sha256Hex(request.body),
  });
  const { signature, stringToSign } = signatureFor({
    secretAccessKey: record.secretAccessKey,
    amzDate,
    region: auth.scopeRegion,
    service: auth.scopeService,
    canonicalRequest,
  });
  if (!constantTimeEqual(signature, auth.signature)) {
    throw new InvalidSignatureError(
      `${MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`,
      { canonicalRequest, stringToSign },
    );
  }

  // Checked after the signature so that only the key's holder learns the credentials expired.
  if (record.expiration !== undefined && now.getTime() >= record.expiration.getTime()) {
    throw new ExpiredTokenError(record.expiration);
  }
  return record.principal;
}

function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
