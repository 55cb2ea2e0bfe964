/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /**
   * How long to wait before giving up.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * What is awaited, for the error message.
   * @default 'the condition'
   */
  what?: string;
  /**
   * Pause between two checks.
   * @default 10
   */
  intervalMs?: number;
}

/**
 * Waits until `check` holds, checking every `intervalMs` on real timers, or throws naming `what` after `timeoutMs`:
 * for what arrives over real sockets (a delivery, an acknowledgement, a closed connection), without fixed sleeps.
 *
 * @example
 * ```ts
 * await eventually(() => received.length > 0, { what: 'the notification' });
 * ```
 */
export async function eventually(check: () => boolean, options: EventuallyOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'the condition'}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
