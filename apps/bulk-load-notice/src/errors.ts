/** Base class of the errors of bulk-load-notice. */
export class BulkLoadNoticeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BulkLoadNoticeError';
  }
}

/** A `manifest.json` cannot be read or does not describe a load (size, JSON, fields). */
export class ManifestError extends BulkLoadNoticeError {
  /** `s3://bucket/key` of the manifest. */
  readonly location: string;

  constructor(location: string, reason: string, options?: ErrorOptions) {
    super(`manifest ${location} ${reason}`, options);
    this.name = 'ManifestError';
    this.location = location;
  }
}

/** The `notifyDatasetRefreshed` call failed for good (its `cause` is the signer's error). */
export class NotifyError extends BulkLoadNoticeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotifyError';
  }
}
