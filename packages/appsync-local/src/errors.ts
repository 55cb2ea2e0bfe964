/**
 * Base class of every error raised by `@notifier/appsync-local`.
 *
 * @example
 * ```ts
 * try { await startLocalAppSync({ assemblyDir }); } catch (e) { if (e instanceof AppSyncLocalError) ... }
 * ```
 */
export class AppSyncLocalError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppSyncLocalError';
  }
}

/**
 * Invalid options given to a factory (missing assembly, bad fault rate, ...).
 *
 * @example
 * ```ts
 * throw new AppSyncLocalConfigError('faults.errorRate must be between 0 and 1');
 * ```
 */
export class AppSyncLocalConfigError extends AppSyncLocalError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppSyncLocalConfigError';
  }
}

/**
 * The cloud assembly does not describe an API this server can run (no GraphQL API, an unknown
 * data source kind, a resolver without code, ...).
 *
 * @example
 * ```ts
 * throw new ModelLoadError('Resolver Mutation.addUser references unknown data source users');
 * ```
 */
export class ModelLoadError extends AppSyncLocalError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}

/**
 * A data source request object a resolver returned is malformed or names an unsupported operation.
 *
 * @example
 * ```ts
 * throw new DataSourceRequestError('Unsupported DynamoDB operation: TransactWriteItems');
 * ```
 */
export class DataSourceRequestError extends AppSyncLocalError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataSourceRequestError';
  }
}

/**
 * An enhanced subscription filter (`extensions.setSubscriptionFilter`) is not valid AppSync filter JSON.
 *
 * @example
 * ```ts
 * throw new SubscriptionFilterError('Unknown filter operator: regex');
 * ```
 */
export class SubscriptionFilterError extends AppSyncLocalError {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SubscriptionFilterError';
  }
}
