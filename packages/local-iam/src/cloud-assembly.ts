import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { roleIdFor } from './credential-registry';
import { TemplateResolutionError } from './errors';
import type { PolicyDocument } from './policy';

/** Options of {@link loadCloudAssembly}. */
export interface LoadCloudAssemblyOptions {
  /** Local account id used for `AWS::AccountId` and every ARN. */
  accountId: string;
  /** Local region used for `AWS::Region` and every ARN. */
  region: string;
  /**
   * AppSync API ids by logical id or `<stackName>/<logicalId>`.
   * @default ids derived deterministically from stack name and logical id
   */
  apiIds?: Record<string, string>;
  /**
   * Values that replace `Ref` / `Fn::GetAtt` results, keyed `<stackName>/<logicalId>` (for Ref)
   * or `<stackName>/<logicalId>.<Attribute>` (e.g. a local `GraphQLUrl`).
   * @default {}
   */
  overrides?: Record<string, string>;
  /**
   * Template parameter values by name (otherwise a parameter's `Default` is used).
   * @default {}
   */
  parameters?: Record<string, string>;
}

/** A resource of the assembly with its properties resolved. */
export interface AssemblyResource {
  stackName: string;
  logicalId: string;
  type: string;
  /** What `Ref` returns for it locally. */
  ref: string;
  /** Properties with every intrinsic resolved (`{}` when the resource has none). */
  properties: Record<string, unknown>;
  /** The resource's `Metadata` as written (unresolved). */
  metadata?: Record<string, unknown>;
}

/** An IAM role and everything that grants it permissions. */
export interface AssemblyRole {
  logicalId: string;
  stackName: string;
  roleName: string;
  roleArn: string;
  tags: Record<string, string>;
  /** Inline policies, `AWS::IAM::Policy` and customer-managed `AWS::IAM::ManagedPolicy` attached to the role. */
  policies: PolicyDocument[];
  /** Every managed policy ARN attached to the role (AWS-managed ones are listed here only). */
  managedPolicyArns: string[];
  /** The trust policy. */
  assumeRolePolicy?: PolicyDocument;
}

/** A loaded cloud assembly with intrinsics resolved against a local account and region. */
export interface CloudAssembly {
  /** The stack names, in manifest order. */
  stackNames(): string[];
  /** The raw template of a stack. */
  template(stackName: string): Template;
  /** Every resource of a type (resources whose Condition is false are left out). */
  resources(type: string): AssemblyResource[];
  /** Every IAM role with its policies. */
  roles(): AssemblyRole[];
  /** The one role whose tag `key` equals `value`; `undefined` when none; throws when several. */
  roleByTag(key: string, value: string): AssemblyRole | undefined;
  /** A stack's outputs, resolved. */
  outputs(stackName: string): Record<string, string>;
  /** Resolves a template value (intrinsics included) in the context of a stack. */
  resolve(value: unknown, stackName: string): unknown;
  /** What `Ref` returns for a resource. */
  ref(stackName: string, logicalId: string): string;
  /** What `Fn::GetAtt` returns for a resource attribute. */
  getAtt(stackName: string, logicalId: string, attribute: string): unknown;
  /**
   * The local path of a file asset from its S3 location (`s3://bucket/<hash>.ext` or an
   * `{ Bucket, Key }`-resolved URL), using the stacks' asset manifests.
   */
  assetPath(s3Location: string): string;
}

/** The parts of a CloudFormation template this reader uses. */
export interface Template {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown }; Condition?: string }>;
}

/** A resource as written in a template. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
}

interface StackEntry {
  name: string;
  template: Template;
}

interface Where {
  stackName: string;
  logicalId?: string;
  path: string;
}

const NO_VALUE = Symbol('AWS::NoValue');

function hashOf(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function alnum(text: string, length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const bytes = hashOf(text);
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[(bytes[i % bytes.length] as number) % alphabet.length];
  return out;
}

function uuidOf(text: string): string {
  const h = hashOf(text).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** CloudFormation-style generated name: `<stack>-<logicalId>-<SUFFIX>`, deterministic, within `max`. */
