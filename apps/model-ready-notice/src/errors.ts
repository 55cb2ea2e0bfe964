/** Base class of the errors of model-ready-notice. */
export class ModelReadyNoticeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelReadyNoticeError';
  }
}

/** The `notifyModelReady` call failed for good (its `cause` is the signer's error). */
export class NotifyError extends ModelReadyNoticeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifyError';
  }
}
