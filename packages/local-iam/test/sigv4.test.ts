import {
  ExpiredTokenError,
  IncompleteSignatureError,
  InvalidSignatureError,
  MissingAuthenticationError,
  SignatureExpiredError,
  UnrecognizedClientError,
  buildCanonicalRequest,
  sha256Hex,
  signatureFor,
  staticCredentials,
  toAppSyncErrorResponse,
  verifySigV4Request,
  type CredentialRecord,
  type ReceivedRequest,
  type RolePrincipal,
  type VerifySigV4Options,
} from '../src';
import { smithySign, wireQuery } from './helpers/sign';

const SIGNING_DATE = new Date('2026-03-14T09:26:53Z');
const NOW = () => new Date(SIGNING_DATE.getTime() + 1_000);
const PRINCIPAL: RolePrincipal = {
  kind: 'role',
  accountId: '111122223333',
  roleName: 'ImageTaggerRole',
  roleArn: 'arn:aws:iam::111122223333:role/ImageTaggerRole',
  roleId: 'AROAEXAMPLEROLEID0001',
  sessionName: 'image-tagger',
  userArn: 'arn:aws:sts::111122223333:assumed-role/ImageTaggerRole/image-tagger',
  user: 'AROAEXAMPLEROLEID0001:image-tagger',
};
const TEMP = {
  accessKeyId: 'ASIAEXAMPLETEMPKEY01',
  secretAccessKey: 'tempSecret/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN==',
};
const LONG_TERM = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function records(): Map<string, CredentialRecord<RolePrincipal>> {
  return new Map([
    [TEMP.accessKeyId, { secretAccessKey: TEMP.secretAccessKey, sessionToken: TEMP.sessionToken, expiration: new Date('2026-03-14T10:00:00Z'), principal: PRINCIPAL }],
    [LONG_TERM.accessKeyId, { secretAccessKey: LONG_TERM.secretAccessKey, principal: PRINCIPAL }],
  ]);
}

const options = (over: Partial<VerifySigV4Options<RolePrincipal>> = {}): VerifySigV4Options<RolePrincipal> => {
  const table = records();
  return { credentials: (id: string) => table.get(id), region: 'us-east-1', now: NOW, ...over };
};

const BODY = JSON.stringify({ query: 'mutation N($input: ImageTaggedInput!) { notifyImageTagged(input: $input) { id } }', variables: { input: { key: 'cat ☕.jpg' } } });

async function signedRequest(over: { path?: string; query?: Record<string, string | string[]>; headers?: Record<string, string>; body?: string; creds?: typeof TEMP | typeof LONG_TERM; date?: Date; region?: string; service?: string } = {}): Promise<ReceivedRequest> {
  const path = over.path ?? '/graphql';
  const body = over.body ?? BODY;
  const headers = await smithySign(
    { path, query: over.query, headers: { 'content-type': 'application/json', ...(over.headers ?? {}) }, body },
    over.creds ?? TEMP,
    { signingDate: over.date ?? SIGNING_DATE, region: over.region, service: over.service },
  );
  return { method: 'POST', path: `${path}${wireQuery(over.query ?? {})}`, headers, body: new TextEncoder().encode(body) };
}

