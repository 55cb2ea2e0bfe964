import { BatchProcessingError, processBatch, type RecordFailure } from '../src';

describe('Function: processBatch', () => {
  it('returns every result in record order when all records succeed', async () => {
    // Prepare
    const records = [3, 1, 2];

    // Act
    const result = await processBatch(records, async (n) => n * 10, { concurrency: 3 });

    // Assess
    expect(result.failures).toEqual([]);
    expect(result.successes.map((s) => s.value)).toEqual([30, 10, 20]);
    expect(result.successes.map((s) => s.id)).toEqual(['#0', '#1', '#2']);
  });

  it('processes every record after a failure and then throws one error naming the failed ones', async () => {
    // Prepare
    const seen: string[] = [];
    const onFailure = jest.fn<void, [RecordFailure, { id: string }]>();
    const records = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

    // Act
    const error = await processBatch(
      records,
      async (r) => {
        seen.push(r.id);
        if (r.id === 'b' || r.id === 'd') throw new Error(`bad ${r.id}`);
        return r.id;
      },
      { recordId: (r) => r.id, onFailure },
    ).catch((e: unknown) => e);

    // Assess
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(error).toBeInstanceOf(BatchProcessingError);
    const batchError = error as BatchProcessingError;
    expect(batchError.message).toBe('2 of 4 record(s) failed: b: bad b; d: bad d');
    expect(batchError.failures.map((f) => [f.id, f.index])).toEqual([
      ['b', 1],
      ['d', 3],
    ]);
    expect(batchError.result.successes.map((s) => s.value)).toEqual(['a', 'c']);
    expect(batchError.cause).toBeInstanceOf(AggregateError);
    expect(onFailure).toHaveBeenCalledTimes(2);
    expect(onFailure.mock.calls[0]?.[1]).toEqual({ id: 'b' });
  });

  it('keeps the original error as cause when a single record fails', async () => {
    // Prepare
    const original = new TypeError('boom');

    // Act
    const error = (await processBatch([1], async () => {
      throw original;
    }).catch((e: unknown) => e)) as BatchProcessingError;

    // Assess
    expect(error.cause).toBe(original);
    expect(error.message).toBe('1 of 1 record(s) failed: #0: boom');
  });

  it('names a record by its index when reading its id throws', async () => {
    // Prepare
    const records: unknown[] = [null];

    // Act
    const error = (await processBatch(
      records,
      async () => {
        throw new Error('malformed');
      },
      { recordId: (r) => (r as { id: string }).id },
    ).catch((e: unknown) => e)) as BatchProcessingError;

    // Assess
    expect(error.failures[0]?.id).toBe('#0');
  });

  it('runs no more records at once than the concurrency allows', async () => {
    // Prepare
    let running = 0;
    let peak = 0;

    // Act
    await processBatch(Array.from({ length: 10 }, (_, i) => i), async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
    }, { concurrency: 3 });

    // Assess
    expect(peak).toBe(3);
  });

  it('returns empty results for an empty batch', async () => {
    // Act
    const result = await processBatch([], async () => 1);

    // Assess
    expect(result).toEqual({ successes: [], failures: [] });
  });
});
