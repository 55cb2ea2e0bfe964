/** One condition of an enhanced subscription filter group. */
export interface SubscriptionFilterEntry {
  fieldName: string;
  /** eq, ne, le, lt, ge, gt, contains, notContains, beginsWith, in, notIn, between, containsAny. */
  operator: string;
  value: unknown;
}

/** An enhanced subscription filter: any group may match; all filters of a group must. */
export interface SubscriptionFilter {
  filterGroup: Array<{ filters: SubscriptionFilterEntry[] }>;
}

/** Options of {@link createInvocationRuntime}. */
export interface InvocationRuntimeOptions {
  /** Parent type of the field being resolved (`Query`, `Mutation`, `Subscription`, ...). */
  typeName: string;
  /** Field being resolved (used in `util.unauthorized()`'s message). */
  fieldName: string;
  /**
   * Clock for `util.time.*`, `autoUlid`, `autoKsuid`, in epoch milliseconds.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Generator behind `util.autoId()`.
   * @default crypto.randomUUID
   */
  autoId?: () => string;
  /**
   * Random bytes for `autoUlid` / `autoKsuid`.
   * @default crypto.randomBytes
   */
  randomBytes?: (size: number) => Uint8Array;
  /**
   * Random number in [0, 1) for `util.math.randomDouble` / `randomWithinRange`.
   * @default Math.random
   */
  random?: () => number;
  /**
   * What `util.authType()` answers (`IAM Authorization`, `User Pool Authorization`,
   * `Open ID Connect Authorization`, `API Key Authorization`, `Lambda Authorization`).
   * @default 'IAM Authorization'
   */
  authType?: string;
  /**
   * Receives each `console.*` call of the resolver code (also kept in `state.logs`).
   * @default undefined (kept in state only)
   */
  log?: (entry: LogEntry) => void;
}

/** One `util.appendError` call, in the shape of an AppSync GraphQL error's extra fields. */
export interface AppendedError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** One `console.*` call of resolver code. */
export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  args: unknown[];
}

/** Side effects of one invocation, read by the caller after the handler returns or throws. */
export interface InvocationState {
  /** `util.appendError` calls, in order. */
  errors: AppendedError[];
  /** Set by `extensions.setSubscriptionFilter` (subscription request/response handlers). */
  subscriptionFilter: SubscriptionFilter | null;
  /** Set by `extensions.setSubscriptionInvalidationFilter`. */
  subscriptionInvalidationFilter: SubscriptionFilter | null;
  /** `extensions.invalidateSubscriptions` calls. */
  invalidations: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  /** `extensions.evictFromApiCache` calls. */
  cacheEvictions: Array<{ typeName: string; fieldName: string; keys: Record<string, unknown> }>;
  /** `util.http.addResponseHeader(s)` calls. */
  responseHeaders: Record<string, unknown>;
  /** Set when `runtime.earlyReturn` was called (the handler threw an `EarlyReturnSignal`). */
  earlyReturn: { value: unknown; skipTo: 'END' | 'NEXT' | undefined } | undefined;
  /** `console.*` calls. */
  logs: LogEntry[];
}

/** The `@aws-appsync/utils` module object resolver code imports. */
export interface AppSyncUtilsModule {
  readonly util: Record<string, unknown>;
  readonly extensions: Record<string, unknown>;
  readonly runtime: Record<string, unknown>;
}

/** What {@link createInvocationRuntime} returns. */
export interface InvocationRuntime {
  /** Hand this to resolver code as `@aws-appsync/utils` ({@link loadResolverModule} does). */
  module: AppSyncUtilsModule;
  /** The `console` resolver code sees (records into `state.logs`). */
  console: Record<'log' | 'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void>;
  /** Side effects of this invocation. */
  state: InvocationState;
}

/** A loaded resolver or pipeline function: its two handlers. */
export interface ResolverModule {
  /** The request handler; its return value is JSON round-tripped like AppSync's (undefined -> null). */
  request(ctx: unknown): unknown;
  /** The response handler; same serialisation as `request`. */
  response(ctx: unknown): unknown;
}
