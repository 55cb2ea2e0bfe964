import { BatchProcessingError, createEventBridgeHandler } from '../src';
import type { Logger } from '../src';
import { lambdaContext } from '../testing';

describe('Function: createEventBridgeHandler', () => {
  const event = () => structuredClone({ version: '0', id: 'e-1', 'detail-type': 'Bulk Load Completed', source: 'notifier.bulk-load', detail: { dataset: 'sales' } });
  const fakeLogger = () => ({ addContext: jest.fn(), resetKeys: jest.fn(), error: jest.fn() });

  it('handles the event before the deadline and returns its outcome, with the context logged only during the invocation', async () => {
    // Prepare
    const logger = fakeLogger();
    const context = lambdaContext({ remainingMs: 5_000 });
    const handle = jest.fn(async (e: unknown, deadline: number) => ({ id: (e as { id: string }).id, deadline }));
    const handler = createEventBridgeHandler({ logger: logger as unknown as Logger, failureMessage: 'failed', deadlineOf: () => 1_234, handle });

    // Act
    const outcomes = await handler(event(), context);

    // Assess
    expect(outcomes).toEqual([{ id: 'e-1', deadline: 1_234 }]);
    expect(logger.addContext).toHaveBeenCalledWith(context);
    expect(logger.resetKeys).toHaveBeenCalledTimes(1);
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs a failed event with its id and fails the invocation with one error naming it', async () => {
    // Prepare
    const logger = fakeLogger();
    const handler = createEventBridgeHandler({
      logger: logger as unknown as Logger,
      failureMessage: 'bulk-load announcement failed',
      deadlineOf: () => Date.now() + 1_000,
      handle: async () => {
        throw new Error('AppSync unreachable');
      },
    });

    // Act
    const error = await handler(event(), lambdaContext()).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(BatchProcessingError);
    expect((error as Error).message).toContain('e-1');
    expect(logger.error).toHaveBeenCalledWith('bulk-load announcement failed', expect.objectContaining({ eventId: 'e-1' }));
    expect(logger.resetKeys).toHaveBeenCalledTimes(1);
  });

  it('names an event without an id by its position', async () => {
    // Prepare
    const logger = fakeLogger();
    const handler = createEventBridgeHandler({ logger: logger as unknown as Logger, failureMessage: 'failed', deadlineOf: () => 0, handle: async () => Promise.reject(new Error('malformed')) });

    // Act
    const error = await handler({ detail: {} }, lambdaContext()).catch((e: unknown) => e);

    // Assess
    expect((error as BatchProcessingError).failures[0]?.id).toBe('#0');
  });
});
