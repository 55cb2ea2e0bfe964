import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandlerInvocationError, LocalStackError } from '../src/errors';
import { LocalLambda } from '../src/local-lambda';

describe('Class: LocalLambda', () => {
  let dir: string;
  const lambdas: LocalLambda[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-lambda-'));
    writeFileSync(
      join(dir, 'echo.mjs'),
      `let invocations = 0;
       export const handler = async (event, context) => {
         invocations += 1;
         console.log(JSON.stringify({ level: 'INFO', message: 'echo', requestId: context.awsRequestId }));
         return { event, region: process.env.AWS_REGION, key: process.env.AWS_ACCESS_KEY_ID, invocations,
                  remaining: context.getRemainingTimeInMillis(), fn: context.functionName, arn: context.invokedFunctionArn };
       };`,
    );
    writeFileSync(join(dir, 'fail.mjs'), `export const handler = async () => { const e = new Error('boom'); e.name = 'BatchProcessingError'; throw e; };`);
    writeFileSync(
      join(dir, 'slow.mjs'),
      `import { threadId } from 'node:worker_threads';
       let starts = 0;
       export const handler = async (event) => {
         starts += 1;
         const began = Date.now();
         if (event.wait) await new Promise((r) => setTimeout(r, event.wait));
         return { starts, threadId, began, ended: Date.now(), key: process.env.AWS_ACCESS_KEY_ID };
       };`,
    );
  });

  afterEach(async () => {
    await Promise.all(lambdas.splice(0).map((l) => l.close()));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const make = (file: string, extra: Partial<ConstructorParameters<typeof LocalLambda>[0]> = {}) => {
    const lambda = new LocalLambda({
      functionName: file.replace('.mjs', ''),
      bundlePath: join(dir, file),
      environment: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: `ASIA${file.toUpperCase()}` },
      region: 'eu-west-1',
      accountId: '123456789012',
      ...extra,
    });
    lambdas.push(lambda);
    return lambda;
  };

  it('runs the handler with its own environment and a Lambda context, warm across invocations', async () => {
    // Prepare
    const logs: string[] = [];
    const echo = make('echo.mjs', { timeoutMs: 5_000, onLog: (line) => logs.push(line) });
    const other = make('fail.mjs');

    // Act
    const first = (await echo.invoke({ n: 1 })) as Record<string, unknown>;
    const second = (await echo.invoke({ n: 2 })) as Record<string, unknown>;

    // Assess
    expect(first).toMatchObject({ event: { n: 1 }, region: 'eu-west-1', key: 'ASIAECHO.MJS', invocations: 1, fn: 'echo' });
    expect(first.arn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:echo');
    expect(first.remaining).toBeGreaterThan(4_000);
    expect(first.remaining).toBeLessThanOrEqual(5_000);
    expect(second).toMatchObject({ invocations: 2 });
    expect(process.env.AWS_ACCESS_KEY_ID).not.toBe('ASIAECHO.MJS');
    await expect(other.invoke({})).rejects.toThrow(HandlerInvocationError);
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.map((l) => JSON.parse(l).message)).toEqual(['echo', 'echo']);
  });

  it('reports a handler error with its type and keeps serving', async () => {
    // Prepare
    const fail = make('fail.mjs');

    // Act
    const error = await fail.invoke({}).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(HandlerInvocationError);
    expect((error as HandlerInvocationError).errorType).toBe('BatchProcessingError');
    expect((error as Error).message).toBe('fail failed: BatchProcessingError: boom');
    await expect(fail.invoke({})).rejects.toThrow(/boom/);
  });

  it('times out a slow invocation and starts a fresh container for the next one', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 200 });

    // Act
    const timedOut = await slow.invoke({ wait: 2_000 }).catch((e: unknown) => e);
    const next = await slow.invoke({});

    // Assess
    expect((timedOut as HandlerInvocationError).errorType).toBe('TimeoutError');
    expect((timedOut as Error).message).toMatch(/Task timed out after 0.20 seconds/);
    expect(next).toMatchObject({ starts: 1 });
  });

  it('runs concurrent invocations in parallel, each in its own execution environment', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000 });

    // Act
    const results = (await Promise.all([slow.invoke({ wait: 500 }), slow.invoke({ wait: 500 }), slow.invoke({ wait: 500 })])) as SlowResult[];

    // Assess
    expect(new Set(results.map((r) => r.threadId)).size).toBe(3);
    expect(results.map((r) => r.starts)).toEqual([1, 1, 1]);
    // Each ran while the others were running: one at a time, each would end before the next began.
    const latestBegin = Math.max(...results.map((r) => r.began));
    for (const r of results) expect(r.ended).toBeGreaterThan(latestBegin);
    expect(slow.workerCount).toBe(3);
  });

  it('reuses one warm execution environment for sequential invocations, whose module state persists', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000 });

    // Act
    const results: SlowResult[] = [];
    for (let i = 0; i < 3; i += 1) results.push((await slow.invoke({ wait: 10 })) as SlowResult);

    // Assess
    expect(results.map((r) => r.starts)).toEqual([1, 2, 3]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(1);
    expect(slow.workerCount).toBe(1);
  });

  it('queues invocations beyond maxConcurrency until an environment is free, then runs them there, in order', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000, maxConcurrency: 2 });

    // Act
    const results = (await Promise.all([
      slow.invoke({ wait: 300 }),
      slow.invoke({ wait: 900 }),
      slow.invoke({ wait: 10 }),
      slow.invoke({ wait: 10 }),
    ])) as SlowResult[];

    // Assess
    const [first, second, third, fourth] = results as [SlowResult, SlowResult, SlowResult, SlowResult];
    expect(slow.workerCount).toBe(2);
    expect(new Set(results.map((r) => r.threadId))).toEqual(new Set([first.threadId, second.threadId]));
    expect(first.threadId).not.toBe(second.threadId);
    expect(third).toMatchObject({ threadId: first.threadId, starts: 2 });
    expect(fourth).toMatchObject({ threadId: first.threadId, starts: 3 });
    expect(third.began).toBeGreaterThanOrEqual(first.ended);
    expect(fourth.began).toBeGreaterThanOrEqual(third.ended);
    expect(second.starts).toBe(1);
  });

  it('refuses a maxConcurrency that is not a positive integer', () => {
    // Act + Assess
    expect(() => make('slow.mjs', { maxConcurrency: 0 })).toThrow('maxConcurrency must be a positive integer, got 0');
    expect(() => make('slow.mjs', { maxConcurrency: 1.5 })).toThrow(LocalStackError);
  });

  it('starts later invocations with a changed environment: idle workers at once, a busy one once its invocation ends', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000 });
    const [idle] = (await Promise.all([slow.invoke({}), slow.invoke({ wait: 50 })])) as SlowResult[];
    const busy = slow.invoke({ wait: 300 }) as Promise<SlowResult>;

    // Act
    slow.updateEnvironment({ AWS_ACCESS_KEY_ID: 'ASIARENEWED' });
    const during = (await slow.invoke({})) as SlowResult;
    const finished = await busy;
    const after = (await Promise.all([slow.invoke({ wait: 50 }), slow.invoke({ wait: 50 })])) as SlowResult[];

    // Assess
    expect(idle!.key).toBe('ASIASLOW.MJS');
    expect(finished.key).toBe('ASIASLOW.MJS');
    expect(during).toMatchObject({ key: 'ASIARENEWED', starts: 1 });
    for (const r of after) expect(r.key).toBe('ASIARENEWED');
    expect(after.map((r) => r.threadId)).not.toContain(finished.threadId);
    expect(slow.workerCount).toBe(2);
  });

  it('stops every worker on close: waiting invocations reject and later ones are refused', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000, maxConcurrency: 1 });
    const running = slow.invoke({ wait: 2_000 }).catch((e: unknown) => e);
    const waiting = slow.invoke({}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));

    // Act
    await slow.close();

    // Assess
    expect(slow.workerCount).toBe(0);
    expect(await running).toMatchObject({ name: 'HandlerInvocationError', errorType: 'Runtime.ExitError' });
    expect(await waiting).toMatchObject({ name: 'LocalStackError', message: 'slow is closed' });
    await expect(slow.invoke({})).rejects.toThrow('slow is closed');
  });
});

interface SlowResult {
  starts: number;
  threadId: number;
  began: number;
  ended: number;
  key: string;
}
