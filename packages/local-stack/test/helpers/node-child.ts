import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** One JSON line a child script wrote on stdout. */
export interface ChildEvent {
  event: string;
  [key: string]: unknown;
}

/** Options of {@link startNodeChild}. */
export interface NodeChildOptions {
  /** The script to run with this machine's Node.js. */
  script: string;
  /**
   * Node.js flags placed before the script (e.g. `--experimental-websocket` on Node.js 20).
   * @default []
   */
  nodeArgs?: string[];
  /**
   * Extra environment, merged over this process's (`NODE_EXTRA_CA_CERTS` is read only at start).
   * @default {}
   */
  env?: Record<string, string>;
  /** Working directory (where the script's bare imports resolve from its own location anyway). */
  cwd?: string;
}

/** A running child script speaking JSON lines on stdout and taking text commands on stdin. */
export interface NodeChild {
  /** Every event received so far, in order. */
  readonly events: readonly ChildEvent[];
  /** Resolves with the first event (past or future) that matches; rejects when the child exits first or on timeout. */
  waitFor(predicate: (event: ChildEvent) => boolean, timeoutMs: number): Promise<ChildEvent>;
  /** Writes one command line to the child's stdin. */
  send(command: string): void;
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** What the child wrote on stderr so far. */
  stderr(): string;
  /** Kills the child if it is still running and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Runs a Node.js script in a child process (for clients that need process-wide settings such as
 * `NODE_EXTRA_CA_CERTS` or a global WebSocket) and collects the JSON lines it prints.
 *
 * @example
 * const child = startNodeChild({ script, nodeArgs: ['--experimental-websocket'], env: { NODE_EXTRA_CA_CERTS: caFile } });
 * await child.waitFor((e) => e.event === 'ready', 10_000);
 */
export function startNodeChild(options: NodeChildOptions): NodeChild {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const events: ChildEvent[] = [];
  const waiters = new Set<{ predicate: (event: ChildEvent) => boolean; resolve: (event: ChildEvent) => void }>();
  let stderr = '';
  let buffered = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let event: ChildEvent;
      try {
        event = JSON.parse(line) as ChildEvent;
      } catch {
        // A stray line (a library's console output) is kept as what it is, not dropped.
        event = { event: 'stdout', line };
      }
      events.push(event);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(event)) {
          waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
    }
  });
  // stdin errors (EPIPE after the child exited) surface through `exited` and `stderr`, not as crashes.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return {
    events,
    waitFor(predicate, timeoutMs) {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<ChildEvent>((resolve, reject) => {
        const waiter = { predicate, resolve: (event: ChildEvent) => (clearTimeout(timer), resolve(event)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`child event not seen within ${timeoutMs} ms; events: ${JSON.stringify(events)}; stderr: ${stderr}`));
        }, timeoutMs);
        waiters.add(waiter);
        void exited.then((code) => {
          if (!waiters.delete(waiter)) return;
          clearTimeout(timer);
          reject(new Error(`child exited with code ${code} first; events: ${JSON.stringify(events)}; stderr: ${stderr}`));
        });
      });
    },
    send(command) {
      child.stdin.write(`${command}\n`);
    },
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
