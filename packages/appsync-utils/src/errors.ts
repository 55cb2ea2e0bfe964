/**
 * Base class of everything `@notifier/appsync-utils` throws.
 *
 * @example
 * if (error instanceof AppSyncUtilsError) console.error(error.name, error.message);
 */
export class AppSyncUtilsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppSyncUtilsError';
  }
}

/**
 * A resolver called `util.error(...)`: the field resolves to null and this error joins the
 * response's `errors` (`message`, `errorType`, `data`, `errorInfo`).
 *
 * @example
 * if (error instanceof ResolverError) errors.push({ message: error.message, errorType: error.errorType });
 */
export class ResolverError extends AppSyncUtilsError {
  /** AppSync's `errorType` (absent when the resolver gave none). */
  readonly errorType: string | undefined;
  /** Added to the GraphQL error's `data` (filtered by the selection set). */
  readonly data: unknown;
  /** Added to the GraphQL error's `errorInfo` (not filtered). */
  readonly errorInfo: unknown;

  constructor(message: string, errorType?: string, data?: unknown, errorInfo?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResolverError';
    this.errorType = errorType ?? undefined;
    this.data = data ?? null;
    this.errorInfo = errorInfo ?? null;
  }
}

/**
 * A resolver called `util.unauthorized()`: AppSync's `Unauthorized` error for the field.
 *
 * @example
 * new UnauthorizedError('me', 'Query').message // 'Not Authorized to access me on type Query'
 */
export class UnauthorizedError extends ResolverError {
  constructor(fieldName: string, typeName: string, options?: ErrorOptions) {
    super(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized', null, null, options);
    this.name = 'UnauthorizedError';
  }
}

/**
 * Thrown by `runtime.earlyReturn(value, options)` to stop the current handler; the caller
 * (the local AppSync) catches it and continues as AppSync does (skip the data source, or with
 * `skipTo: 'END'` the rest of the pipeline).
 *
 * @example
 * catch (e) { if (e instanceof EarlyReturnSignal) result = e.value; }
 */
export class EarlyReturnSignal extends AppSyncUtilsError {
  /** The value passed to `runtime.earlyReturn` (`null` when none). */
  readonly value: unknown;
  /** `NEXT` (default in functions) or `END`. */
  readonly skipTo: 'END' | 'NEXT' | undefined;

  constructor(value: unknown, skipTo?: 'END' | 'NEXT') {
    super('runtime.earlyReturn');
    this.name = 'EarlyReturnSignal';
    this.value = value === undefined ? null : value;
    this.skipTo = skipTo;
  }
}

/**
 * A resolver used a utility this local runtime does not implement (`util.rds`, `util.xml`, ...).
 *
 * @example
 * // util.xml.toMap('<a/>') -> UnsupportedUtilityError: util.xml.toMap is not supported locally
 */
export class UnsupportedUtilityError extends AppSyncUtilsError {
  constructor(utility: string, options?: ErrorOptions) {
    super(`${utility} is not supported by the local APPSYNC_JS runtime`, options);
    this.name = 'UnsupportedUtilityError';
  }
}

/**
 * A resolver called a utility with arguments AppSync would reject (e.g. a non-string to base64Encode).
 *
 * @example
 * // util.time.parseISO8601ToEpochMilliSeconds('yesterday') -> UtilityArgumentError
 */
export class UtilityArgumentError extends AppSyncUtilsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UtilityArgumentError';
  }
}

/**
 * A resolver file could not be loaded: syntax error, an import other than `@aws-appsync/utils`,
 * or no `request`/`response` export.
 *
 * @example
 * try { loadResolverModule(code, module); } catch (e) { if (e instanceof ResolverModuleError) ... }
 */
export class ResolverModuleError extends AppSyncUtilsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResolverModuleError';
  }
}

/**
 * Resolver code threw something other than `util.error` / `util.unauthorized` /
 * `runtime.earlyReturn` (a bug in the resolver, e.g. a TypeError); the original is the `cause`.
 *
 * @example
 * catch (e) { if (e instanceof ResolverExecutionError) errors.push({ message: e.message, errorType: 'Code' }); }
 */
export class ResolverExecutionError extends AppSyncUtilsError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResolverExecutionError';
  }
}
