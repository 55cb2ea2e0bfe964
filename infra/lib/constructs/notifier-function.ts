// One construct for every Lambda function of notifier: runtime, architecture, bundling, timeout, log
// group, tracing and tags are fixed here; each permission is added through a helper that says why.
import { Duration, Tags } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { WiringError } from '../errors';
import { acknowledge, acknowledgeWildcardResource } from '../nag';
import { bundlerPath, handlerEntry, lockFilePath, repoRoot } from '../paths';
import { backendMutations, fieldArn, type BackendMutation } from '../schema-fields';

/** Tag keys tools use to map roles and functions to apps (see README). */
export const TAG_APP = 'notifier:app';
/** Tag key naming the handler entry file (`handler`, `start`, `complete`, `sweep`). */
export const TAG_HANDLER = 'notifier:handler';
/** Tag key naming a role: `<app>` or `<app>-<handler>`, `authRole`, `unauthRole`. */
export const TAG_ROLE = 'notifier:role';

/** The Lambda runtime of every function (the newest Node.js runtime this CDK version knows). */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

/**
 * Lets every CommonJS dependency bundled into the ESM output still `require()` Node built-ins.
 * The alias avoids clashing with identifiers in the bundle.
 */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __notifierCreateRequire } from 'node:module'; const require = __notifierCreateRequire(import.meta.url);";

/** What an app function needs to reach the GraphQL API. */
export interface GraphqlApiRef {
  /** `arn:aws:appsync:<region>:<account>:apis/<apiId>`. */
  readonly arn: string;
  /** The HTTPS GraphQL endpoint. */
  readonly graphqlUrl: string;
}

/** Options of {@link NotifierFunction}. */
export interface NotifierFunctionProps {
  /** App folder under `apps/` (tag `notifier:app`, `POWERTOOLS_SERVICE_NAME`). */
  readonly app: string;
  /** Entry file base name under `apps/<app>/src/` (tag `notifier:handler`). */
  readonly handler: string;
  /**
   * The role's `notifier:role` tag.
   * @default `<app>` when {@link singleHandler} is true, otherwise `<app>-<handler>`
   */
  readonly roleTag?: string;
  /**
   * Whether the app has this one handler only (its role is then tagged with the app name alone).
   * @default true
   */
  readonly singleHandler?: boolean;
  /** What the function does (function and role description). */
  readonly description: string;
  /** A timeout that fits the trigger (Cognito allows 5 s; event handlers more). */
  readonly timeout: Duration;
  /**
   * Memory in MB.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Extra environment variables (the common ones are always set).
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * The GraphQL API, required by {@link bindMutation}.
   * @default none: the function cannot call a mutation
   */
  readonly api?: GraphqlApiRef;
  /** Stage settings (log retention, removal, log level). */
  readonly config: StageConfig;
}

/**
 * A Node.js Lambda function bundled from `apps/<app>/src/<handler>.ts` (esbuild, ESM `index.mjs`),
 * arm64, with its own role, log group, X-Ray tracing and tags.
 *
 * @example
 * const fn = new NotifierFunction(this, 'Handler', {
 *   app: 'image-tagger', handler: 'handler', description: 'Tags uploaded images',
 *   timeout: Duration.seconds(30), api, config,
 * });
 * bindMutation(fn, 'notifyImageTagged');
 */
export class NotifierFunction extends Construct {
  /** The Lambda function. */
  public readonly function: NodejsFunction;
  /** The function's execution role (nothing but what its helpers granted). */
  public readonly role: Role;
  /** The function's log group. */
  public readonly logGroup: LogGroup;
  /** App folder. */
  public readonly app: string;
  /** Entry file base name. */
  public readonly handler: string;
  /** Value of the role's `notifier:role` tag. */
  public readonly roleTag: string;
  /** The GraphQL API, when given. */
  public readonly api?: GraphqlApiRef;
  private boundMutation?: BackendMutation;
  /** Why each `Resource: *` grant of the role needs it (one cdk-nag acknowledgment names them all). */
  private readonly anyResourceReasons: string[] = [
    'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (added by active tracing)',
  ];

