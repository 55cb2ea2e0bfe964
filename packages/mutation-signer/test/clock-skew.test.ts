import { verifySigV4Request } from '@notifier/local-iam';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AppSyncHttpError,
  ClockSkew,
  createAppSyncClient,
  createAppSyncRequestSigner,
  isClockSkewError,
  SignerConfigError,
} from '../src';
import { fakeFetch, json } from './helpers/fake-fetch';
import { failureOf } from './helpers/failure';
import { DATASET_INPUT, ENDPOINT, NOTIFY_DATASET_REFRESHED, STATIC_CREDENTIALS } from './helpers/fixtures';
import { REGION, ROLE, useVerifyingAppSync } from './helpers/verifying-appsync';

const TEN_MINUTES = 10 * 60 * 1000;
// The Date header has whole seconds and the response takes a moment to arrive.
const TOLERANCE_MS = 3000;

describe('Class: ClockSkew', () => {
  const T0 = Date.parse('2026-11-27T14:00:00.000Z');

  it('starts at the given offset and adds it to local times', () => {
    // Prepare
    const skew = new ClockSkew({ offsetMs: -1500 });

    // Act
    const server = skew.serverTime(T0);

    // Assess
    expect(skew.offsetMs).toBe(-1500);
    expect(server).toBe(T0 - 1500);
    expect(new ClockSkew().offsetMs).toBe(0);
  });

  it('learns the offset from a Date header that is off by at least the threshold', () => {
    // Prepare
    const skew = new ClockSkew();

    // Act
    const changed = skew.updateFromDateHeader(new Date(T0 + TEN_MINUTES).toUTCString(), T0);

    // Assess
    expect(changed).toBe(true);
    expect(skew.offsetMs).toBe(TEN_MINUTES);
  });

  it('returns to zero when the local clock has been fixed', () => {
    // Prepare
    const skew = new ClockSkew({ offsetMs: TEN_MINUTES });

    // Act
    const changed = skew.updateFromDateHeader(new Date(T0).toUTCString(), T0);

    // Assess
    expect(changed).toBe(true);
    expect(skew.offsetMs).toBe(0);
  });

  it.each([
    ['no header', null],
    ['an unparseable header', 'yesterday'],
    ['a header within the threshold of the current offset', new Date(T0 + 30_000).toUTCString()],
  ])('keeps the offset for %s', (_case, header) => {
    // Prepare
    const skew = new ClockSkew();

    // Act
    const changed = skew.updateFromDateHeader(header, T0);

    // Assess
    expect(changed).toBe(false);
    expect(skew.offsetMs).toBe(0);
  });

  it.each([
    ['a non-finite offset', { offsetMs: Number.NaN }],
    ['a negative threshold', { thresholdMs: -1 }],
  ])('throws SignerConfigError for %s', (_case, options) => {
    // Act & Assess
    expect(() => new ClockSkew(options)).toThrow(SignerConfigError);
  });
});

