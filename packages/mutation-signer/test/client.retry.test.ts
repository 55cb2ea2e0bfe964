import {
  AppSyncHttpError,
  AppSyncTimeoutError,
  createAppSyncClient,
  DeadlineExceededError,
  type AppSyncClientOptions,
} from '../src';
import { fakeFetch, hang, json, networkError, type FetchStep } from './helpers/fake-fetch';
import { failureOf } from './helpers/failure';
import { DATASET_INPUT, ENDPOINT, NOTIFICATION, NOTIFY_DATASET_REFRESHED, TEMPORARY_CREDENTIALS } from './helpers/fixtures';

const T0 = Date.parse('2026-11-27T14:00:00.000Z');
const delivered = json(200, { data: { notifyDatasetRefreshed: NOTIFICATION } });

/** A client on a fake clock that only moves when the client sleeps (or when a step says so). */
const setup = (steps: FetchStep[], options: Partial<AppSyncClientOptions> = {}, time = { now: T0 }) => {
  const sleeps: number[] = [];
  const fake = fakeFetch(...steps);
  const logger = { debug: jest.fn(), warn: jest.fn() };
  const client = createAppSyncClient({
    url: ENDPOINT,
    credentials: TEMPORARY_CREDENTIALS,
    fetch: fake.fetch,
    clock: () => time.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      time.now += ms;
    },
    random: () => 0.5,
    logger,
    ...options,
  });
  return { client, calls: fake.calls, sleeps, time, logger };
};

/** A step that lets `ms` pass on the fake clock before answering with `then`. */
const after = (time: { now: number }, ms: number, then: FetchStep): FetchStep => (call) => {
  time.now += ms;
  return then(call);
};

