import type { Context } from 'aws-lambda';

/**
 * A Lambda `Context` for tests whose `getRemainingTimeInMillis()` counts down from `remainingMs`
 * on the real clock.
 *
 * @example
 * ```ts
 * await handler(event, lambdaContext({ functionName: 'post-auth', remainingMs: 5000 }));
 * ```
 */
export function lambdaContext(options: { functionName?: string; remainingMs?: number; awsRequestId?: string } = {}): Context {
  const functionName = options.functionName ?? 'test-function';
  const end = Date.now() + (options.remainingMs ?? 30_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: options.awsRequestId ?? 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/27/[$LATEST]abcdef0123456789',
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
