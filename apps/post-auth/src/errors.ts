/** Base class of the errors of post-auth. */
export class PostAuthError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PostAuthError';
  }
}

/** The `addUser` call did not complete (AppSync unreachable, denied, or past the time budget). */
export class ProfileSyncError extends PostAuthError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ProfileSyncError';
  }
}