describe('Class: AppSyncClient retries', () => {
  it.each([
    ['500', json(500, { errors: [{ errorType: 'InternalFailure', message: 'internal' }] })],
    ['503 without a body', json(503, '')],
    ['429', json(429, { errors: [{ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }] })],
    ['400 ThrottlingException', json(400, { errors: [{ errorType: 'ThrottlingException', message: 'Rate exceeded' }] })],
    ['400 TooManyRequestsException header', json(400, {}, { 'x-amzn-ErrorType': 'TooManyRequestsException:' })],
    ['a network error', networkError()],
  ])('retries after %s and resolves the next success', async (_case, failure) => {
    // Prepare
    const { client, calls, sleeps } = setup([failure, delivered]);

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([50]);
  });

  it.each([
    ['401 UnauthorizedException', json(401, { errors: [{ errorType: 'UnauthorizedException', message: 'no' }] })],
    ['403 InvalidSignatureException', json(403, { errors: [{ errorType: 'InvalidSignatureException', message: 'no' }] })],
    ['403 AccessDeniedException', json(403, {}, { 'x-amzn-ErrorType': 'AccessDeniedException:http://internal' })],
    ['400 BadRequestException', json(400, { errors: [{ errorType: 'BadRequestException', message: 'bad' }] })],
    ['200 with a resolver error', json(200, { data: { notifyDatasetRefreshed: null }, errors: [{ errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'x' }] })],
  ])('does not retry %s', async (_case, failure) => {
    // Prepare
    const { client, calls, sleeps, logger } = setup([failure, delivered]);

    // Act
    await expect(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT))).rejects.toThrow();

    // Assess
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('stops after maxAttempts and throws the last error', async () => {
    // Prepare
    const { client, calls, sleeps } = setup([json(500, { errors: [{ errorType: 'InternalFailure', message: 'a' }] })], {
      retry: { maxAttempts: 4 },
    });

    // Act
    const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

    // Assess
    expect(error).toBeInstanceOf(AppSyncHttpError);
    expect(error).toMatchObject({ status: 500, errorType: 'InternalFailure' });
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('backs off exponentially with full jitter up to maxDelayMs', async () => {
    // Prepare
    const draws = [0.999, 0.5, 0.25, 0.999, 0];
    const { client, sleeps } = setup([networkError()], {
      retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 },
      random: () => draws.shift() ?? 0,
    });

    // Act
    await expect(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT))).rejects.toThrow();

    // Assess
    // caps: 100, 200, 400, 500 (800 capped), 500 (1600 capped)
    expect(sleeps).toEqual([99, 100, 100, 499, 0]);
  });

  it('re-signs every attempt with the time of that attempt', async () => {
    // Prepare
    const { client, calls } = setup([networkError(), networkError(), delivered], {
      random: () => 0.9,
      retry: { baseDelayMs: 1500, maxDelayMs: 5000 },
    });

    // Act
    await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(calls.map((call) => call.headers['x-amz-date'])).toEqual([
      '20261127T140000Z',
      '20261127T140001Z',
      '20261127T140004Z',
    ]);
    expect(new Set(calls.map((call) => call.headers.authorization)).size).toBe(3);
    expect(new Set(calls.map((call) => call.body)).size).toBe(1);
  });

  it('reports each retry to the logger with attempt, delay and cause', async () => {
    // Prepare
    const { client, logger } = setup([json(503, { errors: [{ errorType: 'ServiceUnavailable', message: 'later' }] }), delivered]);

    // Act
    await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith('AppSync request failed, retrying', {
      operationName: 'NotifyDatasetRefreshed',
      attempt: 1,
      maxAttempts: 3,
      delayMs: 50,
      cause: { name: 'AppSyncHttpError', message: 'AppSync responded 503 ServiceUnavailable: later' },
    });
    expect(logger.debug).toHaveBeenCalledWith('AppSync request', { operationName: 'NotifyDatasetRefreshed', attempt: 2, timeoutMs: 3000 });
  });

  it('counts a duplicate after a lost response as delivered', async () => {
    // Prepare: the first attempt stored the notification but its response never arrived.
    const duplicate = json(200, {
      data: { notifyDatasetRefreshed: null },
      errors: [{ path: ['notifyDatasetRefreshed'], errorType: 'DuplicateNotification', message: 'already delivered' }],
    });
    const { client, calls } = setup([networkError('ECONNRESET'), duplicate]);

    // Act
    const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

    // Assess
    expect(result.outcome).toBe('duplicate');
    expect(calls).toHaveLength(2);
  });

  describe('Retry-After', () => {
    const limited = (retryAfter: string): FetchStep =>
      json(429, { errors: [{ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }] }, { 'retry-after': retryAfter });

    it('waits the seconds a 429 asks for when they exceed the backoff', async () => {
      // Prepare
      const { client, calls, sleeps, logger } = setup([limited('2'), delivered]);

      // Act
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result.outcome).toBe('delivered');
      expect(calls).toHaveLength(2);
      expect(sleeps).toEqual([2000]);
      expect(logger.warn).toHaveBeenCalledWith(
        'AppSync request failed, retrying',
        expect.objectContaining({ delayMs: 2000, retryAfterMs: 2000 }),
      );
    });

    it('waits until the HTTP date a 503 names', async () => {
      // Prepare
      const unavailable = json(503, { errors: [{ errorType: 'ServiceUnavailable', message: 'later' }] }, {
        'retry-after': new Date(T0 + 3000).toUTCString(),
      });
      const { client, sleeps } = setup([unavailable, delivered]);

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(sleeps).toEqual([3000]);
    });

    it('keeps the jittered backoff when it is longer than Retry-After', async () => {
      // Prepare
      const { client, sleeps } = setup([limited('0'), delivered], { retry: { baseDelayMs: 1000 } });

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(sleeps).toEqual([500]);
    });

    it('caps Retry-After at retry.maxRetryAfterMs', async () => {
      // Prepare
      const { client, sleeps } = setup([limited('3600'), limited('3600'), delivered], { retry: { maxRetryAfterMs: 5000 } });

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(sleeps).toEqual([5000, 5000]);
    });

    it('caps Retry-After at 20 seconds by default', async () => {
      // Prepare
      const { client, sleeps } = setup([limited('120'), delivered]);

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(sleeps).toEqual([20_000]);
    });

    it('throws DeadlineExceededError without sleeping when Retry-After ends after the deadline', async () => {
      // Prepare
      const { client, calls, sleeps } = setup([limited('5'), delivered]);

      // Act
      const error = await failureOf(
        client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: T0 + 4000 }),
      );

      // Assess
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect((error as Error).cause).toMatchObject({ name: 'AppSyncHttpError', status: 429, retryAfterMs: 5000 });
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });

    it.each([
      ['a date in the past', new Date(T0 - 60_000).toUTCString(), 0],
      ['an unparseable value', 'soon', undefined],
      ['a negative number', '-5', undefined],
      ['fractional seconds', '1.5', undefined],
    ])('reads %s as retryAfterMs %p', async (_case, header, expected) => {
      // Prepare
      const { client } = setup([limited(header)], { retry: { maxAttempts: 1 } });

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncHttpError);
      expect((error as AppSyncHttpError).retryAfterMs).toBe(expected);
    });
  });

  describe('clock-skew correction', () => {
    const expiredAt = (time: { now: number }, serverOffsetMs: number): FetchStep => (call) =>
      json(
        403,
        { errors: [{ errorType: 'InvalidSignatureException', message: 'Signature expired: 20261127T140000Z is now earlier than 20261127T141500Z (20261127T142000Z - 5 min.)' }] },
        { date: new Date(time.now + serverOffsetMs).toUTCString() },
      )(call);

    it('re-signs at once with the server time, outside the retry budget', async () => {
      // Prepare
      const time = { now: T0 };
      const unavailable = json(503, { errors: [{ errorType: 'ServiceUnavailable', message: 'later' }] });
      const { client, calls, sleeps, logger } = setup([expiredAt(time, 20 * 60_000), unavailable, unavailable, delivered], {}, time);

      // Act
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result.outcome).toBe('delivered');
      expect(calls.map((call) => call.headers['x-amz-date'])).toEqual([
        '20261127T140000Z',
        '20261127T142000Z',
        '20261127T142000Z',
        '20261127T142000Z',
      ]);
      expect(sleeps).toEqual([50, 100]);
      expect(client.clockSkew.offsetMs).toBe(20 * 60_000);
      expect(logger.warn).toHaveBeenCalledWith('AppSync refused the signing date, re-signing with the server clock', {
        operationName: 'NotifyDatasetRefreshed',
        attempt: 1,
        clockOffsetMs: 20 * 60_000,
      });
    });

    it('throws DeadlineExceededError with the rejection as cause when the deadline passed meanwhile', async () => {
      // Prepare
      const time = { now: T0 };
      const { client, calls } = setup([after(time, 5000, expiredAt(time, -20 * 60_000)), delivered], {}, time);

      // Act
      const error = await failureOf(
        client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: T0 + 3000 }),
      );

      // Assess
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(error).toMatchObject({ attempts: 1 });
      expect((error as Error).cause).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
      expect(calls).toHaveLength(1);
    });
  });

  describe('deadline', () => {
    it('throws DeadlineExceededError without sending when the deadline has passed', async () => {
      // Prepare
      const { client, calls } = setup([delivered]);

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: T0 }));

      // Assess
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(error).toMatchObject({ deadline: T0, attempts: 0 });
      expect(calls).toHaveLength(0);
    });

    it('does not sleep past the deadline and keeps the last error as cause', async () => {
      // Prepare: each attempt takes 400 ms; backoff draws 0.5 of 1000, 2000 -> 500, 1000.
      const time = { now: T0 };
      const { client, calls, sleeps } = setup(
        [after(time, 400, networkError())],
        { retry: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 8000 } },
        time,
      );
      const deadline = T0 + 2000;

      // Act
      const error = await failureOf(
        client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline }),
      );

      // Assess
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect((error as DeadlineExceededError).attempts).toBe(2);
      expect((error as Error).cause).toMatchObject({ name: 'AppSyncNetworkError' });
      // 0-400 attempt 1, 400-900 sleep, 900-1300 attempt 2; a 1000 ms sleep would end at 2300 > 2000.
      expect(calls).toHaveLength(2);
      expect(sleeps).toEqual([500]);
      expect(time.now).toBe(T0 + 1300);
    });

    it('caps each attempt timeout by the time left', async () => {
      // Prepare
      const { client, logger } = setup([delivered], { timeoutMs: 3000 });

      // Act
      await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline: T0 + 1200 });

      // Assess
      expect(logger.debug).toHaveBeenCalledWith('AppSync request', expect.objectContaining({ attempt: 1, timeoutMs: 1200 }));
    });

    it('rejects a deadline that is not a number', async () => {
      // Prepare
      const { client, calls } = setup([delivered]);

      // Act & Assess
      await expect(client.mutate(NOTIFY_DATASET_REFRESHED, {}, { deadline: Number.NaN })).rejects.toThrow(/epoch milliseconds/);
      expect(calls).toHaveLength(0);
    });
  });

  describe('timeouts and aborts (real timers)', () => {
    it('times out a hanging attempt and retries it', async () => {
      // Prepare
      const fake = fakeFetch(hang, delivered);
      const client = createAppSyncClient({
        url: ENDPOINT,
        credentials: TEMPORARY_CREDENTIALS,
        fetch: fake.fetch,
        timeoutMs: 30,
        sleep: async () => {},
      });

      // Act
      const result = await client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT));

      // Assess
      expect(result.outcome).toBe('delivered');
      expect(fake.calls).toHaveLength(2);
      expect(fake.calls[0]?.signal?.aborted).toBe(true);
    });

    it('throws AppSyncTimeoutError when every attempt hangs', async () => {
      // Prepare
      const fake = fakeFetch(hang);
      const client = createAppSyncClient({
        url: ENDPOINT,
        credentials: TEMPORARY_CREDENTIALS,
        fetch: fake.fetch,
        timeoutMs: 20,
        retry: { maxAttempts: 2 },
        sleep: async () => {},
      });

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT)));

      // Assess
      expect(error).toBeInstanceOf(AppSyncTimeoutError);
      expect(error).toMatchObject({ timeoutMs: 20 });
      expect(fake.calls).toHaveLength(2);
    });

    it('ends a hanging attempt at the deadline and throws DeadlineExceededError', async () => {
      // Prepare
      const fake = fakeFetch(hang);
      const client = createAppSyncClient({
        url: ENDPOINT,
        credentials: TEMPORARY_CREDENTIALS,
        fetch: fake.fetch,
        timeoutMs: 60_000,
      });
      const started = Date.now();
      const deadline = started + 80;

      // Act
      const error = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { deadline }));

      // Assess
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect((error as Error).cause).toBeInstanceOf(AppSyncTimeoutError);
      expect(fake.calls).toHaveLength(1);
      expect(elapsed).toBeLessThan(2000);
    });

    it('rejects with the caller signal reason during an attempt without retrying', async () => {
      // Prepare
      const fake = fakeFetch(hang, delivered);
      const client = createAppSyncClient({ url: ENDPOINT, credentials: TEMPORARY_CREDENTIALS, fetch: fake.fetch });
      const controller = new AbortController();
      const reason = new Error('invocation cancelled');

      // Act
      const pending = client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 10);
      const error = await failureOf(pending);

      // Assess
      expect(error).toBe(reason);
      expect(fake.calls).toHaveLength(1);
    });

    it('rejects with the caller signal reason during the backoff', async () => {
      // Prepare
      const fake = fakeFetch(networkError(), delivered);
      const controller = new AbortController();
      const reason = new Error('stop');
      const client = createAppSyncClient({
        url: ENDPOINT,
        credentials: TEMPORARY_CREDENTIALS,
        fetch: fake.fetch,
        retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
        random: () => 0.5,
      });

      // Act
      const pending = client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 10);
      const error = await failureOf(pending);

      // Assess
      expect(error).toBe(reason);
      expect(fake.calls).toHaveLength(1);
    });

    it('combines the caller signal and the timeout where AbortSignal.any is missing', async () => {
      // Prepare
      const original = AbortSignal.any;
      Object.defineProperty(AbortSignal, 'any', { value: undefined, configurable: true, writable: true });
      const fake = fakeFetch(hang);
      const client = createAppSyncClient({
        url: ENDPOINT,
        credentials: TEMPORARY_CREDENTIALS,
        fetch: fake.fetch,
        timeoutMs: 20,
        retry: { maxAttempts: 1 },
      });
      const controller = new AbortController();
      const reason = new Error('cancelled');

      try {
        // Act
        const timedOut = await failureOf(client.mutate(NOTIFY_DATASET_REFRESHED, {}, { signal: controller.signal }));
        const pending = client.mutate(NOTIFY_DATASET_REFRESHED, {}, { signal: controller.signal });
        controller.abort(reason);
        const aborted = await failureOf(pending);

        // Assess
        expect(timedOut).toBeInstanceOf(AppSyncTimeoutError);
        expect(aborted).toBe(reason);
      } finally {
        Object.defineProperty(AbortSignal, 'any', { value: original, configurable: true, writable: true });
      }
    });

    it('sends nothing when the caller signal is already aborted', async () => {
      // Prepare
      const fake = fakeFetch(delivered);
      const client = createAppSyncClient({ url: ENDPOINT, credentials: TEMPORARY_CREDENTIALS, fetch: fake.fetch });

      // Act
      const error = await failureOf(
        client.mutate(NOTIFY_DATASET_REFRESHED, structuredClone(DATASET_INPUT), { signal: AbortSignal.abort('gone') }),
      );

      // Assess
      expect(error).toBe('gone');
      expect(fake.calls).toHaveLength(0);
    });
  });
});
