import type { PolicyDocument } from '@notifier/local-iam';

/** A role the local AppSync knows: its name, ARN, tags and every policy attached to it. */
export interface RoleModel {
  /** Logical id in the template. */
  logicalId: string;
  /** Physical role name. */
  roleName: string;
  /** `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** Tags of the role (`notifier:role` names it for callers). */
  tags: Record<string, string>;
  /** Inline, attached managed and `AWS::IAM::Policy` documents, intrinsics resolved. */
  policies: PolicyDocument[];
}

/** Kind of an AppSync data source this server can run. */
export type DataSourceKind = 'AMAZON_DYNAMODB' | 'NONE';

/** A data source of the API. */
export interface DataSourceModel {
  /** Data source name (what resolvers reference). */
  name: string;
  kind: DataSourceKind;
  /** DynamoDB table name, for `AMAZON_DYNAMODB`. */
  tableName?: string;
}

/** An APPSYNC_JS pipeline function. */
export interface FunctionModel {
  /** Function configuration name. */
  name: string;
  /** Logical id in the template (what pipeline resolvers reference through `Fn::GetAtt`). */
  id: string;
  dataSourceName: string;
  /** APPSYNC_JS source (an ES module exporting `request` and `response`). */
  code: string;
}

/** A resolver attached to a field. */
export interface ResolverModel {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** Data source of a unit resolver. */
  dataSourceName?: string;
  /** Function ids of a pipeline resolver, in order. */
  functionIds?: string[];
  /** APPSYNC_JS source (an ES module exporting `request` and `response`). */
  code: string;
}

/** A DynamoDB table declared in the template (what `startDynalite` creates). */
export interface TableModel {
  tableName: string;
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
  }[];
}

/** Everything the local AppSync serves, read from the synthesized template. */
export interface AppSyncModel {
  /** API id used in ARNs (`arn:aws:appsync:<region>:<account>:apis/<apiId>`). */
  apiId: string;
  /** API name from the template. */
  apiName: string;
  accountId: string;
  region: string;
  /** Schema SDL as deployed (without AppSync's built-in scalars and directives). */
  schema: string;
  dataSources: DataSourceModel[];
  functions: FunctionModel[];
  resolvers: ResolverModel[];
  roles: RoleModel[];
  tables: TableModel[];
}

/** Fault injection (for reliability tests). Every rate is a probability in [0, 1]. */
export interface FaultOptions {
  /**
   * Share of `POST /graphql` requests answered 500 before they are executed.
   * @default 0
   */
  errorRate?: number;
  /**
   * Share of `POST /graphql` requests answered 429 before they are executed.
   * @default 0
   */
  throttleRate?: number;
  /**
   * Share of real-time `data` messages that, instead of being sent, close the connection abruptly.
   * @default 0
   */
  dropConnectionRate?: number;
  /**
   * Seed of the random generator deciding faults, so runs are reproducible.
   * @default 1
   */
  seed?: number;
}

/** The identity AppSync hands resolvers for an AWS_IAM caller (`ctx.identity`). */
export type { AppSyncIamIdentity } from '@notifier/local-iam';

/** One GraphQL error in AppSync's response format. */
export interface AppSyncGraphQLError {
  path?: (string | number)[] | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations?: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

/** A GraphQL response body as AppSync sends it. */
export interface AppSyncGraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: AppSyncGraphQLError[];
}
