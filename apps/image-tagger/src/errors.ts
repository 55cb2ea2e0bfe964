/**
 * Base class of every error image-tagger throws.
 *
 * @example
 * if (err instanceof ImageTaggerError) logger.error('tagging failed', { error: err });
 */
export class ImageTaggerError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImageTaggerError';
  }
}

/**
 * The environment does not hold a valid configuration (thrown once, at cold start).
 *
 * @example
 * throw new ImageTaggerConfigError('MAX_LABELS: must be an integer between 1 and 1000');
 */
export class ImageTaggerConfigError extends ImageTaggerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ImageTaggerConfigError';
  }
}

/**
 * The trigger event (or one record of it) is not an S3 `Object Created` event this function can handle.
 *
 * @example
 * throw new MalformedEventError('detail.object.key: expected string');
 */
export class MalformedEventError extends ImageTaggerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedEventError';
  }
}

/**
 * Processing one object failed for a reason that a retry may fix (AppSync unreachable, throttled past the
 * deadline, S3 unavailable); the invocation fails so that the asynchronous retry takes it again.
 *
 * @example
 * throw new TaggingFailedError('s3://bucket/key: DetectLabels failed', { cause: err });
 */
export class TaggingFailedError extends ImageTaggerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TaggingFailedError';
  }
}

/**
 * One or more records of an invocation failed; every other record was processed. The message names each failure.
 *
 * @example
 * throw new RecordsFailedError([{ id: 'record-0', error }]);
 */
export class RecordsFailedError extends ImageTaggerError {
  /** The failed records, in event order. */
  public readonly failures: ReadonlyArray<{ id: string; error: Error }>;

  public constructor(failures: ReadonlyArray<{ id: string; error: Error }>, options?: ErrorOptions) {
    super(
      `${failures.length} record(s) failed: ${failures.map((f) => `${f.id}: ${f.error.name}: ${f.error.message}`).join('; ')}`,
      { cause: failures[0]?.error, ...options },
    );
    this.name = 'RecordsFailedError';
    this.failures = failures;
  }
}
