/** JSON log lines written to stdout and stderr while capturing. */
export interface CapturedLogs {
  /** Parsed JSON lines, in order (non-JSON writes are kept as `{ raw }`). */
  readonly lines: Record<string, unknown>[];
  /** Lines whose `message` equals `message`. */
  withMessage(message: string): Record<string, unknown>[];
  /** Stops capturing and restores `process.stdout.write` and `process.stderr.write`. */
  restore(): void;
}

/**
 * Captures what the Powertools Logger prints (JSON lines: stdout, and stderr for errors) instead of printing it.
 *
 * @example
 * ```ts
 * const logs = captureLogs();
 * await handler(event, context);
 * expect(logs.withMessage('notification sent')[0]).toMatchObject({ notificationId: 'n-1' });
 * logs.restore();
 * ```
 */
export function captureLogs(): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = ((chunk: string | Uint8Array): boolean => {
    for (const text of String(chunk).split('\n')) {
      if (text.trim() === '') continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        lines.push({ raw: text });
      }
    }
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  return {
    lines,
    withMessage: (message) => lines.filter((l) => l.message === message),
    restore: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}
