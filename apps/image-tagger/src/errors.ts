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
 * The trigger event is of no S3 shape this function can handle (a malformed record fails alone, with lambda-kit's error).
 *
 * @example
 * throw new MalformedEventError('S3 event is invalid: (root): not an S3 event');
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
 * throw new TaggingFailedError(`s3://bucket/key: DetectLabels failed: ${causeText(err)}`, { cause: err });
 */
export class TaggingFailedError extends ImageTaggerError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TaggingFailedError';
  }
}

/**
 * The name and message of a wrapped error, `AccessDenied: Access Denied`, for the wrapper's message: Lambda and the
 * dead-letter queue's `ErrorMessage` carry only messages, not causes.
 *
 * @example
 * throw new TaggingFailedError(`${where}: HeadObject failed: ${causeText(error)}`, { cause: error });
 */
export function causeText(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
