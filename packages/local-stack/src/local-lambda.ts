import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { HandlerInvocationError, LocalStackError } from './errors';

/** Options of {@link LocalLambda}. */
export interface LocalLambdaOptions {
  /** Function name, as Lambda would report it in `context.functionName`. */
  functionName: string;
  /** Absolute path of the bundled handler module (the `.mjs` esbuild writes). */
  bundlePath: string;
  /**
   * Export of the bundle that is the handler.
   * @default 'handler'
   */
  handlerExport?: string;
  /** The function's environment: its own credentials, `AWS_REGION`, `GRAPHQL_URL`, endpoints... */
  environment: Record<string, string>;
  /**
   * Invocation timeout, as the function's `Timeout`.
   * @default 30_000
   */
  timeoutMs?: number;
  /**
   * Memory size reported in `context.memoryLimitInMB`.
   * @default 256
   */
  memoryMb?: number;
  /** Region and account for the function ARN in the context. */
  region: string;
  accountId: string;
  /**
   * Receives every line the handler writes to stdout/stderr (its structured logs).
   * @default lines are dropped
   */
  onLog?: (line: string, functionName: string) => void;
  /**
   * Execution environments (workers) that may run at once. Lambda runs concurrent invocations in separate
   * environments, up to the function's reserved concurrency; here, when every environment is busy and the
   * limit is reached, further invocations wait in order for one to be free, as Lambda's asynchronous
   * invocations wait in its queue when a function is throttled.
   * @default 4
   */
  maxConcurrency?: number;
}

interface WorkerReply {
  id: string;
  ok: boolean;
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
}