function generatedName(stackName: string, logicalId: string, max: number, lower = false): string {
  const suffix = alnum(`${stackName}/${logicalId}`, 12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  const room = max - suffix.length - 2;
  const stackPart = stackName.slice(0, Math.max(1, Math.floor(room / 2)));
  const logicalPart = logicalId.slice(0, Math.max(1, room - stackPart.length));
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return lower ? name.toLowerCase().replace(/[^a-z0-9.-]/g, '-') : name;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateResolutionError(`cannot read ${what} '${file}'`, {}, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TemplateResolutionError(`${what} '${file}' is not valid JSON`, {}, { cause: error });
  }
}

interface ManifestArtifact {
  type?: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string; file?: string };
}

function readStacks(directory: string, into: StackEntry[], assetManifests: string[]): void {
  const manifestFile = path.join(directory, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new TemplateResolutionError(`no manifest.json in '${directory}' (is it a cloud assembly, e.g. infra/cdk.out?)`);
  }
  const manifest = readJson(manifestFile, 'cloud assembly manifest') as { artifacts?: Record<string, ManifestArtifact> };
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const templateFile = artifact.properties?.templateFile;
      if (!templateFile) throw new TemplateResolutionError(`stack artifact '${id}' has no templateFile`, { stackName: id });
      const template = readJson(path.join(directory, templateFile), `template of stack '${id}'`) as Template;
      into.push({ name: artifact.properties?.stackName ?? id, template });
    } else if (artifact.type === 'cdk:asset-manifest' && artifact.properties?.file) {
      assetManifests.push(path.join(directory, artifact.properties.file));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      readStacks(path.join(directory, artifact.properties.directoryName), into, assetManifests);
    }
  }
}

/**
 * Reads a CDK cloud assembly (`manifest.json` and every stack template) and resolves its
 * intrinsics with a local account, region and deterministic physical ids.
 *
 * @example
 * ```ts
 * const assembly = loadCloudAssembly('infra/cdk.out', { accountId: '000000000000', region: 'us-east-1' });
 * const tagger = assembly.roleByTag('notifier:role', 'image-tagger');
 * evaluate({ policies: tagger!.policies, action: 'appsync:GraphQL', resource });
 * ```
 */
export function loadCloudAssembly(directory: string, options: LoadCloudAssemblyOptions): CloudAssembly {
  if (!/^\d{12}$/.test(options.accountId ?? '')) {
    throw new TemplateResolutionError(`accountId must be 12 digits, got '${options.accountId}'`);
  }
  if (!options.region) throw new TemplateResolutionError('region is required');
  const entries: StackEntry[] = [];
  const assetManifests: string[] = [];
  readStacks(path.resolve(directory), entries, assetManifests);
  return createAssembly(entries, options, assetManifests);
}

/**
 * Builds a {@link CloudAssembly} from templates already in memory (tests, generated templates).
 *
 * @example
 * ```ts
 * const assembly = cloudAssemblyFromTemplates({ MyStack: template }, { accountId, region });
 * ```
 */
export function cloudAssemblyFromTemplates(templates: Record<string, Template>, options: LoadCloudAssemblyOptions): CloudAssembly {
  return createAssembly(
    Object.entries(templates).map(([name, template]) => ({ name, template })),
    options,
    [],
  );
}

