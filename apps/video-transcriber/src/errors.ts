/**
 * Base class of every error video-transcriber throws.
 *
 * @example
 * if (err instanceof VideoTranscriberError) logger.error('transcription step failed', { error: err });
 */
export class VideoTranscriberError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'VideoTranscriberError';
  }
}

/**
 * The trigger event (or one record of it) is not an event this function can handle.
 *
 * @example
 * throw new MalformedEventError('detail.TranscriptionJobName: expected string, received undefined');
 */
export class MalformedEventError extends VideoTranscriberError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedEventError';
  }
}

/**
 * Starting a transcription job failed for a reason a retry may fix (throttling past the deadline, Transcribe or S3
 * unavailable, access denied); the invocation fails so the asynchronous retry takes the record again.
 *
 * @example
 * throw new StartTranscriptionError(`s3://media/private/x/talk.mp4: StartTranscriptionJob failed: ${causeText(cause)}`, { cause });
 */
export class StartTranscriptionError extends VideoTranscriberError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartTranscriptionError';
  }
}

/**
 * A finished job could not be turned into a notification (job or transcript unreadable, job not finished yet although
 * its event said so); the invocation fails and the asynchronous retry or the next sweep takes it again.
 *
 * @example
 * throw new JobResultError(`notifier-talk.mp4-1a2b: transcript unreadable: ${causeText(cause)}`, { cause });
 */
export class JobResultError extends VideoTranscriberError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'JobResultError';
  }
}

/**
 * The name and message of a wrapped error, `AccessDenied: Access Denied`, for the wrapper's message: Lambda and the
 * dead-letter queue's `ErrorMessage` carry only messages, not causes.
 *
 * @example
 * throw new JobResultError(`${jobName}: GetTranscriptionJob failed: ${causeText(error)}`, { cause: error });
 */
export function causeText(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
