/**
 * Base class of every error the stand-ins throw to their callers (not the AWS errors they answer with).
 *
 * @example
 * if (err instanceof AwsStandinError) console.error(err.message);
 */
export class AwsStandinError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AwsStandinError';
  }
}

/**
 * A stand-in was started with options it cannot work with.
 *
 * @example
 * throw new StandinConfigError('s3Endpoint must be an http(s) URL');
 */
export class StandinConfigError extends AwsStandinError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StandinConfigError';
  }
}

/**
 * An AWS service error as the stand-in answers it on the wire: `{ "__type": type, "message": message }` with the HTTP
 * status and the `x-amzn-ErrorType` header, so the AWS SDK raises an exception of that name.
 *
 * @example
 * throw new ServiceError('InvalidImageFormatException', 'Request has invalid image format');
 */
export class ServiceError extends AwsStandinError {
  /** The AWS error code (`__type`), e.g. `ConflictException`. */
  public readonly type: string;
  /** HTTP status of the answer. */
  public readonly status: number;

  public constructor(type: string, message: string, status = 400, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceError';
    this.type = type;
    this.status = status;
  }
}
