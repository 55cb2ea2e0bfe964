import { BatchProcessingError, processBatch } from '../src';
import { batchFailureOf } from '../testing';

describe('Function: batchFailureOf', () => {
  it('returns the BatchProcessingError a promise rejects with', async () => {
    // Prepare
    const run = processBatch(['a', 'b'], async (r) => {
      if (r === 'b') throw new Error('bad b');
    });

    // Act
    const error = await batchFailureOf(run);

    // Assess
    expect(error).toBeInstanceOf(BatchProcessingError);
    expect(error.failures.map((f) => f.id)).toEqual(['#1']);
  });

  it('throws, saying what happened, when the promise resolves or rejects with another error', async () => {
    // Act & Assess
    await expect(batchFailureOf(Promise.resolve({ ok: true }))).rejects.toThrow('expected a BatchProcessingError, but it resolved with {"ok":true}');
    await expect(batchFailureOf(Promise.reject(new TypeError('boom')))).rejects.toThrow('expected a BatchProcessingError, but it rejected with TypeError: boom');
  });
});
