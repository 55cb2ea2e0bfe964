// The core: one AppSync API (AWS_IAM only) with the schema and APPSYNC_JS resolvers from `schema/`,
// its DynamoDB tables, and the alarm topic every app publishes to.
import { readFileSync } from 'node:fs';
import { ArnFormat, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AppsyncFunction,
  AuthorizationType,
  Code,
  Definition,
  FieldLogLevel,
  FunctionRuntime,
  GraphqlApi,
  IntrospectionConfig,
  Resolver,
  type BaseDataSource,
  type CfnGraphQLApi,
} from 'aws-cdk-lib/aws-appsync';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DataSourceName, ResolverManifest } from '@notifier/schema';
import { readResolversManifest, resolveDistFile, schemaPath } from '@notifier/schema/paths';
import type { StageConfig } from './config';
import { SchemaBindingError } from './errors';
import { acknowledge, acknowledgeWildcardResource } from './nag';

/** Options of {@link ApiStack}. */
export interface ApiStackProps extends StackProps {
  /** Stage settings. */
  readonly config: StageConfig;
  /**
   * The resolver manifest.
   * @default read from `schema/dist/resolvers.json` (built by `pnpm --filter @notifier/schema build`)
   */
  readonly manifest?: ResolverManifest;
}

/**
 * The GraphQL API, its data sources and resolvers, the Users and Notifications tables, and the
 * alarm topic.
 *
 * @example
 * const api = new ApiStack(app, 'Notifier-dev-Api', { config });
 * api.api.graphqlUrl;
 */
export class ApiStack extends Stack {
  /** The AppSync API. */
  public readonly api: GraphqlApi;
  /** Users: partition key `id` (user-pool sub). */
  public readonly usersTable: Table;
  /** Notifications: partition key `pk`, TTL `expiresAt`, GSI `byFeed`. */
  public readonly notificationsTable: Table;
  /** Where every alarm of the system publishes. */
  public readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';

    this.usersTable = new Table(this, 'UsersTable', {
      partitionKey: { name: 'id', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: prod,
      removalPolicy: config.removalPolicy,
    });

    this.notificationsTable = new Table(this, 'NotificationsTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      deletionProtection: prod,
      removalPolicy: config.removalPolicy,
    });
    this.notificationsTable.addGlobalSecondaryIndex({
      indexName: 'byFeed',
      partitionKey: { name: 'feed', type: AttributeType.STRING },
      sortKey: { name: 'sortKey', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    // A role of our own for API logging: the default one carries the AWS-managed policy for all log groups.
    const logRole = new Role(this, 'ApiLogRole', {
      assumedBy: new ServicePrincipal('appsync.amazonaws.com'),
      description: 'Lets AppSync write the API log group',
    });

    this.api = new GraphqlApi(this, 'Api', {
      name: `notifier-${config.stage}`,
      definition: Definition.fromFile(schemaPath),
      authorizationConfig: { defaultAuthorization: { authorizationType: AuthorizationType.IAM } },
      xrayEnabled: true,
      introspectionConfig: prod ? IntrospectionConfig.DISABLED : IntrospectionConfig.ENABLED,
    });

    // Logging is set on the L1 API: the L2 `logConfig` adds a LogRetention custom resource (a Lambda
    // function with an AWS-managed policy) for what the log group below does natively.
    const cfnApi = this.api.node.defaultChild as CfnGraphQLApi;
    cfnApi.logConfig = {
      cloudWatchLogsRoleArn: logRole.roleArn,
      fieldLogLevel: prod ? FieldLogLevel.ERROR : FieldLogLevel.ALL,
      excludeVerboseContent: false,
    };

    // AppSync writes to /aws/appsync/apis/<apiId>; creating it here gives it a retention and a removal policy.
    const apiLogGroup = new LogGroup(this, 'ApiLogGroup', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const logGroupArn = this.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `/aws/appsync/apis/${this.api.apiId}`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    logRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroupArn, apiLogGroup.logGroupArn],
      }),
    );
    acknowledgeWildcardResource(logRole, apiLogGroup.logGroupArn, 'The log streams of the API log group (names chosen by AppSync).');

