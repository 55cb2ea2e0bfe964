import { BatchProcessingError } from '../src/errors';

/**
 * The {@link BatchProcessingError} a handler's promise rejects with, for assertions on its failures; throws when the
 * promise resolves or rejects with anything else.
 *
 * @example
 * ```ts
 * const error = await batchFailureOf(handler(event, lambdaContext()));
 * expect(error.failures.map((f) => f.id)).toEqual(['evt-1']);
 * ```
 */
export async function batchFailureOf(promise: Promise<unknown>): Promise<BatchProcessingError> {
  let outcome: { resolved: unknown } | { rejected: unknown };
  try {
    outcome = { resolved: await promise };
  } catch (error) {
    outcome = { rejected: error };
  }
  if ('rejected' in outcome && outcome.rejected instanceof BatchProcessingError) return outcome.rejected;
  const got = 'resolved' in outcome ? `it resolved with ${JSON.stringify(outcome.resolved)}` : `it rejected with ${String(outcome.rejected)}`;
  throw new Error(`expected a BatchProcessingError, but ${got}`);
}
