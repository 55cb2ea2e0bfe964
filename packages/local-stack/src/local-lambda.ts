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
}

interface WorkerReply {
  id: string;
  ok: boolean;
  result?: unknown;
  errorType?: string;
  errorMessage?: string;
}

// Runs inside the worker: imports the bundle once (a warm container), then serves invocations one at a time.
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

/**
 * Runs one bundled Lambda handler in a worker thread with its own environment, the way Lambda runs a
 * warm container: one invocation at a time, a real `context` with `getRemainingTimeInMillis`, and a
 * fresh container after a timeout.
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
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<string, { worker: Worker; resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private closed = false;

  public constructor(options: LocalLambdaOptions) {
    if (!options.bundlePath) throw new LocalStackError(`LocalLambda ${options.functionName}: bundlePath is required`);
    this.options = { handlerExport: 'handler', timeoutMs: 30_000, memoryMb: 256, ...options };
    this.functionName = options.functionName;
    this.functionArn = `arn:aws:lambda:${options.region}:${options.accountId}:function:${options.functionName}`;
  }

  /** Invokes the handler with `event`; resolves its result or rejects with {@link HandlerInvocationError}. */
  public invoke(event: unknown): Promise<unknown> {
    const run = this.queue.then(() => this.invokeNow(event));
    // The queue continues whatever this invocation's outcome.
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the worker; pending invocations reject. */
  public async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private async invokeNow(event: unknown): Promise<unknown> {
    if (this.closed) throw new LocalStackError(`${this.functionName} is closed`);
    const worker = this.ensureWorker();
    const id = randomUUID();
    const timeoutMs = this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const reply = await new Promise<WorkerReply>((resolve, reject) => {
        this.pending.set(id, { worker, resolve, reject });
        timer = setTimeout(() => {
          this.pending.delete(id);
          // Like Lambda: a timed-out container is discarded, the next invocation starts a fresh one.
          void this.discardWorker(worker);
          reject(new HandlerInvocationError(this.functionName, 'TimeoutError', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
        }, timeoutMs);
        worker.postMessage({ id, requestId: randomUUID(), event, timeoutMs });
      });
      if (!reply.ok) {
        throw new HandlerInvocationError(this.functionName, reply.errorType ?? 'Error', reply.errorMessage ?? 'unknown error');
      }
      return reply.result;
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: { ...this.options.environment },
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
    const forward = (chunk: Buffer) => {
      const onLog = this.options.onLog;
      if (!onLog) return;
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) onLog(line, this.functionName);
    };
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
    worker.on('message', (reply: WorkerReply) => this.pending.get(reply.id)?.resolve(reply));
    worker.on('error', (err) => this.failAll(worker, err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(worker, new Error(`worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(worker: Worker, cause: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, waiter] of this.pending) {
      if (waiter.worker !== worker) continue;
      this.pending.delete(id);
      waiter.reject(new HandlerInvocationError(this.functionName, 'Runtime.ExitError', cause.message, { cause }));
    }
  }

  private async discardWorker(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = undefined;
    await worker.terminate();
  }
}
