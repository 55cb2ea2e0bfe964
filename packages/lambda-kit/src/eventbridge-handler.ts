import type { Context } from 'aws-lambda';
import { processBatch } from './batch';
import type { Logger } from './logger';

/** Options of {@link createEventBridgeHandler}. */
export interface EventBridgeHandlerOptions<T> {
  /** The function's logger: the invocation's context is added for the event, and removed after. */
  logger: Logger;
  /** The log message of a failed event, e.g. `'bulk-load announcement failed'`. */
  failureMessage: string;
  /** The time (epoch ms) by which the work must be done, from the invocation's context. */
  deadlineOf: (context: Context) => number;
  /** Handles the event before the deadline. */
  handle: (event: unknown, deadline: number) => Promise<T>;
}

/**
 * Builds a handler for an EventBridge target, which Lambda invokes with one event: the event runs through
 * {@link processBatch} (so a failure is logged with the event id and the invocation fails with one
 * {@link BatchProcessingError}, for EventBridge's retry and then the dead-letter queue), with the
 * invocation's context on every log line.
 *
 * @example
 * ```ts
 * export const handler = createEventBridgeHandler({
 *   logger,
 *   failureMessage: 'model announcement failed',
 *   deadlineOf: (context) => deadlineFromContext(context, 1000),
 *   handle: (event, deadline) => announce(event, deadline),
 * });
 * ```
 */
export function createEventBridgeHandler<T>(options: EventBridgeHandlerOptions<T>): (event: unknown, context: Context) => Promise<T[]> {
  const { logger } = options;
  return async (event, context) => {
    logger.addContext(context);
    const deadline = options.deadlineOf(context);
    try {
      const { successes } = await processBatch([event], (record) => options.handle(record, deadline), {
        recordId: eventIdOf,
        onFailure: (failure) => logger.error(options.failureMessage, { eventId: failure.id, error: failure.error }),
      });
      return successes.map((s) => s.value);
    } finally {
      logger.resetKeys();
    }
  };
}

/** The EventBridge event id, when the event has one (a malformed event may not). */
function eventIdOf(event: unknown): string | undefined {
  const id = (event as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