// Runs inside the worker: imports the bundle once (a warm environment), then serves the invocations it is given,
// one at a time (the pool never gives it a second before the first has replied).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
let loaded;
parentPort.on('message', async (msg) => {
  const deadline = Date.now() + msg.timeoutMs;
  try {
    loaded ??= import(pathToFileURL(workerData.bundlePath).href);
    const mod = await loaded;
    const fn = mod[workerData.handlerExport];
    if (typeof fn !== 'function') throw new TypeError('Bundle ' + workerData.bundlePath + ' exports no function "' + workerData.handlerExport + '"');
    const context = {
      functionName: workerData.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: workerData.functionArn,
      memoryLimitInMB: String(workerData.memoryMb),
      awsRequestId: msg.requestId,
      logGroupName: '/aws/lambda/' + workerData.functionName,
      logStreamName: 'local/' + msg.requestId,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done() {}, fail() {}, succeed() {},
    };
    const result = await fn(msg.event, context);
    parentPort.postMessage({ id: msg.id, ok: true, result: result === undefined ? null : result });
  } catch (err) {
    parentPort.postMessage({
      id: msg.id,
      ok: false,
      errorType: (err && err.name) || 'Error',
      errorMessage: (err && err.message) || String(err),
    });
  }
});
`;

/** One worker thread: a Lambda execution environment, running at most one invocation at a time. */
interface ExecutionEnvironment {
  worker: Worker;
  /** The invocation it runs now. */
  current?: { id: string; resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
  busy: boolean;
  /** Started with an environment that has since changed: retired as soon as it is free. */
  stale: boolean;
  /** Exited or discarded: never given another invocation. */
  gone: boolean;
}

/**
 * Runs one bundled Lambda handler in worker threads with its own environment, the way Lambda runs it: each
 * worker is an execution environment that imports the bundle once and serves one invocation at a time
 * (module state persists across its invocations), concurrent invocations run in parallel in further
 * workers up to `maxConcurrency`, every invocation gets a real `context` with `getRemainingTimeInMillis`,
 * and a worker whose invocation timed out is discarded.
 *
 * @example
 * const fn = new LocalLambda({ functionName: 'image-tagger', bundlePath, environment, region, accountId });
 * const result = await fn.invoke(event);
 * await fn.close();
 */
export class LocalLambda {
  public readonly functionName: string;
  public readonly functionArn: string;
  private readonly options: Required<Omit<LocalLambdaOptions, 'onLog'>> & Pick<LocalLambdaOptions, 'onLog'>;
  private environment: Record<string, string>;
  private readonly environments = new Set<ExecutionEnvironment>();
  /** Invocations waiting for an environment, oldest first. */
  private readonly waiting: Array<{ resolve: (env: ExecutionEnvironment) => void; reject: (error: Error) => void }> = [];
  private closed = false;

  public constructor(options: LocalLambdaOptions) {
    if (!options.bundlePath) throw new LocalStackError(`LocalLambda ${options.functionName}: bundlePath is required`);
    const maxConcurrency = options.maxConcurrency ?? 4;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
      throw new LocalStackError(`LocalLambda ${options.functionName}: maxConcurrency must be a positive integer, got ${maxConcurrency}`);
    }
    this.options = { handlerExport: 'handler', timeoutMs: 30_000, memoryMb: 256, ...options, maxConcurrency };
    this.environment = { ...options.environment };
    this.functionName = options.functionName;
    this.functionArn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${options.functionName}`;
  }

  /** Execution environments (workers) alive now, busy or idle. */
  public get workerCount(): number {
    return this.environments.size;
  }

  /** Invokes the handler with `event`; resolves its result or rejects with {@link HandlerInvocationError}. */
  public async invoke(event: unknown): Promise<unknown> {
    if (this.closed) throw new LocalStackError(`${this.functionName} is closed`);
    const env = await this.acquire();
    try {
      return await this.run(env, event);
    } finally {
      this.release(env);
    }
  }

  /**
   * Changes the function's environment (renewed credentials, for example): idle workers stop at once, busy
   * ones when their invocation ends, and every later invocation runs in a worker started with the new one.
   *
   * @example
   * fn.updateEnvironment({ AWS_ACCESS_KEY_ID: renewed.accessKeyId, AWS_SECRET_ACCESS_KEY: renewed.secretAccessKey, AWS_SESSION_TOKEN: renewed.sessionToken });
   */
  public updateEnvironment(changes: Record<string, string>): void {
    this.environment = { ...this.environment, ...changes };
    for (const env of this.environments) {
      if (env.busy) env.stale = true;
      else this.discard(env);
    }
  }

  /** Stops every worker; running and waiting invocations reject. */
  public async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new LocalStackError(`${this.functionName} is closed`));
    const workers = [...this.environments].map((env) => env.worker);
    this.environments.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private acquire(): Promise<ExecutionEnvironment> {
    const env = this.idleEnvironment() ?? (this.environments.size < this.options.maxConcurrency ? this.start() : undefined);
    if (env) {
      env.busy = true;
      return Promise.resolve(env);
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(env: ExecutionEnvironment): void {
    env.busy = false;
    env.current = undefined;
    if (env.stale) this.discard(env);
    if (this.closed) return;
    const waiter = this.waiting.shift();
    if (!waiter) return;
    // The environment just freed (or the slot of a discarded one) goes to the oldest waiting invocation.
    const next = this.idleEnvironment() ?? this.start();
    next.busy = true;
    waiter.resolve(next);
  }

  private idleEnvironment(): ExecutionEnvironment | undefined {
    for (const env of this.environments) if (!env.busy && !env.stale && !env.gone) return env;
    return undefined;
  }

  private async run(env: ExecutionEnvironment, event: unknown): Promise<unknown> {
    if (env.gone) throw new HandlerInvocationError(this.functionName, 'Runtime.ExitError', 'the execution environment stopped');
    const id = randomUUID();
    const timeoutMs = this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        env.current = { id, resolve, reject };
        timer = setTimeout(() => {
          // Like Lambda: a timed-out environment is discarded, a later invocation starts a fresh one.
          this.discard(env);
          reject(new HandlerInvocationError(this.functionName, 'TimeoutError', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
        }, timeoutMs);
        env.worker.postMessage({ id, requestId: randomUUID(), event, timeoutMs });
      });
      if (!reply.ok) {
        throw new HandlerInvocationError(this.functionName, reply.errorType ?? 'Error', reply.errorMessage ?? 'unknown error');
      }
      return reply.result;
    } finally {
      clearTimeout(timer);
    }
  }

  private start(): ExecutionEnvironment {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...this.environment },
      stdout: true,
      stderr: true,
      workerData: {
        bundlePath: this.options.bundlePath,
        handlerExport: this.options.handlerExport,
        functionName: this.functionName,
        functionArn: this.functionArn,
        memoryMb: this.options.memoryMb,
      },
    });
    const env: ExecutionEnvironment = { worker, busy: false, stale: false, gone: false };
    const forward = (chunk: Buffer) => {
      const onLog = this.options.onLog;
      if (!onLog) return;
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onLog(line, this.functionName);
    };
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
    worker.on('message', (reply: WorkerReply) => {
      if (env.current?.id === reply.id) env.current.resolve(reply);
    });
    worker.on('error', (err) => this.fail(env, err));
    worker.on('exit', (code) => this.fail(env, new Error(`worker exited with code ${code}`)));
    this.environments.add(env);
    return env;
  }

  private fail(env: ExecutionEnvironment, cause: Error): void {
    env.gone = true;
    this.environments.delete(env);
    const current = env.current;
    env.current = undefined;
    current?.reject(new HandlerInvocationError(this.functionName, 'Runtime.ExitError', cause.message, { cause }));
  }

  private discard(env: ExecutionEnvironment): void {
    env.gone = true;
    this.environments.delete(env);
    void env.worker.terminate();
  }
}