describe('Function: isClockSkewError', () => {
  const httpError = (status: number, errorType: string, message: string) =>
    new AppSyncHttpError({ status, errorType, message, bodySnippet: '', errors: [{ errorType, message }] });

  it.each([
    [
      '403 InvalidSignatureException "Signature expired" (AppSync)',
      httpError(403, 'InvalidSignatureException', 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)'),
      true,
    ],
    [
      '401 UnauthorizedException "Signature not yet current"',
      httpError(401, 'UnauthorizedException', 'Signature not yet current: 20260101T002000Z is still later than 20260101T001500Z (20260101T001000Z + 5 min.)'),
      true,
    ],
    [
      '400 BadRequestException "Signature expired" (local AppSync)',
      httpError(400, 'BadRequestException', 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)'),
      true,
    ],
    ['403 RequestTimeTooSkewed', httpError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'), true],
    ['403 InvalidSignatureException for a wrong secret', httpError(403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'), false],
    ['401 UnauthorizedException without a date complaint', httpError(401, 'UnauthorizedException', 'Valid authorization header not provided.'), false],
    ['500 with a date complaint', httpError(500, 'InternalFailure', 'Signature expired'), false],
    ['a plain Error', new Error('Signature expired'), false],
  ])('recognises %s: %p', (_case, error, expected) => {
    // Act & Assess
    expect(isClockSkewError(error)).toBe(expected);
  });
});

describe('Class: AppSyncClient with a skewed local clock against a verifying server', () => {
  const appsync = useVerifyingAppSync();

  it.each([
    ['10 minutes behind', -TEN_MINUTES],
    ['10 minutes ahead', TEN_MINUTES],
  ])('corrects a clock %s from the rejection and keeps the offset for later calls', async (_case, localError) => {
    // Prepare
    const client = createAppSyncClient({
      url: appsync.url,
      region: REGION,
      credentials: appsync.registry.mintForRole(ROLE),
      clock: () => Date.now() + localError,
      // The correction needs no retry budget: it is a re-signing, not a retry of a failure.
      retry: { maxAttempts: 1 },
    });

    // Act
    const first = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));
    const afterFirst = appsync.server.requests.map((r) => [r.outcome, r.status]);
    const second = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(first.outcome).toBe('delivered');
    expect(second.outcome).toBe('delivered');
    expect(afterFirst).toEqual([
      ['rejected', 400],
      ['verified', 200],
    ]);
    expect(appsync.server.requests[0]?.error?.name).toBe('SignatureExpiredError');
    expect(appsync.server.requests).toHaveLength(3);
    expect(Math.abs(client.clockSkew.offsetMs + localError)).toBeLessThan(TOLERANCE_MS);
  });

  it('shares the learnt offset with a request signer', async () => {
    // Prepare
    const credentials = appsync.registry.mintForRole(ROLE);
    const clock = () => Date.now() - TEN_MINUTES;
    const client = createAppSyncClient({ url: appsync.url, region: REGION, credentials, clock });
    await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));
    const signer = createAppSyncRequestSigner({ region: REGION, credentials, clock, clockSkew: client.clockSkew });
    const body = '{}';

    // Act
    const headers = await signer.sign({ url: `${appsync.url}/connect`, body });

    // Assess
    const principal = verifySigV4Request(
      { method: 'POST', path: '/graphql/connect', headers, body },
      { credentials: appsync.registry, region: REGION },
    );
    expect(principal).toMatchObject({ kind: 'role', roleName: 'BulkLoadNoticeRole' });
  });

  it('signs with a configured offset from the first request', async () => {
    // Prepare
    const client = createAppSyncClient({
      url: appsync.url,
      region: REGION,
      credentials: appsync.registry.mintForRole(ROLE),
      clock: () => Date.now() - TEN_MINUTES,
      clockSkew: new ClockSkew({ offsetMs: TEN_MINUTES }),
    });

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(appsync.server.requests.map((r) => r.outcome)).toEqual(['verified']);
  });
});

describe('Class: AppSyncClient clock-skew correction limits', () => {
  let server: Server;
  let url: string;
  let received = 0;

  // AppSync's answer to a request signed with a date more than 5 minutes from its own, every time.
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received += 1;
        res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'InvalidSignatureException' });
        res.end(
          JSON.stringify({
            errors: [
              {
                errorType: 'InvalidSignatureException',
                message: 'Signature expired: 20261127T135000Z is now earlier than 20261127T135500Z (20261127T140000Z - 5 min.)',
              },
            ],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  beforeEach(() => {
    received = 0;
  });

  it('re-signs once per call and then throws the rejection', async () => {
    // Prepare
    const client = createAppSyncClient({
      url,
      region: REGION,
      credentials: STATIC_CREDENTIALS,
      clock: () => Date.now() - TEN_MINUTES,
      sleep: async () => {},
    });

    // Act
    const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

    // Assess
    expect(error).toBeInstanceOf(AppSyncHttpError);
    expect(error).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    expect(received).toBe(2);
    expect(Math.abs(client.clockSkew.offsetMs - TEN_MINUTES)).toBeLessThan(TOLERANCE_MS);
  });

  it('does not re-sign when the server clock agrees with the corrected one', async () => {
    // Prepare
    const client = createAppSyncClient({
      url,
      region: REGION,
      credentials: STATIC_CREDENTIALS,
      clockSkew: new ClockSkew(),
    });

    // Act
    const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

    // Assess
    expect(error).toBeInstanceOf(AppSyncHttpError);
    expect(received).toBe(1);
    expect(client.clockSkew.offsetMs).toBe(0);
  });

  it('does not re-sign without a Date header', async () => {
    // Prepare
    const expired = json(403, {
      errors: [{ errorType: 'InvalidSignatureException', message: 'Signature expired: 20261127T135000Z is now earlier than 20261127T135500Z (20261127T140000Z - 5 min.)' }],
    });
    const fake = fakeFetch(expired);
    const client = createAppSyncClient({ url: ENDPOINT, credentials: STATIC_CREDENTIALS, fetch: fake.fetch });

    // Act
    const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

    // Assess
    expect(error).toBeInstanceOf(AppSyncHttpError);
    expect(fake.calls).toHaveLength(1);
  });

  it('throws SignerConfigError for a clockSkew that is not a ClockSkew', () => {
    // Act & Assess
    expect(() =>
      createAppSyncClient({ url: ENDPOINT, credentials: STATIC_CREDENTIALS, clockSkew: { offsetMs: 5 } as never }),
    ).toThrow(SignerConfigError);
  });
});
