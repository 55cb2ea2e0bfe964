import { BatchProcessingError, type BatchResult, type RecordFailure, type RecordSuccess } from './errors';

/** Options of {@link processBatch}. */
export interface ProcessBatchOptions<R> {
  /**
   * The id that names a record in logs and in the {@link BatchProcessingError} message
   * (EventBridge `id`, SQS `messageId`, S3 `sequencer`...).
   * @default `#<index>`
   */
  recordId?: (record: R, index: number) => string | undefined;
  /**
   * How many records run at the same time. Record handlers are independent, so order is not kept.
   * @default 1
   */
  concurrency?: number;
  /**
   * Called once per failed record, right when it fails (e.g. to log it with context).
   * @default no callback
   */
  onFailure?: (failure: RecordFailure, record: R) => void;
}

/**
 * Runs `handler` on every record of a batch, never stopping at a failure, then throws one
 * {@link BatchProcessingError} naming every failed record (or returns every result when none failed).
 *
 * For sources without partial batch responses (EventBridge, S3, Cognito, direct invokes): the whole
 * invocation is retried, which is safe when each record's effect is idempotent.
 *
 * @example
 * ```ts
 * const { successes } = await processBatch(event.Records, (r) => notify(r), {
 *   recordId: (r) => r.messageId,
 *   onFailure: (f) => logger.error('record failed', { recordId: f.id, error: f.error }),
 * });
 * ```
 */
export async function processBatch<R, T>(
  records: readonly R[],
  handler: (record: R, index: number) => Promise<T>,
  options: ProcessBatchOptions<R> = {},
): Promise<BatchResult<T>> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const successes: RecordSuccess<T>[] = [];
  const failures: RecordFailure[] = [];
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < records.length) {
      const index = next++;
      const record = records[index] as R;
      const id = safeRecordId(options.recordId, record, index);
      try {
        successes.push({ id, index, value: await handler(record, index) });
      } catch (error) {
        const failure: RecordFailure = { id, index, error };
        failures.push(failure);
        options.onFailure?.(failure, record);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, records.length) }, worker));

  const byIndex = (a: { index: number }, b: { index: number }): number => a.index - b.index;
  const result: BatchResult<T> = { successes: successes.sort(byIndex), failures: failures.sort(byIndex) };
  if (failures.length > 0) throw new BatchProcessingError(result, records.length);
  return result;
}

function safeRecordId<R>(recordId: ProcessBatchOptions<R>['recordId'], record: R, index: number): string {
  try {
    return recordId?.(record, index) || `#${index}`;
  } catch {
    // A malformed record may not even have the field the id is read from; it still needs a name.
    return `#${index}`;
  }
}