    const dataSources: Record<DataSourceName, BaseDataSource> = {
      users: this.api.addDynamoDbDataSource('users', this.usersTable, { description: 'Users table' }),
      notifications: this.api.addDynamoDbDataSource('notifications', this.notificationsTable, {
        description: 'Notifications table (idempotency record = the notification)',
      }),
      none: this.api.addNoneDataSource('none', { description: 'Local resolvers (subscriptions, validation)' }),
    };
    acknowledgeWildcardResource(
      dataSources.notifications,
      `${this.notificationsTable.tableArn}/index/*`,
      'The notifications data source queries the byFeed index; CDK grants the table indexes by pattern.',
    );

    createResolvers(this, this.api, dataSources, props.manifest ?? readResolversManifest());

    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: `notifier ${config.stage} alarms`,
      enforceSSL: true,
    });
    acknowledge(
      this.alarmTopic,
      'AwsSolutions-SNS2',
      'Alarm notifications carry no user data; the AWS-managed SNS key cannot be used by CloudWatch alarms and a customer key costs more than this topic.',
    );
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    new CfnOutput(this, 'GraphqlUrl', { value: this.api.graphqlUrl });
    new CfnOutput(this, 'RealtimeUrl', { value: cfnApi.attrRealtimeUrl });
    new CfnOutput(this, 'ApiId', { value: this.api.apiId });
    new CfnOutput(this, 'ApiArn', { value: this.api.arn });
    new CfnOutput(this, 'UsersTableName', { value: this.usersTable.tableName });
    new CfnOutput(this, 'NotificationsTableName', { value: this.notificationsTable.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}

/**
 * One resolver per manifest entry (UNIT on its data source, or PIPELINE with its functions), code
 * inline so the template carries it. Pipeline functions shared by several resolvers are created once.
 */
function createResolvers(
  scope: Construct,
  api: GraphqlApi,
  dataSources: Record<DataSourceName, BaseDataSource>,
  manifest: ResolverManifest,
): void {
  const readCode = (file: string): Code => {
    const path = resolveDistFile(file);
    try {
      return Code.fromInline(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new SchemaBindingError(`resolver file ${path} is missing: run \`pnpm --filter @notifier/schema build\``, {
        cause: error,
      });
    }
  };
  const dataSource = (name: string | undefined, where: string): BaseDataSource => {
    const ds = name === undefined ? undefined : dataSources[name as DataSourceName];
    if (!ds) throw new SchemaBindingError(`${where}: unknown data source "${String(name)}"`);
    return ds;
  };

  const functions = new Map<string, { fn: AppsyncFunction; file: string; dataSource: string }>();
  const seen = new Set<string>();
  for (const entry of manifest.resolvers) {
    const where = `${entry.typeName}.${entry.fieldName}`;
    if (seen.has(where)) throw new SchemaBindingError(`${where} appears twice in the resolver manifest`);
    seen.add(where);
    const id = `${entry.typeName}${entry.fieldName[0]?.toUpperCase() ?? ''}${entry.fieldName.slice(1)}Resolver`;

    if (entry.kind === 'UNIT') {
      new Resolver(scope, id, {
        api,
        typeName: entry.typeName,
        fieldName: entry.fieldName,
        dataSource: dataSource(entry.dataSource, where),
        runtime: FunctionRuntime.JS_1_0_0,
        code: readCode(entry.file),
      });
      continue;
    }
    if (entry.kind !== 'PIPELINE' || !entry.functions || entry.functions.length === 0) {
      throw new SchemaBindingError(`${where}: a resolver is UNIT with a data source or PIPELINE with functions`);
    }
    const pipelineConfig = entry.functions.map((f) => {
      const existing = functions.get(f.name);
      if (existing) {
        if (existing.file !== f.file || existing.dataSource !== f.dataSource) {
          throw new SchemaBindingError(`${where}: pipeline function "${f.name}" is declared twice differently`);
        }
        return existing.fn;
      }
      const fn = new AppsyncFunction(scope, `${f.name}Function`, {
        api,
        name: f.name,
        dataSource: dataSource(f.dataSource, `${where} function ${f.name}`),
        runtime: FunctionRuntime.JS_1_0_0,
        code: readCode(f.file),
      });
      functions.set(f.name, { fn, file: f.file, dataSource: f.dataSource });
      return fn;
    });
    new Resolver(scope, id, {
      api,
      typeName: entry.typeName,
      fieldName: entry.fieldName,
      pipelineConfig,
      runtime: FunctionRuntime.JS_1_0_0,
      code: readCode(entry.file),
    });
  }
}