describe('Function: verifySigV4Request', () => {
  describe('accepting requests signed by @smithy/signature-v4', () => {
    const cases: Array<[string, Parameters<typeof signedRequest>[0]]> = [
      ['a POST /graphql with temporary credentials', {}],
      ['long-term credentials without a session token', { creds: LONG_TERM }],
      ['a sorted, repeated and reserved-character query', { query: { b: ['2', '1'], a: 'x y/z', 'c*': "it's" } }],
      ['an already-encoded path segment', { path: '/graphql/a%20b' }],
      ['a path with an encoded unicode segment', { path: '/graphql/%E1%88%B4' }],
      ['extra signed headers with inner whitespace', { headers: { 'x-amz-user-agent': 'aws-amplify/6.0   api/1', accept: '*/*' } }],
      ['an empty body', { body: '' }],
      ['the realtime connect path and {} body', { path: '/graphql/connect', body: '{}' }],
    ];
    it.each(cases)('accepts %s', async (_name, over) => {
      // Prepare
      const request = await signedRequest(over);

      // Act
      const principal = verifySigV4Request(request, options());

      // Assess
      expect(principal).toEqual(PRINCIPAL);
    });

    it('accepts a registry-like object with a lookup method', async () => {
      // Prepare
      const table = records();
      const request = await signedRequest();

      // Act
      const principal = verifySigV4Request<RolePrincipal>(request, { credentials: { lookup: (id: string) => table.get(id) }, region: 'us-east-1', now: NOW });

      // Assess
      expect(principal.userArn).toBe(PRINCIPAL.userArn);
    });

    it('accepts the one signer a staticCredentials lookup knows, and no other', async () => {
      // Prepare
      const lookup = staticCredentials(TEMP, PRINCIPAL);
      const known = await signedRequest();
      const other = await signedRequest({ creds: LONG_TERM });

      // Act
      const principal = verifySigV4Request<RolePrincipal>(known, { credentials: lookup, region: 'us-east-1', now: NOW });
      const refused = (): unknown => verifySigV4Request<RolePrincipal>(other, { credentials: lookup, region: 'us-east-1', now: NOW });

      // Assess
      expect(principal).toEqual(PRINCIPAL);
      expect(refused).toThrow(UnrecognizedClientError);
    });

    it('accepts a string body and array-valued headers joined as Node joins them', async () => {
      // Prepare
      const request = await signedRequest({ headers: { 'x-amz-meta': 'a,b' } });
      const headers = { ...request.headers, 'x-amz-meta': ['a', 'b'] };

      // Act
      const principal = verifySigV4Request({ ...request, headers, body: BODY }, options());

      // Assess
      expect(principal.kind).toBe('role');
    });

    it('accepts mixed-case header names as a WebSocket start message carries them', async () => {
      // Prepare
      const request = await signedRequest();
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k === 'authorization' ? 'Authorization' : k === 'x-amz-security-token' ? 'X-Amz-Security-Token' : k, v]),
      );

      // Act
      const principal = verifySigV4Request({ ...request, headers }, options());

      // Assess
      expect(principal).toEqual(PRINCIPAL);
    });
  });

  describe('a fixed vector', () => {
    it('verifies the exact Authorization header smithy produces for fixed credentials and date', () => {
      // Prepare: produced once by @smithy/signature-v4 5.x for LONG_TERM, SIGNING_DATE, us-east-1/appsync.
      const request: ReceivedRequest = {
        method: 'POST',
        path: '/graphql',
        headers: {
          host: 'localhost:4000',
          'content-type': 'application/json',
          'x-amz-date': '20260314T092653Z',
          'x-amz-content-sha256': '64d4ae404c393f3916a308845f1df6e2ccd4243d889d3883f9b2dd7da9d31114',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/appsync/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=1b4b9f2daffda96f350cb717cc7a60c9d990c48fc636e7475827a4a7a10dbf7c',
        },
        body: '{"query":"{ me { id } }"}',
      };

      // Act
      const principal = verifySigV4Request(request, options());

      // Assess
      expect(principal).toEqual(PRINCIPAL);
    });

    it('matches the signature smithy computes for the same request', async () => {
      // Prepare
      const headers = await smithySign({ path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' }, LONG_TERM, { signingDate: SIGNING_DATE });

      // Act
      const authorization = headers.authorization;

      // Assess
      expect(authorization).toBe(
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/appsync/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=1b4b9f2daffda96f350cb717cc7a60c9d990c48fc636e7475827a4a7a10dbf7c',
      );
    });
  });

  describe('the AWS SigV4 test suite', () => {
    // aws-sig-v4-test-suite: credentials AKIDEXAMPLE, us-east-1, service "service", 20150830T123600Z.
    const suite: Array<[string, string, string, string]> = [
      ['get-vanilla', 'GET', '/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
      ['post-vanilla', 'POST', '/', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
      ['get-vanilla-query-order-key-case', 'GET', '/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
      ['get-vanilla-query-order-value', 'GET', '/?Param1=value2&Param1=value1', '5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694'],
      ['get-unreserved', 'GET', '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f'],
      ['get-slashes', 'GET', '//example//', '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84'],
      ['get-slash-pointless-dot', 'GET', '/./example', 'ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5'],
    ];
    it.each(suite)('verifies %s', (_name, method, path, signature) => {
      // Prepare
      const request: ReceivedRequest = {
        method,
        path,
        headers: {
          host: 'example.amazonaws.com',
          'x-amz-date': '20150830T123600Z',
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
        },
        body: '',
      };

      // Act
      const principal = verifySigV4Request(request, options({ service: 'service', now: () => new Date('2015-08-30T12:36:30Z') }));

      // Assess
      expect(principal).toEqual(PRINCIPAL);
    });

    it('builds the suite canonical request and string to sign for get-vanilla', () => {
      // Prepare
      const canonicalRequest = buildCanonicalRequest({
        method: 'GET',
        path: '/',
        headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
        signedHeaders: ['host', 'x-amz-date'],
        payloadHash: sha256Hex(''),
      });

      // Act
      const { stringToSign } = signatureFor({ secretAccessKey: LONG_TERM.secretAccessKey, amzDate: '20150830T123600Z', region: 'us-east-1', service: 'service', canonicalRequest });

      // Assess
      expect(canonicalRequest).toBe('GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect(stringToSign).toBe('AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63');
    });
  });

  describe('refusing tampered requests', () => {
    const tampers: Array<[string, (r: ReceivedRequest) => ReceivedRequest]> = [
      ['a changed body byte', (r) => ({ ...r, body: BODY.replace('cat', 'cab') })],
      ['an appended body byte', (r) => ({ ...r, body: `${BODY} ` })],
      ['a changed signed header', (r) => ({ ...r, headers: { ...r.headers, 'content-type': 'text/plain' } })],
      ['a changed path', (r) => ({ ...r, path: '/graphql2' })],
      ['an added query parameter', (r) => ({ ...r, path: '/graphql?x=1' })],
      ['a changed method', (r) => ({ ...r, method: 'PUT' })],
      ['a changed host', (r) => ({ ...r, headers: { ...r.headers, host: 'localhost:4001' } })],
      ['a date moved by one second', (r) => ({ ...r, headers: { ...r.headers, 'x-amz-date': '20260314T092654Z' } })],
      ['a flipped signature digit', (r) => ({ ...r, headers: { ...r.headers, authorization: String(r.headers.authorization).replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`) } })],
      ['a lying x-amz-content-sha256', (r) => ({ ...r, headers: { ...r.headers, 'x-amz-content-sha256': sha256Hex('other') }, body: 'other' })],
    ];
    it.each(tampers)('refuses %s with InvalidSignatureException', async (_name, tamper) => {
      // Prepare
      const request = tamper(await signedRequest());

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(InvalidSignatureError);
      expect(act).toThrow(/^The request signature we calculated does not match the signature you provided/);
    });

    it('does not trust a client-supplied payload hash that matches its claimed body', async () => {
      // Prepare: the client signs with x-amz-content-sha256 of one body and sends another.
      const claimed = '{"query":"{ me { id } }"}';
      const headers = await smithySign({ headers: { 'content-type': 'application/json', 'x-amz-content-sha256': sha256Hex(claimed) }, body: claimed }, TEMP, { signingDate: SIGNING_DATE });
      const request: ReceivedRequest = { method: 'POST', path: '/graphql', headers, body: BODY };

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(InvalidSignatureError);
    });

    it('refuses a request signed with the wrong secret and reports the canonical request', async () => {
      // Prepare
      const request = await signedRequest({ creds: { ...TEMP, secretAccessKey: 'wrong' } });

      // Act
      let error: unknown;
      try {
        verifySigV4Request(request, options());
      } catch (e) {
        error = e;
      }

      // Assess
      expect(error).toBeInstanceOf(InvalidSignatureError);
      const e = error as InvalidSignatureError;
      expect([e.statusCode, e.errorType]).toEqual([403, 'InvalidSignatureException']);
      expect(e.canonicalRequest?.split('\n').slice(0, 2)).toEqual(['POST', '/graphql']);
      expect(e.stringToSign?.split('\n')[2]).toBe('20260314/us-east-1/appsync/aws4_request');
    });
  });

  describe('refusing bad credentials and scope', () => {
    it('refuses an unknown access key with UnrecognizedClientException', async () => {
      // Prepare
      const request = await signedRequest({ creds: { ...TEMP, accessKeyId: 'ASIAUNKNOWN000000000' } });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(new UnrecognizedClientError('unknown-access-key'));
      expect(act).toThrow(expect.objectContaining({ statusCode: 403, errorType: 'UnrecognizedClientException', reason: 'unknown-access-key', message: 'The security token included in the request is invalid.' }));
    });

    it('refuses temporary credentials sent without their session token', async () => {
      // Prepare
      const request = await signedRequest({ creds: { accessKeyId: TEMP.accessKeyId, secretAccessKey: TEMP.secretAccessKey } });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(expect.objectContaining({ name: 'UnrecognizedClientError', reason: 'missing-security-token' }));
    });

    it('refuses a session token that belongs to other credentials', async () => {
      // Prepare
      const request = await signedRequest({ creds: { ...TEMP, sessionToken: 'someone-elses-token' } });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(expect.objectContaining({ name: 'UnrecognizedClientError', reason: 'security-token-mismatch' }));
    });

    it('refuses a session token sent with long-term credentials', async () => {
      // Prepare
      const request = await signedRequest({ creds: { ...LONG_TERM, sessionToken: 'made-up' } });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(expect.objectContaining({ reason: 'security-token-mismatch' }));
    });

    it('refuses expired credentials with ExpiredTokenException', async () => {
      // Prepare
      const date = new Date('2026-03-14T10:00:30Z');
      const request = await signedRequest({ date });

      // Act
      const act = () => verifySigV4Request(request, options({ now: () => date }));

      // Assess
      expect(act).toThrow(ExpiredTokenError);
      expect(act).toThrow(expect.objectContaining({ statusCode: 403, errorType: 'ExpiredTokenException', message: 'The security token included in the request is expired' }));
    });

    it('refuses a credential scoped to another region', async () => {
      // Prepare
      const request = await signedRequest({ region: 'eu-west-1' });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(new InvalidSignatureError("Credential should be scoped to a valid region, not 'eu-west-1'. "));
    });

    it('refuses a credential scoped to another service', async () => {
      // Prepare
      const request = await signedRequest({ service: 'execute-api' });

      // Act
      const act = () => verifySigV4Request(request, options());

      // Assess
      expect(act).toThrow(new InvalidSignatureError("Credential should be scoped to correct service: 'appsync'. "));
    });

    it('refuses a scope date that differs from X-Amz-Date', async () => {
      // Prepare
      const request = await signedRequest();
      const authorization = String(request.headers.authorization).replace('/20260314/', '/20260313/');

      // Act
      const act = () => verifySigV4Request({ ...request, headers: { ...request.headers, authorization } }, options());

      // Assess
      expect(act).toThrow(/^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260313' != '20260314', from 'X-Amz-Date'\.$/);
    });
  });

  describe('refusing skewed clocks', () => {
    it('refuses a request signed more than 5 minutes ago with AWS wording', async () => {
      // Prepare
      const request = await signedRequest();
      const now = () => new Date('2026-03-14T09:32:00Z');

      // Act
      const act = () => verifySigV4Request(request, options({ now }));

      // Assess
      expect(act).toThrow(SignatureExpiredError);
      expect(act).toThrow(
        expect.objectContaining({
          statusCode: 400,
          errorType: 'BadRequestException',
          message: 'Signature expired: 20260314T092653Z is now earlier than 20260314T092700Z (20260314T093200Z - 5 min.)',
        }),
      );
    });

    it('refuses a request signed more than 5 minutes in the future', async () => {
      // Prepare
      const request = await signedRequest();
      const now = () => new Date('2026-03-14T09:20:00Z');

      // Act
      const act = () => verifySigV4Request(request, options({ now }));

      // Assess
      expect(act).toThrow('Signature not yet current: 20260314T092653Z is still later than 20260314T092500Z (20260314T092000Z + 5 min.)');
    });

    it('accepts a request exactly at the skew limit and honours maxSkewMs', async () => {
      // Prepare
      const request = await signedRequest();
      const atLimit = () => new Date(SIGNING_DATE.getTime() + 5 * 60_000);

      // Act
      const accepted = verifySigV4Request(request, options({ now: atLimit }));
      const act = () => verifySigV4Request(request, options({ now: atLimit, maxSkewMs: 60_000 }));

      // Assess
      expect(accepted).toEqual(PRINCIPAL);
      expect(act).toThrow(/\(20260314T093153Z - 1 min\.\)$/);
    });
  });

  describe('header names that are Object.prototype members', () => {
    it.each(['constructor', '__proto__'])('refuses a signed %s header that was not sent with InvalidSignatureException', async (name) => {
      // Prepare
      const request = await signedRequest();
      const authorization = String(request.headers.authorization).replace('SignedHeaders=', `SignedHeaders=${name};`);

      // Act
      const act = () => verifySigV4Request({ ...request, headers: { ...request.headers, authorization } }, options());

      // Assess
      expect(act).toThrow(InvalidSignatureError);
      expect(act).toThrow(expect.objectContaining({ statusCode: 403, errorType: 'InvalidSignatureException' }));
    });

    it('refuses the same names when the headers come parsed from client JSON, as a WebSocket start carries them', async () => {
      // Prepare: JSON.parse makes `__proto__` an own key, as a client's extensions.authorization object has it.
      const request = await signedRequest();
      const authorization = String(request.headers.authorization).replace('SignedHeaders=', 'SignedHeaders=__proto__;constructor;');
      const headers = JSON.parse(JSON.stringify({ ...request.headers, authorization }).replace('{', '{"__proto__":{"x":1},"constructor":7,')) as ReceivedRequest['headers'];

      // Act
      const act = () => verifySigV4Request({ ...request, headers }, options());

      // Assess
      expect(act).toThrow(InvalidSignatureError);
    });

    it('accepts a header named constructor that was sent and signed', async () => {
      // Prepare
      const request = await signedRequest({ headers: { constructor: 'x' } });

      // Act
      const principal = verifySigV4Request(request, options());

      // Assess
      expect(request.headers.authorization).toContain('constructor;');
      expect(principal).toEqual(PRINCIPAL);
    });

    it('reads a non-string header value as absent', async () => {
      // Prepare
      const request = await signedRequest();
      const headers = { ...request.headers, 'x-amz-security-token': { value: 'x' } as unknown as string };

      // Act
      const act = () => verifySigV4Request({ ...request, headers }, options());

      // Assess
      expect(act).toThrow(expect.objectContaining({ errorType: 'UnrecognizedClientException' }));
    });
  });

  describe('refusing malformed authorization', () => {
    it('refuses a request without Authorization as AppSync does (401 UnauthorizedException)', async () => {
      // Prepare
      const request = await signedRequest();
      const { authorization: _dropped, ...headers } = request.headers;

      // Act
      const act = () => verifySigV4Request({ ...request, headers }, options());

      // Assess
      expect(act).toThrow(MissingAuthenticationError);
      expect(act).toThrow(expect.objectContaining({ statusCode: 401, errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }));
    });

    const malformed: Array<[string, string, RegExp]> = [
      ['another scheme', 'Bearer eyJraWQiOi', /must use the 'AWS4-HMAC-SHA256' algorithm/],
      ['no parameters', 'AWS4-HMAC-SHA256', /requires 'Credential' parameter\. .*requires 'Signature' parameter\. .*requires 'SignedHeaders' parameter\./],
      ['a short credential', 'AWS4-HMAC-SHA256 Credential=AKID/20260314/us-east-1, SignedHeaders=host;x-amz-date, Signature=' + 'a'.repeat(64), /'Credential' must be/],
      ['a non-hex signature', 'AWS4-HMAC-SHA256 Credential=AKID/20260314/us-east-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=xyz', /64 lower-case hex digits/],
      ['unsigned host', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/appsync/aws4_request, SignedHeaders=x-amz-date, Signature=${'a'.repeat(64)}`, /'host' must be a 'SignedHeader'/],
      ['unsigned date', `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/us-east-1/appsync/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`, /'x-amz-date' must be a 'SignedHeader'/],
    ];
    it.each(malformed)('refuses %s with IncompleteSignatureException', async (_name, authorization, message) => {
      // Prepare
      const request = await signedRequest();

      // Act
      const act = () => verifySigV4Request({ ...request, headers: { ...request.headers, authorization } }, options());

      // Assess
      expect(act).toThrow(IncompleteSignatureError);
      expect(act).toThrow(message);
      expect(act).toThrow(expect.objectContaining({ statusCode: 400, errorType: 'IncompleteSignatureException' }));
    });

    it('refuses a request with neither X-Amz-Date nor Date', async () => {
      // Prepare
      const request = await signedRequest();
      const { 'x-amz-date': _dropped, ...headers } = request.headers;

      // Act
      const act = () => verifySigV4Request({ ...request, headers }, options());

      // Assess
      expect(act).toThrow("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    });
  });
});

describe('Function: toAppSyncErrorResponse', () => {
  it('renders the AppSync error body and x-amzn-ErrorType header', () => {
    // Prepare
    const error = new UnrecognizedClientError('unknown-access-key');

    // Act
    const response = toAppSyncErrorResponse(error);

    // Assess
    expect(response.statusCode).toBe(403);
    expect(response.headers['x-amzn-ErrorType']).toBe('UnrecognizedClientException');
    expect(JSON.parse(response.body)).toEqual({ errors: [{ errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }] });
  });
});
