import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandlerInvocationError } from '../src/errors';
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
      `let starts = 0; export const handler = async (event) => { starts += 1; if (event.wait) await new Promise((r) => setTimeout(r, event.wait)); return { starts }; };`,
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
    expect(next).toEqual({ starts: 1 });
  });

  it('serves invocations one at a time, in order', async () => {
    // Prepare
    const slow = make('slow.mjs', { timeoutMs: 5_000 });

    // Act
    const results = await Promise.all([slow.invoke({ wait: 50 }), slow.invoke({}), slow.invoke({ wait: 10 })]);

    // Assess
    expect(results).toEqual([{ starts: 1 }, { starts: 2 }, { starts: 3 }]);
  });
});
