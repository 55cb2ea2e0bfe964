/** Base class of every error thrown by `@notifier/lambda-kit`. */
export class LambdaKitError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LambdaKitError';
  }
}

/** An environment variable is missing or invalid; thrown once, when configuration is read. */
export class ConfigError extends LambdaKitError {
  /** Names of the offending environment variables. */
  readonly variables: readonly string[];

  constructor(message: string, variables: readonly string[], options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
    this.variables = variables;
  }
}

/** One problem found while validating input: where (dotted path) and what. */
export interface ValidationProblem {
  /** Dotted path inside the validated value, `(root)` for the value itself. */
  readonly path: string;
  /** What is wrong, in words. */
  readonly message: string;
}

/** Input from outside (an event, a record, a file) does not have the expected shape. */
export class ValidationError extends LambdaKitError {
  /** Every problem found, not only the first. */
  readonly problems: readonly ValidationProblem[];

  constructor(what: string, problems: readonly ValidationProblem[], options?: ErrorOptions) {
    super(`${what} is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, options);
    this.name = 'ValidationError';
    this.problems = problems;
  }
}

/** An S3 event-notification object key is not valid form-urlencoding. */
export class S3KeyDecodeError extends LambdaKitError {
  /** The key as it appeared in the event. */
  readonly key: string;

  constructor(key: string, options?: ErrorOptions) {
    super(`S3 object key ${JSON.stringify(key)} is not valid URL encoding`, options);
    this.name = 'S3KeyDecodeError';
    this.key = key;
  }
}

/** One record that failed in {@link processBatch}. */
export interface RecordFailure {
  /** The record's id (event id, message id...) or `#<index>` when it has none. */
  readonly id: string;
  /** Position of the record in the batch. */
  readonly index: number;
  /** Why it failed. */
  readonly error: unknown;
}

/** One record that succeeded in {@link processBatch}. */
export interface RecordSuccess<T> {
  /** The record's id (event id, message id...) or `#<index>` when it has none. */
  readonly id: string;
  /** Position of the record in the batch. */
  readonly index: number;
  /** What the record handler returned. */
  readonly value: T;
}

/** The outcome of every record of a batch. */
export interface BatchResult<T> {
  readonly successes: readonly RecordSuccess<T>[];
  readonly failures: readonly RecordFailure[];
}

/**
 * Some records of a batch failed; all records were processed first. Thrown once, after the whole batch,
 * so that the source's retry (and then its dead-letter queue) gets the invocation back.
 */
export class BatchProcessingError extends LambdaKitError {
  /** Every record's outcome, the successful ones included. */
  readonly result: BatchResult<unknown>;

  constructor(result: BatchResult<unknown>, total: number) {
    const failures = result.failures;
    super(
      `${failures.length} of ${total} record(s) failed: ${failures
        .map((f) => `${f.id}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
        .join('; ')}`,
      { cause: failures.length === 1 ? failures[0]?.error : new AggregateError(failures.map((f) => f.error)) },
    );
    this.name = 'BatchProcessingError';
    this.result = result;
  }

  /** The failed records. */
  get failures(): readonly RecordFailure[] {
    return this.result.failures;
  }
}
