// What every trigger-app stack receives and exposes.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from './config';
import { AppOperations } from './constructs/app-operations';
import type { GraphqlApiRef, NotifierFunction } from './constructs/notifier-function';

/** Options shared by the trigger-app stacks. */
export interface AppStackProps extends StackProps {
  /** Stage settings. */
  readonly config: StageConfig;
  /** The API the app's mutation is called on. */
  readonly api: GraphqlApiRef;
  /** Where the app's alarms publish. */
  readonly alarmTopic: ITopic;
}

/** Buckets an app reads or is triggered by (owned by the Storage stack). */
export interface AppBuckets {
  readonly uploads: IBucket;
  readonly transcripts: IBucket;
  readonly data: IBucket;
  readonly models: IBucket;
}

/**
 * A stack owning one app: its functions, roles, rules, dead-letter queue and alarms.
 *
 * @example
 * class ImageTaggerStack extends AppStack { ... this.operations.watchAsync(fn); this.outputFunction('Handler', fn); }
 */
export abstract class AppStack extends Stack {
  /** The app folder under `apps/`. */
  public readonly app: string;
  /** The app's dead-letter queue, retries and alarms. */
  public readonly operations: AppOperations;
  /** The app's functions by handler name. */
  public readonly functions: Record<string, NotifierFunction> = {};

  protected constructor(scope: Construct, id: string, app: string, props: AppStackProps) {
    super(scope, id, props);
    this.app = app;
    this.operations = new AppOperations(this, 'Operations', { app, alarmTopic: props.alarmTopic, config: props.config });
  }

  /** Registers a function and outputs its name and role ARN (`<Handler>FunctionName`, `<Handler>RoleArn`). */
  protected addFunction(fn: NotifierFunction): NotifierFunction {
    this.functions[fn.handler] = fn;
    const prefix = fn.handler[0]?.toUpperCase() + fn.handler.slice(1);
    new CfnOutput(this, `${prefix}FunctionName`, { value: fn.function.functionName });
    new CfnOutput(this, `${prefix}RoleArn`, { value: fn.role.roleArn });
    return fn;
  }

  /** Outputs the dead-letter queue (`DeadLetterQueueUrl`, `DeadLetterQueueArn`) for the redrive command. */
  protected outputDeadLetterQueue(): void {
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.operations.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueArn', { value: this.operations.deadLetterQueue.queueArn });
  }
}