function createAssembly(entries: StackEntry[], options: LoadCloudAssemblyOptions, assetManifests: string[]): CloudAssembly {
  const { accountId, region } = options;
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const urlSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const overrides = options.overrides ?? {};
  const stacks = new Map<string, StackEntry>();
  for (const entry of entries) {
    if (stacks.has(entry.name)) throw new TemplateResolutionError(`two stacks are named '${entry.name}'`);
    stacks.set(entry.name, entry);
  }

  const conditionCache = new Map<string, boolean>();
  const conditionsInProgress = new Set<string>();
  const physicalCache = new Map<string, string>();
  let exportMap: Map<string, { stackName: string; outputId: string }> | undefined;
  const exportValues = new Map<string, unknown>();
  const exportsInProgress = new Set<string>();

  function stack(name: string): StackEntry {
    const s = stacks.get(name);
    if (!s) throw new TemplateResolutionError(`no stack named '${name}' (stacks: ${[...stacks.keys()].join(', ') || 'none'})`);
    return s;
  }

  function resource(where: Where, logicalId: string): TemplateResource {
    const r = stack(where.stackName).template.Resources?.[logicalId];
    if (!r) throw new TemplateResolutionError(`no resource or parameter '${logicalId}'`, where);
    return r;
  }

  function fail(message: string, where: Where): never {
    throw new TemplateResolutionError(message, where);
  }

  function nameProperty(where: Where, logicalId: string, prop: string): string | undefined {
    const r = resource(where, logicalId);
    const raw = r.Properties?.[prop];
    if (raw === undefined) return undefined;
    const value = resolveValue(raw, { stackName: where.stackName, logicalId, path: `Properties.${prop}` });
    if (typeof value !== 'string') fail(`${prop} must resolve to a string`, { ...where, logicalId });
    return value;
  }

  function arn(service: string, resourcePart: string, withRegion = true, withAccount = true): string {
    return `arn:${partition}:${service}:${withRegion ? region : ''}:${withAccount ? accountId : ''}:${resourcePart}`;
  }

  function apiId(stackName: string, logicalId: string): string {
    return options.apiIds?.[`${stackName}/${logicalId}`] ?? options.apiIds?.[logicalId] ?? alnum(`api/${stackName}/${logicalId}`, 26);
  }

  function physicalId(where: Where, logicalId: string): string {
    const key = `${where.stackName}/${logicalId}`;
    const override = overrides[key];
    if (override !== undefined) return override;
    const cached = physicalCache.get(key);
    if (cached !== undefined) return cached;
    const r = resource(where, logicalId);
    const s = where.stackName;
    let id: string;
    switch (r.Type) {
      case 'AWS::IAM::Role':
        id = nameProperty(where, logicalId, 'RoleName') ?? generatedName(s, logicalId, 64);
        break;
      case 'AWS::IAM::ManagedPolicy': {
        const name = nameProperty(where, logicalId, 'ManagedPolicyName') ?? generatedName(s, logicalId, 128);
        const p = nameProperty(where, logicalId, 'Path') ?? '/';
        id = arn('iam', `policy${p}${name}`, false);
        break;
      }
      case 'AWS::IAM::Policy':
        id = generatedName(s, logicalId, 64);
        break;
      case 'AWS::Lambda::Function':
        id = nameProperty(where, logicalId, 'FunctionName') ?? generatedName(s, logicalId, 64);
        break;
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        id = nameProperty(where, logicalId, 'TableName') ?? generatedName(s, logicalId, 255);
        break;
      case 'AWS::S3::Bucket':
        id = nameProperty(where, logicalId, 'BucketName') ?? generatedName(s, logicalId, 63, true);
        break;
      case 'AWS::SQS::Queue': {
        const fifo = resolveValue(r.Properties?.FifoQueue ?? false, { ...where, logicalId, path: 'Properties.FifoQueue' });
        const name =
          nameProperty(where, logicalId, 'QueueName') ??
          `${generatedName(s, logicalId, fifo === true || fifo === 'true' ? 75 : 80)}${fifo === true || fifo === 'true' ? '.fifo' : ''}`;
        id = `https://sqs.${region}.${urlSuffix}/${accountId}/${name}`;
        break;
      }
      case 'AWS::SNS::Topic':
        id = arn('sns', nameProperty(where, logicalId, 'TopicName') ?? generatedName(s, logicalId, 256));
        break;
      case 'AWS::AppSync::GraphQLApi':
        id = arn('appsync', `apis/${apiId(s, logicalId)}`);
        break;
      case 'AWS::AppSync::DataSource':
        id = arn('appsync', `apis/${apiIdOf(where, logicalId)}/datasources/${nameProperty(where, logicalId, 'Name') ?? logicalId}`);
        break;
      case 'AWS::AppSync::FunctionConfiguration':
        id = arn('appsync', `apis/${apiIdOf(where, logicalId)}/functions/${alnum(`fn/${s}/${logicalId}`, 26)}`);
        break;
      case 'AWS::AppSync::Resolver':
        id = arn(
          'appsync',
          `apis/${apiIdOf(where, logicalId)}/types/${nameProperty(where, logicalId, 'TypeName')}/resolvers/${nameProperty(where, logicalId, 'FieldName')}`,
        );
        break;
      case 'AWS::Cognito::UserPool':
        id = `${region}_${alnum(`pool/${s}/${logicalId}`, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
        break;
      case 'AWS::Cognito::UserPoolClient':
        id = alnum(`client/${s}/${logicalId}`, 26);
        break;
      case 'AWS::Cognito::IdentityPool':
        id = `${region}:${uuidOf(`identitypool/${s}/${logicalId}`)}`;
        break;
      case 'AWS::Events::Rule':
        id = nameProperty(where, logicalId, 'Name') ?? generatedName(s, logicalId, 64);
        break;
      case 'AWS::Events::EventBus':
        id = nameProperty(where, logicalId, 'Name') ?? generatedName(s, logicalId, 256);
        break;
      case 'AWS::Logs::LogGroup':
        id = nameProperty(where, logicalId, 'LogGroupName') ?? generatedName(s, logicalId, 512);
        break;
      case 'AWS::StepFunctions::StateMachine':
        id = arn('states', `stateMachine:${nameProperty(where, logicalId, 'StateMachineName') ?? generatedName(s, logicalId, 80)}`);
        break;
      default:
        id = generatedName(s, logicalId, 128);
    }
    physicalCache.set(key, id);
    return id;
  }

  function apiIdOf(where: Where, logicalId: string): string {
    const raw = resource(where, logicalId).Properties?.ApiId;
    const value = resolveValue(raw, { stackName: where.stackName, logicalId, path: 'Properties.ApiId' });
    if (typeof value !== 'string') fail('ApiId must resolve to a string', { ...where, logicalId, path: 'Properties.ApiId' });
    return value;
  }

  function getAttValue(where: Where, logicalId: string, attribute: string): unknown {
    const override = overrides[`${where.stackName}/${logicalId}.${attribute}`];
    if (override !== undefined) return override;
    const r = resource(where, logicalId);
    const s = where.stackName;
    const id = () => physicalId(where, logicalId);
    const unsupported = (): never =>
      fail(`Fn::GetAtt ${logicalId}.${attribute} is not available locally for ${r.Type}`, where);
    switch (r.Type) {
      case 'AWS::IAM::Role':
        if (attribute === 'Arn') return arn('iam', `role${nameProperty(where, logicalId, 'Path') ?? '/'}${id()}`, false);
        // The same id the credential registry puts in `ctx.identity.username`.
        if (attribute === 'RoleId') return roleIdFor(getAttValue(where, logicalId, 'Arn') as string);
        return unsupported();
      case 'AWS::IAM::ManagedPolicy':
        if (attribute === 'PolicyArn') return id();
        return unsupported();
      case 'AWS::Lambda::Function':
        if (attribute === 'Arn') return arn('lambda', `function:${id()}`);
        return unsupported();
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
        if (attribute === 'Arn') return arn('dynamodb', `table/${id()}`);
        if (attribute === 'StreamArn') return arn('dynamodb', `table/${id()}/stream/1970-01-01T00:00:00.000`);
        return unsupported();
      case 'AWS::S3::Bucket':
        if (attribute === 'Arn') return `arn:${partition}:s3:::${id()}`;
        if (attribute === 'DomainName') return `${id()}.s3.${urlSuffix}`;
        if (attribute === 'RegionalDomainName') return `${id()}.s3.${region}.${urlSuffix}`;
        if (attribute === 'DualStackDomainName') return `${id()}.s3.dualstack.${region}.${urlSuffix}`;
        if (attribute === 'WebsiteURL') return `http://${id()}.s3-website-${region}.${urlSuffix}`;
        return unsupported();
      case 'AWS::SQS::Queue': {
        const name = id().split('/').pop() as string;
        if (attribute === 'Arn') return arn('sqs', name);
        if (attribute === 'QueueName') return name;
        if (attribute === 'QueueUrl') return id();
        return unsupported();
      }
      case 'AWS::SNS::Topic':
        if (attribute === 'TopicArn') return id();
        if (attribute === 'TopicName') return id().split(':').pop();
        return unsupported();
      case 'AWS::AppSync::GraphQLApi': {
        const api = apiId(s, logicalId);
        if (attribute === 'ApiId') return api;
        if (attribute === 'Arn') return id();
        if (attribute === 'GraphQLUrl') return `https://${api}.appsync-api.${region}.${urlSuffix}/graphql`;
        if (attribute === 'GraphQLDns') return `${api}.appsync-api.${region}.${urlSuffix}`;
        if (attribute === 'RealtimeUrl') return `wss://${api}.appsync-realtime-api.${region}.${urlSuffix}/graphql`;
        if (attribute === 'RealtimeDns') return `${api}.appsync-realtime-api.${region}.${urlSuffix}`;
        if (attribute === 'GraphQLEndpointArn') return arn('appsync', `endpoints/graphql-api/${api}`);
        return unsupported();
      }
      case 'AWS::AppSync::DataSource':
        if (attribute === 'DataSourceArn') return id();
        if (attribute === 'Name') return nameProperty(where, logicalId, 'Name');
        return unsupported();
      case 'AWS::AppSync::FunctionConfiguration':
        if (attribute === 'FunctionArn') return id();
        if (attribute === 'FunctionId') return id().split('/').pop();
        if (attribute === 'Name') return nameProperty(where, logicalId, 'Name');
        if (attribute === 'DataSourceName') return nameProperty(where, logicalId, 'DataSourceName');
        return unsupported();
      case 'AWS::AppSync::Resolver':
        if (attribute === 'ResolverArn') return id();
        if (attribute === 'TypeName') return nameProperty(where, logicalId, 'TypeName');
        if (attribute === 'FieldName') return nameProperty(where, logicalId, 'FieldName');
        return unsupported();
      case 'AWS::Cognito::UserPool':
        if (attribute === 'Arn') return arn('cognito-idp', `userpool/${id()}`);
        if (attribute === 'ProviderName') return `cognito-idp.${region}.${urlSuffix}/${id()}`;
        if (attribute === 'ProviderURL') return `https://cognito-idp.${region}.${urlSuffix}/${id()}`;
        if (attribute === 'UserPoolId') return id();
        return unsupported();
      case 'AWS::Cognito::UserPoolClient':
        if (attribute === 'ClientId') return id();
        return unsupported();
      case 'AWS::Cognito::IdentityPool':
        if (attribute === 'Name') return nameProperty(where, logicalId, 'IdentityPoolName') ?? logicalId;
        if (attribute === 'Id') return id();
        return unsupported();
      case 'AWS::Events::Rule':
        if (attribute === 'Arn') return arn('events', `rule/${id()}`);
        return unsupported();
      case 'AWS::Events::EventBus':
        if (attribute === 'Arn') return arn('events', `event-bus/${id()}`);
        if (attribute === 'Name') return id();
        return unsupported();
      case 'AWS::Logs::LogGroup':
        if (attribute === 'Arn') return arn('logs', `log-group:${id()}:*`);
        return unsupported();
      case 'AWS::StepFunctions::StateMachine':
        if (attribute === 'Arn') return id();
        if (attribute === 'Name') return id().split(':').pop();
        return unsupported();
      default:
        return unsupported();
    }
  }

  function refValue(where: Where, name: string): unknown {
    const entry = stack(where.stackName);
    switch (name) {
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Region':
        return region;
      case 'AWS::Partition':
        return partition;
      case 'AWS::URLSuffix':
        return urlSuffix;
      case 'AWS::StackName':
        return entry.name;
      case 'AWS::StackId':
        return arn('cloudformation', `stack/${entry.name}/${uuidOf(`stack/${entry.name}`)}`);
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        break;
    }
    const parameter = entry.template.Parameters?.[name];
    if (parameter) {
      const given = options.parameters?.[name];
      if (given !== undefined) return given;
      if (parameter.Default !== undefined) return parameter.Default;
      return fail(`parameter '${name}' has no Default and no value in options.parameters`, where);
    }
    const r = entry.template.Resources?.[name];
    if (!r) return fail(`Ref to '${name}', which is neither a parameter, a pseudo parameter nor a resource`, where);
    // Ref is the physical id for most types and the ARN for some (physicalId knows which).
    return physicalId(where, name);
  }

  function condition(stackName: string, name: string, where: Where): boolean {
    const key = `${stackName}/${name}`;
    const cached = conditionCache.get(key);
    if (cached !== undefined) return cached;
    const def = stack(stackName).template.Conditions?.[name];
    if (def === undefined) return fail(`condition '${name}' is not defined`, where);
    if (conditionsInProgress.has(key)) return fail(`condition '${name}' refers to itself`, where);
    conditionsInProgress.add(key);
    const value = resolveValue(def, { stackName, logicalId: name, path: 'Conditions' });
    conditionsInProgress.delete(key);
    if (typeof value !== 'boolean') return fail(`condition '${name}' does not evaluate to a boolean`, where);
    conditionCache.set(key, value);
    return value;
  }

  function exportsIndex(): Map<string, { stackName: string; outputId: string }> {
    if (exportMap) return exportMap;
    const map = new Map<string, { stackName: string; outputId: string }>();
    for (const entry of stacks.values()) {
      for (const [outputId, output] of Object.entries(entry.template.Outputs ?? {})) {
        if (!output.Export) continue;
        if (output.Condition && !condition(entry.name, output.Condition, { stackName: entry.name, logicalId: outputId, path: 'Condition' })) continue;
        const name = resolveValue(output.Export.Name, { stackName: entry.name, logicalId: outputId, path: 'Export.Name' });
        if (typeof name !== 'string') fail('Export.Name must resolve to a string', { stackName: entry.name, logicalId: outputId, path: 'Export.Name' });
        const existing = map.get(name);
        if (existing) {
          fail(`export '${name}' is also exported by ${existing.stackName}/${existing.outputId}`, { stackName: entry.name, logicalId: outputId, path: 'Export.Name' });
        }
        map.set(name, { stackName: entry.name, outputId });
      }
    }
    exportMap = map;
    return map;
  }

  function importValue(name: string, where: Where): unknown {
    if (exportValues.has(name)) return exportValues.get(name);
    const found = exportsIndex().get(name);
    if (!found) return fail(`Fn::ImportValue '${name}' is not exported by any stack`, where);
    if (exportsInProgress.has(name)) return fail(`Fn::ImportValue '${name}' depends on itself`, where);
    exportsInProgress.add(name);
    const output = stack(found.stackName).template.Outputs?.[found.outputId];
    const value = resolveValue(output?.Value, { stackName: found.stackName, logicalId: found.outputId, path: 'Value' });
    exportsInProgress.delete(name);
    exportValues.set(name, value);
    return value;
  }

  function asString(value: unknown, what: string, where: Where): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return fail(`${what} must resolve to a string, got ${JSON.stringify(value)}`, where);
  }

  function sub(template: string, variables: Record<string, unknown>, where: Where): string {
    return template.replace(/\$\{([^}]*)\}/g, (match, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (name in variables) return asString(variables[name], `Fn::Sub variable '${name}'`, where);
      if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        return asString(getAttValue(where, name.slice(0, dot), name.slice(dot + 1)), `Fn::Sub \${${name}}`, where);
      }
      const v = refValue(where, name);
      if (v === NO_VALUE) return fail(`Fn::Sub cannot use AWS::NoValue (${match})`, where);
      return asString(v, `Fn::Sub \${${name}}`, where);
    });
  }

  function resolveIntrinsic(fn: string, arg: unknown, where: Where): unknown {
    const here = { ...where, path: `${where.path}.${fn}` };
    switch (fn) {
      case 'Ref':
        return refValue(here, asString(arg, 'Ref', here));
      case 'Fn::GetAtt': {
        let logicalId: string;
        let attribute: string;
        if (typeof arg === 'string') {
          const dot = arg.indexOf('.');
          if (dot === -1) return fail(`Fn::GetAtt '${arg}' must be 'LogicalId.Attribute'`, here);
          logicalId = arg.slice(0, dot);
          attribute = arg.slice(dot + 1);
        } else if (Array.isArray(arg) && arg.length === 2) {
          logicalId = asString(arg[0], 'Fn::GetAtt logical id', here);
          attribute = asString(resolveValue(arg[1], here), 'Fn::GetAtt attribute', here);
        } else {
          return fail('Fn::GetAtt must be [LogicalId, Attribute]', here);
        }
        return getAttValue(here, logicalId, attribute);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) return fail('Fn::Join must be [delimiter, [values]]', here);
        const delimiter = asString(arg[0], 'Fn::Join delimiter', here);
        const values = resolveValue(arg[1], here);
        if (!Array.isArray(values)) return fail('Fn::Join values must resolve to a list', here);
        return values.filter((v) => v !== NO_VALUE).map((v) => asString(v, 'Fn::Join element', here)).join(delimiter);
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return sub(arg, {}, here);
        if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
          const vars = resolveValue(arg[1], here);
          if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) return fail('Fn::Sub variables must be a map', here);
          return sub(arg[0], vars as Record<string, unknown>, here);
        }
        return fail('Fn::Sub must be a string or [string, {variables}]', here);
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) return fail('Fn::Select must be [index, [values]]', here);
        const index = Number(resolveValue(arg[0], here));
        const values = resolveValue(arg[1], here);
        if (!Array.isArray(values)) return fail('Fn::Select values must resolve to a list', here);
        if (!Number.isInteger(index) || index < 0 || index >= values.length) {
          return fail(`Fn::Select index ${String(arg[0])} is out of range for ${values.length} values`, here);
        }
        return values[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) return fail('Fn::Split must be [delimiter, string]', here);
        const delimiter = asString(arg[0], 'Fn::Split delimiter', here);
        return asString(resolveValue(arg[1], here), 'Fn::Split source', here).split(delimiter);
      }
      case 'Fn::ImportValue':
        return importValue(asString(resolveValue(arg, here), 'Fn::ImportValue name', here), here);
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3) return fail('Fn::If must be [condition, whenTrue, whenFalse]', here);
        const name = asString(arg[0], 'Fn::If condition', here);
        return resolveValue(condition(where.stackName, name, here) ? arg[1] : arg[2], here);
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return fail('Fn::Equals must be [a, b]', here);
        return JSON.stringify(resolveValue(arg[0], here)) === JSON.stringify(resolveValue(arg[1], here));
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg) || arg.length < 1) return fail(`${fn} must be a list of conditions`, here);
        const values = arg.map((c) => resolveValue(c, here));
        if (!values.every((v) => typeof v === 'boolean')) return fail(`${fn} operands must be conditions`, here);
        return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'Fn::Not': {
        if (!Array.isArray(arg) || arg.length !== 1) return fail('Fn::Not must be [condition]', here);
        const v = resolveValue(arg[0], here);
        if (typeof v !== 'boolean') return fail('Fn::Not operand must be a condition', here);
        return !v;
      }
      case 'Condition':
        return condition(where.stackName, asString(arg, 'Condition', here), here);
      case 'Fn::Base64':
        return Buffer.from(asString(resolveValue(arg, here), 'Fn::Base64 value', here), 'utf8').toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${region}${z}`);
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length !== 3) return fail('Fn::FindInMap must be [map, topKey, secondKey]', here);
        const [m, t, k] = arg.map((a) => asString(resolveValue(a, here), 'Fn::FindInMap key', here)) as [string, string, string];
        const value = stack(where.stackName).template.Mappings?.[m]?.[t]?.[k];
        if (value === undefined) return fail(`Fn::FindInMap ${m}.${t}.${k} is not defined`, here);
        return value;
      }
      default:
        return fail(`intrinsic function '${fn}' is not supported locally`, here);
    }
  }

  function resolveValue(value: unknown, where: Where): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map((v, i) => resolveValue(v, { ...where, path: `${where.path}[${i}]` })).filter((v) => v !== NO_VALUE);
    }
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0] as string;
      if (key === 'Ref' || key.startsWith('Fn::') || (key === 'Condition' && where.path.includes('Conditions'))) {
        return resolveIntrinsic(key, (value as Record<string, unknown>)[key], where);
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const resolved = resolveValue(v, { ...where, path: where.path ? `${where.path}.${k}` : k });
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  function included(stackName: string, logicalId: string, r: TemplateResource): boolean {
    return !r.Condition || condition(stackName, r.Condition, { stackName, logicalId, path: 'Condition' });
  }

  function resources(type: string): AssemblyResource[] {
    const out: AssemblyResource[] = [];
    for (const entry of stacks.values()) {
      for (const [logicalId, r] of Object.entries(entry.template.Resources ?? {})) {
        if (r.Type !== type || !included(entry.name, logicalId, r)) continue;
        const where = { stackName: entry.name, logicalId, path: 'Properties' };
        out.push({
          stackName: entry.name,
          logicalId,
          type: r.Type,
          ref: physicalId(where, logicalId),
          properties: (resolveValue(r.Properties ?? {}, where) as Record<string, unknown>) ?? {},
          metadata: r.Metadata,
        });
      }
    }
    return out;
  }

  function policyDoc(value: unknown, where: Where): PolicyDocument {
    if (typeof value !== 'object' || value === null || !('Statement' in value)) {
      return fail('policy document must be an object with a Statement', where);
    }
    return value as PolicyDocument;
  }

  let rolesCache: AssemblyRole[] | undefined;
  function roles(): AssemblyRole[] {
    if (rolesCache) return rolesCache;
    const list = resources('AWS::IAM::Role').map((r): AssemblyRole => {
      const where = { stackName: r.stackName, logicalId: r.logicalId, path: 'Properties' };
      const p = r.properties;
      const tags: Record<string, string> = {};
      for (const tag of (p.Tags as Array<{ Key: string; Value: string }> | undefined) ?? []) tags[tag.Key] = String(tag.Value);
      const inline = ((p.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []).map((x, i) =>
        policyDoc(x.PolicyDocument, { ...where, path: `Properties.Policies[${i}].PolicyDocument` }),
      );
      return {
        logicalId: r.logicalId,
        stackName: r.stackName,
        roleName: r.ref,
        roleArn: getAttValue({ ...where }, r.logicalId, 'Arn') as string,
        tags,
        policies: inline,
        managedPolicyArns: ((p.ManagedPolicyArns as string[] | undefined) ?? []).map(String),
        assumeRolePolicy: p.AssumeRolePolicyDocument as PolicyDocument | undefined,
      };
    });
    const byName = new Map(list.map((role) => [role.roleName, role]));
    const attach = (names: unknown, doc: PolicyDocument, arnOfPolicy?: string) => {
      for (const name of Array.isArray(names) ? names : []) {
        const role = byName.get(String(name));
        if (role) role.policies.push(doc);
      }
      if (arnOfPolicy) {
        for (const role of list) if (role.managedPolicyArns.includes(arnOfPolicy) && !role.policies.includes(doc)) role.policies.push(doc);
      }
    };
    for (const policy of resources('AWS::IAM::Policy')) {
      const where = { stackName: policy.stackName, logicalId: policy.logicalId, path: 'Properties.PolicyDocument' };
      attach(policy.properties.Roles, policyDoc(policy.properties.PolicyDocument, where));
    }
    for (const policy of resources('AWS::IAM::ManagedPolicy')) {
      const where = { stackName: policy.stackName, logicalId: policy.logicalId, path: 'Properties.PolicyDocument' };
      attach(policy.properties.Roles, policyDoc(policy.properties.PolicyDocument, where), policy.ref);
    }
    rolesCache = list;
    return list;
  }

  function assetPath(s3Location: string): string {
    const key = s3Location.replace(/^s3:\/\/[^/]+\//, '').replace(/^https:\/\/[^/]+\/[^/]+\//, '');
    const hash = key.replace(/\.[^.]*$/, '');
    for (const file of assetManifests) {
      const assets = readJson(file, 'asset manifest') as { files?: Record<string, { source?: { path?: string } }> };
      const source = assets.files?.[hash]?.source?.path;
      if (source) return path.join(path.dirname(file), source);
    }
    throw new TemplateResolutionError(`no asset '${hash}' (from '${s3Location}') in the assembly's asset manifests`);
  }

  return {
    stackNames: () => [...stacks.keys()],
    template: (stackName) => stack(stackName).template,
    resources,
    roles,
    roleByTag(key, value) {
      const matches = roles().filter((r) => r.tags[key] === value);
      if (matches.length > 1) {
        throw new TemplateResolutionError(
          `${matches.length} roles carry tag ${key}=${value}: ${matches.map((m) => `${m.stackName}/${m.logicalId}`).join(', ')}`,
        );
      }
      return matches[0];
    },
    outputs(stackName) {
      const out: Record<string, string> = {};
      for (const [id, output] of Object.entries(stack(stackName).template.Outputs ?? {})) {
        if (output.Condition && !condition(stackName, output.Condition, { stackName, logicalId: id, path: 'Condition' })) continue;
        const where = { stackName, logicalId: id, path: 'Value' };
        out[id] = asString(resolveValue(output.Value, where), 'output value', where);
      }
      return out;
    },
    resolve(value, stackName) {
      stack(stackName);
      const v = resolveValue(value, { stackName, path: '' });
      return v === NO_VALUE ? undefined : v;
    },
    ref(stackName, logicalId) {
      return asString(refValue({ stackName, path: 'Ref' }, logicalId), 'Ref', { stackName, logicalId, path: 'Ref' });
    },
    getAtt(stackName, logicalId, attribute) {
      return getAttValue({ stackName, logicalId, path: `Fn::GetAtt.${attribute}` }, logicalId, attribute);
    },
    assetPath,
  };
}
