export { startLocalAppSync } from './server';
export type { LocalAppSync, LocalAppSyncOptions } from './server';
export { startDynalite } from './dynalite';
export type { RunningDynalite, StartDynaliteOptions } from './dynalite';
export { loadModelFromAssembly, modelFromCloudAssembly, buildModel, localApiId, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './model';
export type { AssemblyResource, BuildModelInput } from './model';
export { buildAppSyncSchema } from './graphql-schema';
export type { AppSyncSchema } from './graphql-schema';
export { appSyncScalars, APPSYNC_BUILTINS_SDL } from './scalars';
export { compileArgumentFilter, compileSubscriptionFilter, matchesArguments } from './subscription-filter';
export type { SubscriptionFilter, FilterRule, FilterOperator, CompiledFilter } from './subscription-filter';
export { fieldArn, createFieldAuthorizer } from './authorization';
export type { FieldAuthorizer, FieldAuthorizerOptions, FieldRequestContext } from './authorization';
export { createDynamoDbDataSource, createLocalDynamoDbClient } from './dynamodb-data-source';
export type { DataSourceOutcome, DynamoDbDataSourceOptions } from './dynamodb-data-source';
export { createFaultInjector, seededRandom } from './faults';
export type { FaultInjector, HttpFault } from './faults';
export { createLocalCertificate } from './tls';
export type { LocalCertificate } from './tls';
export { REALTIME_SUBPROTOCOL } from './realtime';
export {
  AppSyncLocalError,
  AppSyncLocalConfigError,
  ModelLoadError,
  DataSourceRequestError,
  SubscriptionFilterError,
} from './errors';
export type {
  AppSyncModel,
  DataSourceModel,
  DataSourceKind,
  FunctionModel,
  ResolverModel,
  RoleModel,
  TableModel,
  FaultOptions,
  AppSyncIamIdentity,
  AppSyncGraphQLError,
  AppSyncGraphQLResponse,
} from './types';
