import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Options of {@link runBundledHandler}. */
export interface RunBundledHandlerOptions {
  /** Absolute path of the bundled `.mjs` file. */
  bundle: string;
  /** The event passed to the handler. */
  event: unknown;
  /** Environment of the process (Lambda's: `GRAPHQL_URL`, `AWS_REGION`, the role's credentials...). */
  env: Record<string, string>;
  /**
   * Name of the exported handler.
   * @default 'handler'
   */
  exportName?: string;
  /**
   * What `context.getRemainingTimeInMillis()` starts from.
   * @default 30000
   */
  remainingMs?: number;
  /**
   * Function name in the context.
   * @default 'test-function'
   */
  functionName?: string;
}

/** What the invocation did. */
export interface BundledInvocation {
  /** The handler's resolved value (JSON round-tripped), when it resolved. */
  result?: unknown;
  /** The rejection's name and message, when it rejected. */
  error?: { name: string; message: string };
  /** The JSON log lines the process printed (stdout and stderr). */
  logs: Record<string, unknown>[];
}

const MARKER = '__NOTIFIER_INVOCATION__';

/**
 * Invokes a bundled handler the way Lambda does: in a fresh Node process that imports the `.mjs`
 * bundle with only the given environment, with a context, then reports the outcome and the log lines.
 *
 * @example
 * ```ts
 * const run = await runBundledHandler({ bundle: '/abs/dist/handler.mjs', event, env: { GRAPHQL_URL, AWS_REGION, ...credentials } });
 * ```
 */
export async function runBundledHandler(options: RunBundledHandlerOptions): Promise<BundledInvocation> {
  const functionName = options.functionName ?? 'test-function';
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.env.AWS_REGION ?? 'us-east-1'}:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: `req-${Date.now()}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
  };
  const script = [
    `const end = Date.now() + ${options.remainingMs ?? 30_000};`,
    `const context = { ...${JSON.stringify(context)}, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, end - Date.now()) };`,
    `const mod = await import(${JSON.stringify(pathToFileURL(options.bundle).href)});`,
    `const event = JSON.parse(process.env.NOTIFIER_TEST_EVENT);`,
    `let outcome;`,
    `try { outcome = { result: await mod[${JSON.stringify(options.exportName ?? 'handler')}](event, context) }; }`,
    `catch (error) { outcome = { error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } }; }`,
    `process.stdout.write('\\n${MARKER}' + JSON.stringify(outcome ?? {}) + '\\n');`,
  ].join('\n');
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { env: { PATH: process.env.PATH ?? '', ...options.env, NOTIFIER_TEST_EVENT: JSON.stringify(options.event) }, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => (error ? reject(Object.assign(error, { stdout: out, stderr: err })) : resolve({ stdout: out, stderr: err })),
    );
  });
  const logs: Record<string, unknown>[] = [];
  let outcome: { result?: unknown; error?: { name: string; message: string } } | undefined;
  for (const line of `${stdout}\n${stderr}`.split('\n')) {
    if (line.startsWith(MARKER)) outcome = JSON.parse(line.slice(MARKER.length)) as typeof outcome;
    else if (line.startsWith('{')) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line.
      }
    }
  }
  if (!outcome) throw new Error(`the bundle ${options.bundle} reported no outcome:\n${stdout}\n${stderr}`);
  return { ...outcome, logs };
}
