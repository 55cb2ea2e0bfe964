// @notifier/appsync-utils: a local, faithful implementation of the APPSYNC_JS runtime
// (`@aws-appsync/utils`: util, extensions, runtime) and a sandboxed loader for bundled resolver files.
//
// How the local AppSync runs one handler of one field:
//
//   const rt = createInvocationRuntime({ typeName: 'Mutation', fieldName: 'notifyModelReady', now, autoId });
//   const { request, response } = loadResolverModule(code, rt, { filename: 'Mutation.notifyModelReady.js' });
//   try {
//     const dataSourceRequest = request(ctx);          // JSON (undefined -> null)
//     ctx.result = callDataSource(dataSourceRequest);  // or ctx.error = { message, type }
//     const value = response(ctx);
//     // value, rt.state.errors (util.appendError), rt.state.subscriptionFilter, ...
//   } catch (e) {
//     // ResolverError / UnauthorizedError: field -> null, error { message, errorType, data, errorInfo }
//     // EarlyReturnSignal: e.value is the result, skip the data source (skipTo END: rest of pipeline)
//     // ResolverExecutionError: a bug in the resolver code (cause = what it threw)
//   }
//
// A fresh runtime per handler invocation keeps errors and filters of different calls apart.

export { createInvocationRuntime } from './runtime';
export { loadResolverModule, APPSYNC_UTILS_MODULE } from './loader';
export type { LoadResolverModuleOptions } from './loader';
export { toSubscriptionFilter } from './transform';
export { toDynamoDBExpression } from './dynamodb-expression';
export { toDynamoDB, toMapValues } from './dynamodb';
export type { AttributeValue } from './dynamodb';
export {
  AppSyncUtilsError,
  ResolverError,
  UnauthorizedError,
  EarlyReturnSignal,
  UnsupportedUtilityError,
  UtilityArgumentError,
  ResolverModuleError,
  ResolverExecutionError,
} from './errors';
export type {
  InvocationRuntimeOptions,
  InvocationRuntime,
  InvocationState,
  AppendedError,
  LogEntry,
  AppSyncUtilsModule,
  ResolverModule,
  SubscriptionFilter,
  SubscriptionFilterEntry,
} from './types';