  constructor(scope: Construct, id: string, props: NotifierFunctionProps) {
    super(scope, id);
    this.app = props.app;
    this.handler = props.handler;
    this.roleTag = props.roleTag ?? ((props.singleHandler ?? true) ? props.app : `${props.app}-${props.handler}`);
    if (props.api) this.api = props.api;

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.app}/${props.handler}: ${props.description}`,
    });
    Tags.of(this.role).add(TAG_ROLE, this.roleTag);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.app, props.handler),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: lockFilePath,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.app,
        LOG_LEVEL: props.config.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        esbuildArgs: { '--conditions': 'module' },
        minify: true,
        sourceMap: true,
        // DEFAULT is esbuild's linked mode: the `sourceMappingURL` comment lets `--enable-source-maps` find index.mjs.map.
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        banner: CREATE_REQUIRE_BANNER,
        // Bundle everything, the AWS SDK v3 clients included: the versions the apps tested with are
        // the versions that run, and cold starts load one file.
        externalModules: [],
        bundleAwsSDK: true,
        logLevel: LogLevel.WARNING,
        // CDK runs `pnpm exec esbuild` at the workspace root; this puts infra's own esbuild on its PATH
        // (bundling runs locally: never in Docker).
        environment: { PATH: bundlerPath() },
      },
    });
    Tags.of(this.function).add(TAG_APP, props.app);
    Tags.of(this.function).add(TAG_HANDLER, props.handler);
    Tags.of(this.logGroup).add(TAG_APP, props.app);
    Tags.of(this.role).add(TAG_APP, props.app);
    Tags.of(this.role).add(TAG_HANDLER, props.handler);

    this.node.addValidation({
      validate: () => {
        acknowledge(this.role, 'AwsSolutions-IAM5[Resource::*]', `${this.anyResourceReasons.join('; ')}.`);
        return [];
      },
    });
  }

  /** The mutation this function's role may call, if any. */
  public get mutation(): BackendMutation | undefined {
    return this.boundMutation;
  }

  /**
   * Adds one statement to the role. A wildcard resource needs a reason, recorded as the cdk-nag
   * acknowledgment of exactly that resource.
   *
   * @example
   * fn.allow(['rekognition:DetectLabels'], ['*'], 'DetectLabels has no resource-level permissions');
   */
  public allow(actions: string[], resources: string[], wildcardReason?: string): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
    for (const resource of resources) {
      if (!resource.includes('*')) continue;
      if (wildcardReason === undefined) {
        throw new WiringError(`${this.node.path}: granting ${actions.join(', ')} on a wildcard needs a reason`);
      }
      if (resource === '*') this.anyResourceReasons.push(`${actions.join(', ')}: ${wildcardReason}`);
      else acknowledgeWildcardResource(this.role, resource, wildcardReason);
    }
  }

  /**
   * Lets the function read objects (GetObject, HeadObject, versions) matching a key pattern.
   *
   * @example
   * fn.readObjects(uploads, 'private/*', 'Uploads of every owner');
   */
  public readObjects(bucket: IBucket, keyPattern: string, reason: string): void {
    this.allow(['s3:GetObject', 's3:GetObjectVersion'], [bucket.arnForObjects(keyPattern)], reason);
  }

  /**
   * Lets the function write objects matching a key pattern.
   *
   * @example
   * fn.writeObjects(transcripts, '*', 'Transcribe writes job output with the caller role');
   */
  public writeObjects(bucket: IBucket, keyPattern: string, reason: string): void {
    this.allow(['s3:PutObject'], [bucket.arnForObjects(keyPattern)], reason);
  }

  /** Sets an environment variable on the function. */
  public addEnvironment(key: string, value: string): void {
    this.function.addEnvironment(key, value);
  }

  /** @internal used by {@link bindMutation} */
  public _bindMutation(mutation: BackendMutation): void {
    if (this.boundMutation !== undefined) {
      throw new WiringError(
        `${this.node.path} already calls ${this.boundMutation}: a role is granted exactly one mutation (not ${mutation})`,
      );
    }
    this.boundMutation = mutation;
  }
}

/**
 * Lets a function call one backend mutation: sets `GRAPHQL_URL` and grants `appsync:GraphQL` on that
 * field's ARN alone. A second call on the same function throws: each role calls exactly one mutation.
 *
 * @example
 * bindMutation(fn, 'notifyImageTagged');
 */
export function bindMutation(fn: NotifierFunction, mutation: BackendMutation): void {
  const api = fn.api;
  if (!api) throw new WiringError(`${fn.node.path} has no GraphQL API to call ${mutation} on`);
  if (!backendMutations().includes(mutation)) {
    throw new WiringError(`${mutation} is not a backend-only Mutation field of the schema`);
  }
  fn._bindMutation(mutation);
  fn.addEnvironment('GRAPHQL_URL', api.graphqlUrl);
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['appsync:GraphQL'],
      resources: [fieldArn(api.arn, { typeName: 'Mutation', fieldName: mutation })],
    }),
  );
}
