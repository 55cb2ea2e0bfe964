/**
 * Base of every error the page raises.
 *
 * @example
 * if (error instanceof WebError) showProblem(error.message);
 */
export class WebError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebError';
  }
}

/**
 * `notifier-config.json` is missing or malformed.
 *
 * @example
 * throw new WebConfigError('notifier-config.json is invalid: region: required string');
 */
export class WebConfigError extends WebError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebConfigError';
  }
}

/**
 * Signing in, or keeping the sign-in fresh, failed.
 *
 * @example
 * throw new SignInError('Sign-in needs another step (NEW_PASSWORD_REQUIRED), which this page does not support');
 */
export class SignInError extends WebError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SignInError';
  }
}

/**
 * The link to a full transcript cannot be made (not the user's own transcript, or signing failed).
 *
 * @example
 * throw new TranscriptLinkError('s3://other/x.json is not in your private folder of uploads');
 */
export class TranscriptLinkError extends WebError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TranscriptLinkError';
  }
}
