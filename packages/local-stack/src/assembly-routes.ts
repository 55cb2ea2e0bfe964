import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from '@notifier/local-iam';
import type { EventPattern } from './event-pattern';
import type { EventRule } from './event-router';
import { LocalStackError } from './errors';

/** A Lambda function of the synthesized template, as the local stack runs it. */
export interface FunctionDefinition {
  /** Physical function name. */
  functionName: string;
  functionArn: string;
  stackName: string;
  logicalId: string;
  /** `notifier:app` tag: the app folder. */
  app: string;
  /** `notifier:handler` tag: the entry file. */
  handler: string;
  /** The bundled asset the template deploys (`<assembly>/asset.<hash>/index.mjs`). */
  bundlePath: string;
  /** Export named by the function's `Handler` (`index.handler` -> `handler`). */
  handlerExport: string;
  roleArn: string;
  timeoutMs: number;
  memoryMb: number;
  /** Environment variables as deployed (intrinsics resolved). */
  environment: Record<string, string>;
  /** `MaximumRetryAttempts` of its `AWS::Lambda::EventInvokeConfig` (asynchronous invocations). */
  maximumRetryAttempts: number;
}

/** A scheduled rule (`ScheduleExpression`) and the functions it invokes. */
export interface ScheduledRule {
  name: string;
  ruleArn: string;
  expression: string;
  targets: string[];
}

/** A bucket and whether it sends its events to EventBridge. */
export interface BucketDefinition {
  bucketName: string;
  /** `notifier:bucket` tag (uploads, transcripts, data, models). */
  role?: string;
  eventBridgeEnabled: boolean;
}

/** Everything the local stack routes, read from the synthesized template. */
export interface AssemblyRoutes {
  functions: FunctionDefinition[];
  rules: EventRule[];
  schedules: ScheduledRule[];
  buckets: BucketDefinition[];
  /** User-pool trigger name -> function name (e.g. `PostAuthentication`). */
  userPoolTriggers: Record<string, string>;
}

type Props = Record<string, unknown>;

/**
 * Reads from the synthesized template which function runs for which event: functions tagged with
 * `notifier:app` (their deployed bundle, role, timeout and environment), EventBridge rules with their
 * patterns and targets, schedules, buckets with EventBridge notifications, and the user pool's triggers.
 * Nothing about routing is written in code: change a rule in `infra/` and the local stack follows.
 *
 * @example
 * const routes = readAssemblyRoutes(assembly, 'infra/cdk.out', { region, accountId });
 */
