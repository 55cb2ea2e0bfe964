import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCloudAssembly, type CloudAssembly } from '@notifier/local-iam';
import { ModelLoadError } from './errors';
import type { AppSyncModel, DataSourceModel, FunctionModel, ResolverModel, RoleModel, TableModel } from './types';

/** Account id used in ARNs when none is given (the conventional "local" account). */
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** Region used when none is given. */
export const DEFAULT_REGION = 'us-east-1';

/** One CloudFormation resource with its intrinsics resolved (as the cloud-assembly reader gives it). */
export interface AssemblyResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** What `Ref` of the resource resolves to, when the reader knows it (table names). */
  ref?: string;
}

/** Input of {@link buildModel}. */
export interface BuildModelInput {
  accountId: string;
  region: string;
  /** Every resource of the assembly (all stacks). */
  resources: AssemblyResource[];
  /** Roles with tags and policies. */
  roles: RoleModel[];
  /**
   * API id to serve under; by default what the reader resolved `Fn::GetAtt [api, ApiId]` to, else
   * an id derived from the API's logical id.
   */
  apiId?: string;
}

/**
 * A deterministic AppSync-style API id (26 lower-case letters and digits) for a logical id.
 *
 * @example
 * ```ts
 * localApiId('Api'); // stable 26-character id
 * ```
 */
export function localApiId(logicalId: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const digest = createHash('sha256').update(`appsync-local:${logicalId}`).digest();
  let out = '';
  for (let i = 0; i < 26; i++) out += alphabet[digest[i]! % 32];
  return out;
}

