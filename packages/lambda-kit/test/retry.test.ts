import { isThrottling, retryThrottled, type ThrottledRetry } from '../src';

const throttled = (name = 'ThrottlingException'): Error => Object.assign(new Error('Rate exceeded'), { name });

/** A clock that only moves when the code under test sleeps. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
  };
}

describe('Function: retryThrottled', () => {
  it('retries throttling errors with doubling backoff until the operation succeeds', async () => {
    // Prepare
    const time = fakeTime();
    const retries: ThrottledRetry[] = [];
    let calls = 0;
    const operation = async (): Promise<string> => {
      calls += 1;
      if (calls < 4) throw throttled(calls === 2 ? 'ProvisionedThroughputExceededException' : 'ThrottlingException');
      return 'labels';
    };

    // Act
    const result = await retryThrottled(operation, {
      deadline: time.now() + 10_000,
      operation: 'DetectLabels',
      now: time.now,
      sleep: time.sleep,
      random: () => 0.999999,
      onRetry: (info) => retries.push(info),
    });

    // Assess
    expect(result).toBe('labels');
    expect(time.waits).toEqual([100, 200, 400]);
    expect(retries.map((r) => [r.operation, r.attempt, r.delayMs, r.error.name])).toEqual([
      ['DetectLabels', 1, 100, 'ThrottlingException'],
      ['DetectLabels', 2, 200, 'ProvisionedThroughputExceededException'],
      ['DetectLabels', 3, 400, 'ThrottlingException'],
    ]);
  });

  it('retries S3\'s SlowDown like any throttling error', async () => {
    // Prepare
    const time = fakeTime();
    let calls = 0;
    const headObject = async (): Promise<string> => {
      calls += 1;
      if (calls <= 2) throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
      return 'head';
    };

    // Act
    const result = await retryThrottled(headObject, { deadline: time.now() + 10_000, operation: 'HeadObject', now: time.now, sleep: time.sleep, random: () => 0.5 });

    // Assess
    expect(result).toBe('head');
    expect(calls).toBe(3);
    expect(time.waits).toHaveLength(2);
  });

  it('rethrows the throttling error when the next wait would pass the deadline', async () => {
    // Prepare
    const time = fakeTime();
    const error = throttled();

    // Act
    const run = retryThrottled(() => Promise.reject(error), { deadline: time.now() + 650, now: time.now, sleep: time.sleep, random: () => 0.999999 });

    // Assess
    await expect(run).rejects.toBe(error);
    expect(time.waits).toEqual([100, 200]);
  });

  it('rethrows other errors at once', async () => {
    // Prepare
    const time = fakeTime();
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });

    // Act
    const run = retryThrottled(() => Promise.reject(denied), { deadline: time.now() + 10_000, now: time.now, sleep: time.sleep });

    // Assess
    await expect(run).rejects.toBe(denied);
    expect(time.waits).toEqual([]);
  });

  it('caps the backoff and gives each attempt a signal that fires at the deadline', async () => {
    // Prepare
    const time = fakeTime();
    const signals: AbortSignal[] = [];
    let calls = 0;

    // Act
    await retryThrottled(
      async (signal) => {
        signals.push(signal);
        calls += 1;
        if (calls < 5) throw throttled('TooManyRequestsException');
      },
      { deadline: time.now() + 60_000, now: time.now, sleep: time.sleep, random: () => 0, baseDelayMs: 1000, maxDelayMs: 3000 },
    );

    // Assess
    expect(time.waits).toEqual([500, 1000, 1500, 1500]);
    expect(signals.every((s) => s instanceof AbortSignal && !s.aborted)).toBe(true);
  });
});

describe('Function: isThrottling', () => {
  it.each(['SlowDown', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException', 'ProvisionedThroughputExceededException'])(
    'recognises %s, a throttling error of the AWS SDK\'s list',
    (name) => {
      // Act & Assess
      expect(isThrottling(throttled(name))).toBe(true);
    },
  );

  it('recognises throttling errors by name only', () => {
    // Act & Assess
    expect(isThrottling(throttled('LimitExceededException'))).toBe(true);
    expect(isThrottling(throttled('AccessDenied'))).toBe(false);
    expect(isThrottling(new Error('ThrottlingException'))).toBe(false);
    expect(isThrottling({ name: 'ThrottlingException' })).toBe(false);
  });
});
