/** Base error of `@notifier/local-stack`. */
export class LocalStackError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A bundled handler failed (threw, rejected or timed out) while the local stack invoked it. */
export class HandlerInvocationError extends LocalStackError {
  public readonly functionName: string;
  public readonly errorType: string;
  /** The handler's own error message, as Lambda reports it in `errorMessage`. */
  public readonly errorMessage: string;

  public constructor(functionName: string, errorType: string, errorMessage: string, options?: ErrorOptions) {
    super(`${functionName} failed: ${errorType}: ${errorMessage}`, options);
    this.name = 'HandlerInvocationError';
    this.functionName = functionName;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }
}
