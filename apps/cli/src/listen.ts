import {
  createNotifierClient,
  NOTIFICATION_KINDS,
  NotifierCatchUpError,
  NotifierClientError,
  NotifierConnectionError,
  NotifierSubscriptionError,
  type NotifierClientOptions,
  type NotifierLogger,
} from '@notifier/client';
import WebSocket from 'ws';
import type { ListenArgs } from './args';
import type { ConnectionConfig } from './connection-config';
import { jsonNotification, jsonStatus, jsonUserUpdate, prettyNotification, prettyStatus, prettyUserUpdate } from './format';

/** Where output goes and where stop signals come from. */
export interface ListenIo {
  /**
   * Where notifications go. Its `error` event (a stream's, e.g. EPIPE when the reader is gone) ends the
   * command: 0 for EPIPE (`notifier listen --json | head -1`), 1 for anything else.
   */
  stdout: { write(text: string): unknown; on?(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown };
  stderr: { write(text: string): unknown };
  /** `process` in the binary; tests pass an EventEmitter. */
  signals: {
    on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
    off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  };
}

/** Injectable parts of {@link listen}. */
export interface ListenDeps {
  /** @default the `ws` package */
  WebSocket?: NotifierClientOptions['WebSocket'];
  /** Extra client options (tests: faster backoff). */
  clientOptions?: Partial<NotifierClientOptions>;
  /** @default () => new Date() */
  now?: () => Date;
}

const KNOWN: ReadonlySet<string> = new Set(NOTIFICATION_KINDS);
const SYNC_TIMEOUT_MS = 3000;

/**
 * Runs `notifier listen` until SIGINT/SIGTERM or the reader of stdout goes away (exit code 0), a fatal
 * error (1) or an `--after` that is not a cursor (2): prints every notification once, pretty or as JSON
 * lines, and on exit the cursor to resume from.
 *
 * @example
 * ```ts
 * const code = await listen(args, config, { stdout: process.stdout, stderr: process.stderr, signals: process });
 * ```
 */
export function listen(args: ListenArgs, config: ConnectionConfig, io: ListenIo, deps: ListenDeps = {}): Promise<number> {
  const now = deps.now ?? (() => new Date());
  // Once stdout failed (its reader went away), nothing more is written to it.
  let stdoutFailed = false;
  const out = (line: string): void => {
    if (!stdoutFailed) io.stdout.write(`${line}\n`);
  };
  const err = (line: string): void => void io.stderr.write(`${line}\n`);
  const logger: NotifierLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => err(`notifier: ${message}`),
    error: (message, context) => err(`notifier: ${message}${context?.error ? `: ${String(context.error)}` : ''}`),
  };
  for (const kind of args.kinds) {
    if (!KNOWN.has(kind)) err(`notifier: ${kind} is not a kind this CLI knows; it is shown if the server sends it`);
  }

  const client = createNotifierClient({
    graphqlUrl: config.graphqlUrl,
    realtimeUrl: config.realtimeUrl,
    region: config.region,
    credentials: config.credentials,
    WebSocket: deps.WebSocket ?? (WebSocket as unknown as NotifierClientOptions['WebSocket']),
    logger,
    ...deps.clientOptions,
  });

  if (!args.json) {
    err(`notifier: listening as ${config.who} on ${config.graphqlUrl}${args.kinds.length ? ` for ${args.kinds.join(', ')}` : ''}`);
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    let finished = false;
    const finish = (code: number, cursor: string | null): void => {
      if (finished) return;
      finished = true;
      io.signals.off('SIGINT', onSignal);
      io.signals.off('SIGTERM', onSignal);
      subscription.unsubscribe();
      client.close();
      if (args.json) out(JSON.stringify({ type: 'stopped', at: now().toISOString(), cursor }));
      else if (cursor) err(`notifier: stopped; resume with --after ${cursor}`);
      else err('notifier: stopped');
      resolve(code);
    };
    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      // A last catch-up delivers anything still in flight and moves the cursor past everything
      // printed, so `--after <cursor>` resumes exactly here. Bounded: Ctrl-C must not hang offline.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${SYNC_TIMEOUT_MS} ms`)), SYNC_TIMEOUT_MS);
      });
      Promise.race([subscription.sync(), timeout]).then(
        (cursor) => {
          clearTimeout(timer);
          finish(code, cursor);
        },
        (error: unknown) => {
          clearTimeout(timer);
          err(`notifier: could not catch up before stopping (${(error as Error).message}); the cursor may lag behind`);
          finish(code, subscription.cursor());
        },
      );
    };
    let signals = 0;
    const onSignal = (): void => {
      signals += 1;
      // A second Ctrl-C skips the final catch-up.
      if (signals > 1) finish(130, subscription.cursor());
      else stop(0);
    };
    io.signals.on('SIGINT', onSignal);
    io.signals.on('SIGTERM', onSignal);
    // Left attached after finishing: a write still queued may fail later and must not become an
    // unhandled 'error' event.
    io.stdout.on?.('error', (error) => {
      if (stdoutFailed) return;
      stdoutFailed = true;
      // EPIPE: whoever read the output (`head -1`) has what it wanted; a normal end.
      if (error.code === 'EPIPE') {
        finish(0, subscription.cursor());
        return;
      }
      err(`notifier: cannot write to stdout: ${error.message}`);
      finish(1, subscription.cursor());
    });

    const subscription = client.subscribe({
      kinds: args.kinds.length > 0 ? args.kinds : undefined,
      after: args.history ? null : args.after,
      onNotification: (notification, meta) => {
        out(args.json ? jsonNotification(notification, meta.source, now()) : prettyNotification(notification, meta.source));
      },
      onUserUpdate: args.userUpdates
        ? (update) => out(args.json ? jsonUserUpdate(update, now()) : prettyUserUpdate(update))
        : undefined,
      onSubscribed: ({ reconnect }) => {
        if (args.json) out(JSON.stringify({ type: 'subscribed', at: now().toISOString(), reconnect }));
        else err(reconnect ? 'notifier: listening again; catching up on what was missed' : 'notifier: listening (Ctrl-C to stop)');
      },
      onStatus: (status) => {
        if (args.json) out(jsonStatus(status, now()));
        else err(`notifier: ${prettyStatus(status)}`);
      },
      onError: (error: NotifierClientError) => {
        if (error instanceof NotifierCatchUpError && error.fatal) {
          // The catch-up query itself was refused: with --after, the cursor given is not one AppSync issued.
          err(args.after !== undefined && !args.history ? `notifier: --after: not a valid cursor (${error.message})` : `notifier: ${error.name}: ${error.message}`);
          // No cursor to resume from: the only one is the refused one.
          setImmediate(() => finish(args.after !== undefined && !args.history ? 2 : 1, null));
          return;
        }
        err(`notifier: ${error.name}: ${error.message}`);
        const fatal = (error instanceof NotifierConnectionError || error instanceof NotifierSubscriptionError) && error.fatal;
        // A fatal error ends the only subscription this command has: nothing more can arrive.
        if (fatal) setImmediate(() => finish(1, subscription.cursor()));
      },
    });
  });
}