function getAttTarget(value: unknown): { logicalId: string; attribute: string } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const att = (value as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string' && typeof att[1] === 'string') return { logicalId: att[0], attribute: att[1] };
  if (typeof att === 'string' && att.includes('.')) {
    const [logicalId, attribute] = att.split('.', 2) as [string, string];
    return { logicalId, attribute };
  }
  return undefined;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new ModelLoadError(`${what} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Builds the served model from the resources of a synthesized template: the one
 * `AWS::AppSync::GraphQLApi` with its schema (inline `Definition`), data sources (DynamoDB, NONE),
 * APPSYNC_JS resolvers and functions (inline `Code`), the DynamoDB tables and the IAM roles.
 *
 * @example
 * ```ts
 * const model = buildModel({ accountId, region, resources, roles });
 * model.resolvers.find((r) => r.fieldName === 'addUser');
 * ```
 */
export function buildModel(input: BuildModelInput): AppSyncModel {
  const of = (type: string): AssemblyResource[] => input.resources.filter((r) => r.type === type);
  const apis = of('AWS::AppSync::GraphQLApi');
  if (apis.length !== 1) throw new ModelLoadError(`Expected exactly one AWS::AppSync::GraphQLApi in the assembly, found ${apis.length}`);
  const api = apis[0]!;

  const schemas = of('AWS::AppSync::GraphQLSchema');
  if (schemas.length !== 1) throw new ModelLoadError(`Expected exactly one AWS::AppSync::GraphQLSchema, found ${schemas.length}`);
  const schemaResource = schemas[0]!;
  if (typeof schemaResource.properties.Definition !== 'string') {
    throw new ModelLoadError('The GraphQL schema must be inline (Definition); DefinitionS3Location is not supported locally');
  }
  const apiIdFromSchema = schemaResource.properties.ApiId;
  const apiId = input.apiId ?? (typeof apiIdFromSchema === 'string' ? apiIdFromSchema : localApiId(api.logicalId));

  const tablesByLogicalId = new Map<string, TableModel>();
  const tables: TableModel[] = [];
  for (const t of [...of('AWS::DynamoDB::Table'), ...of('AWS::DynamoDB::GlobalTable')]) {
    const p = t.properties;
    const tableName = typeof p.TableName === 'string' ? p.TableName : (t.ref ?? t.logicalId);
    const table: TableModel = {
      tableName,
      keySchema: p.KeySchema as TableModel['keySchema'],
      attributeDefinitions: p.AttributeDefinitions as TableModel['attributeDefinitions'],
      ...(Array.isArray(p.GlobalSecondaryIndexes) ? { globalSecondaryIndexes: p.GlobalSecondaryIndexes as TableModel['globalSecondaryIndexes'] } : {}),
    };
    tables.push(table);
    tablesByLogicalId.set(t.logicalId, table);
  }

  const dataSourceByLogicalId = new Map<string, DataSourceModel>();
  const dataSources: DataSourceModel[] = of('AWS::AppSync::DataSource').map((d) => {
    const p = d.properties;
    const name = text(p.Name, `DataSource ${d.logicalId} Name`);
    let ds: DataSourceModel;
    if (p.Type === 'NONE') ds = { name, kind: 'NONE' };
    else if (p.Type === 'AMAZON_DYNAMODB') {
      const config = (p.DynamoDBConfig ?? {}) as Record<string, unknown>;
      const ref = config.TableName as unknown;
      const refTarget = ref !== null && typeof ref === 'object' ? (ref as Record<string, unknown>).Ref : undefined;
      const tableName =
        typeof ref === 'string' ? ref : typeof refTarget === 'string' ? tablesByLogicalId.get(refTarget)?.tableName : undefined;
      if (!tableName) throw new ModelLoadError(`DataSource ${name} has no resolvable DynamoDBConfig.TableName`);
      ds = { name, kind: 'AMAZON_DYNAMODB', tableName };
    } else {
      throw new ModelLoadError(`DataSource ${name} has type ${String(p.Type)}; only AMAZON_DYNAMODB and NONE run locally`);
    }
    dataSourceByLogicalId.set(d.logicalId, ds);
    return ds;
  });

  const dataSourceName = (value: unknown, where: string): string => {
    if (typeof value === 'string') return value;
    const target = getAttTarget(value);
    const ds = target ? dataSourceByLogicalId.get(target.logicalId) : undefined;
    if (!ds) throw new ModelLoadError(`${where}: cannot resolve DataSourceName ${JSON.stringify(value)}`);
    return ds.name;
  };

  const code = (p: Record<string, unknown>, where: string): string => {
    const runtime = p.Runtime as { Name?: string } | undefined;
    if (runtime?.Name !== 'APPSYNC_JS') throw new ModelLoadError(`${where}: only APPSYNC_JS resolvers run locally (got ${runtime?.Name ?? 'VTL'})`);
    if (typeof p.Code !== 'string') throw new ModelLoadError(`${where}: code must be inline (Code); CodeS3Location is not supported locally`);
    return p.Code;
  };

  const functionResources = of('AWS::AppSync::FunctionConfiguration');
  const functions: FunctionModel[] = functionResources.map((f) => ({
    // The FunctionId AppSync assigns is the last segment of the function's ARN (its Ref).
    id: f.ref?.includes('/functions/') ? f.ref.slice(f.ref.lastIndexOf('/') + 1) : f.logicalId,
    name: text(f.properties.Name, `Function ${f.logicalId} Name`),
    dataSourceName: dataSourceName(f.properties.DataSourceName, `Function ${f.logicalId}`),
    code: code(f.properties, `Function ${f.logicalId}`),
  }));
  const functionId = (value: unknown, where: string): string => {
    const target = getAttTarget(value);
    const byLogicalId = target ? functionResources.findIndex((f) => f.logicalId === target.logicalId) : -1;
    if (byLogicalId >= 0) return functions[byLogicalId]!.id;
    if (typeof value === 'string') {
      const byId = functions.find((f) => f.id === value || f.name === value || value.endsWith(`/functions/${f.id}`));
      if (byId) return byId.id;
    }
    throw new ModelLoadError(`${where}: cannot resolve pipeline function ${JSON.stringify(value)}`);
  };

  const resolvers: ResolverModel[] = of('AWS::AppSync::Resolver').map((r) => {
    const p = r.properties;
    const typeName = text(p.TypeName, `Resolver ${r.logicalId} TypeName`);
    const fieldName = text(p.FieldName, `Resolver ${r.logicalId} FieldName`);
    const where = `Resolver ${typeName}.${fieldName}`;
    if (p.Kind === 'PIPELINE') {
      const fns = ((p.PipelineConfig as { Functions?: unknown[] } | undefined)?.Functions ?? []).map((v) => functionId(v, where));
      return { typeName, fieldName, kind: 'PIPELINE' as const, functionIds: fns, code: code(p, where) };
    }
    return { typeName, fieldName, kind: 'UNIT' as const, dataSourceName: dataSourceName(p.DataSourceName, where), code: code(p, where) };
  });

  return {
    apiId,
    apiName: typeof api.properties.Name === 'string' ? api.properties.Name : api.logicalId,
    accountId: input.accountId,
    region: input.region,
    schema: schemaResource.properties.Definition,
    dataSources,
    functions,
    resolvers,
    roles: input.roles,
    tables,
  };
}

const MODEL_RESOURCE_TYPES = [
  'AWS::AppSync::GraphQLApi',
  'AWS::AppSync::GraphQLSchema',
  'AWS::AppSync::DataSource',
  'AWS::AppSync::FunctionConfiguration',
  'AWS::AppSync::Resolver',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
];

/**
 * Builds the served model from a loaded cloud assembly (intrinsics already resolved by
 * `@notifier/local-iam`).
 *
 * @example
 * ```ts
 * const model = modelFromCloudAssembly(cloudAssemblyFromTemplates({ Api: template }, { accountId, region }), { accountId, region });
 * ```
 */
export function modelFromCloudAssembly(assembly: CloudAssembly, options: { accountId: string; region: string }): AppSyncModel {
  let resources: AssemblyResource[];
  let roles: RoleModel[];
  try {
    resources = MODEL_RESOURCE_TYPES.flatMap((type) => assembly.resources(type));
    roles = assembly.roles().map((r) => ({ logicalId: r.logicalId, roleName: r.roleName, roleArn: r.roleArn, tags: r.tags, policies: r.policies }));
  } catch (cause) {
    throw new ModelLoadError(`The cloud assembly cannot be resolved: ${(cause as Error).message}`, { cause });
  }
  return buildModel({ accountId: options.accountId, region: options.region, resources, roles });
}

/**
 * Reads a synthesized cloud assembly (`cdk.out`) into the served model.
 *
 * @example
 * ```ts
 * const model = await loadModelFromAssembly('infra/cdk.out', { accountId: '000000000000', region: 'us-east-1' });
 * ```
 */
export async function loadModelFromAssembly(dir: string, options: { accountId: string; region: string }): Promise<AppSyncModel> {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new ModelLoadError(`${dir} is not a cloud assembly (no manifest.json): synthesize the infrastructure first`);
  }
  let assembly: CloudAssembly;
  try {
    assembly = loadCloudAssembly(dir, options);
  } catch (cause) {
    throw new ModelLoadError(`Reading the cloud assembly ${dir} failed: ${(cause as Error).message}`, { cause });
  }
  return modelFromCloudAssembly(assembly, options);
}