export function readAssemblyRoutes(
  assembly: CloudAssembly,
  assemblyDir: string,
  where: { region: string; accountId: string },
): AssemblyRoutes {
  const retryByFunction = new Map<string, number>();
  for (const config of assembly.resources('AWS::Lambda::EventInvokeConfig')) {
    const props = config.properties as Props;
    if (typeof props.FunctionName === 'string' && typeof props.MaximumRetryAttempts === 'number') {
      retryByFunction.set(props.FunctionName, props.MaximumRetryAttempts);
    }
  }

  const functions: FunctionDefinition[] = [];
  for (const resource of assembly.resources('AWS::Lambda::Function')) {
    const props = resource.properties as Props;
    const tags = tagMap(props.Tags);
    const app = tags['notifier:app'];
    if (!app) continue; // CDK's own helper functions (bucket auto-delete, ...) are not part of the system.
    const at = `${resource.stackName}/${resource.logicalId}`;
    const assetPath = (resource.metadata as Props | undefined)?.['aws:asset:path'];
    if (typeof assetPath !== 'string') throw new LocalStackError(`${at}: no bundled asset (aws:asset:path) in the template metadata`);
    const handlerSetting = typeof props.Handler === 'string' ? props.Handler : 'index.handler';
    const [file, handlerExport] = splitHandler(handlerSetting, at);
    const bundlePath = join(assemblyDir, assetPath, `${file}.mjs`);
    if (!existsSync(bundlePath)) throw new LocalStackError(`${at}: bundle ${bundlePath} is missing; run \`pnpm synth\``);
    const variables = ((props.Environment as Props | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const environment: Record<string, string> = {};
    for (const [name, value] of Object.entries(variables)) environment[name] = String(value);
    functions.push({
      functionName: resource.ref,
      functionArn: functionArn(assembly, resource.stackName, resource.logicalId, resource.ref, where),
      stackName: resource.stackName,
      logicalId: resource.logicalId,
      app,
      handler: tags['notifier:handler'] ?? 'handler',
      bundlePath,
      handlerExport,
      roleArn: String(props.Role),
      timeoutMs: (typeof props.Timeout === 'number' ? props.Timeout : 3) * 1000,
      memoryMb: typeof props.MemorySize === 'number' ? props.MemorySize : 128,
      environment,
      maximumRetryAttempts: retryByFunction.get(resource.ref) ?? 2,
    });
  }
  const byArn = new Map(functions.map((fn) => [fn.functionArn, fn.functionName]));
  const targetsOf = (props: Props, where: string): string[] =>
    ((props.Targets ?? []) as Array<{ Arn?: unknown }>).map((target) => {
      const name = byArn.get(String(target.Arn));
      if (!name) throw new LocalStackError(`${where}: target ${String(target.Arn)} is not a function of the system`);
      return name;
    });

  const rules: EventRule[] = [];
  const schedules: ScheduledRule[] = [];
  for (const resource of assembly.resources('AWS::Events::Rule')) {
    const props = resource.properties as Props;
    const name = `${resource.stackName}/${resource.logicalId}`;
    if (props.State === 'DISABLED') continue;
    if (props.EventPattern) {
      rules.push({ name, pattern: props.EventPattern as EventPattern, targets: targetsOf(props, name) });
    } else if (typeof props.ScheduleExpression === 'string') {
      schedules.push({
        name,
        ruleArn: `arn:aws:events:${where.region}:${where.accountId}:rule/${resource.ref}`,
        expression: props.ScheduleExpression,
        targets: targetsOf(props, name),
      });
    }
  }

  const buckets: BucketDefinition[] = assembly.resources('AWS::S3::Bucket').map((resource) => {
    const props = resource.properties as Props;
    const notification = props.NotificationConfiguration as Props | undefined;
    const eventBridge = notification?.EventBridgeConfiguration as Props | undefined;
    const role = tagMap(props.Tags)['notifier:bucket'];
    return { bucketName: resource.ref, ...(role ? { role } : {}), eventBridgeEnabled: eventBridge?.EventBridgeEnabled === true };
  });

  const userPoolTriggers: Record<string, string> = {};
  for (const pool of assembly.resources('AWS::Cognito::UserPool')) {
    const lambdaConfig = ((pool.properties as Props).LambdaConfig ?? {}) as Record<string, unknown>;
    for (const [trigger, arn] of Object.entries(lambdaConfig)) {
      const name = byArn.get(String(arn));
      if (name) userPoolTriggers[trigger] = name;
    }
  }
  return { functions, rules, schedules, buckets, userPoolTriggers };
}

function functionArn(
  assembly: CloudAssembly,
  stackName: string,
  logicalId: string,
  name: string,
  where: { region: string; accountId: string },
): string {
  try {
    return String(assembly.getAtt(stackName, logicalId, 'Arn'));
  } catch {
    return `arn:aws:lambda:${where.region}:${where.accountId}:function:${name}`;
  }
}

function splitHandler(handler: string, where: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) throw new LocalStackError(`${where}: Handler "${handler}" is not <file>.<export>`);
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}

function tagMap(tags: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (Array.isArray(tags)) for (const tag of tags as Array<{ Key?: unknown; Value?: unknown }>) map[String(tag.Key)] = String(tag.Value);
  return map;
}
