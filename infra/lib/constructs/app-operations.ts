// Nothing is dropped silently: one dead-letter queue per app, bounded retries everywhere, and alarms
// that reach a person.
import { Duration, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { acknowledge } from '../nag';
import { TAG_APP, type NotifierFunction } from './notifier-function';

/** Retry and age bounds of asynchronous invocations and EventBridge deliveries. */
export const RETRY_LIMITS = {
  /** Lambda retries of a failed asynchronous invocation (the maximum Lambda allows). */
  asyncRetryAttempts: 2,
  /** Oldest asynchronous event Lambda still runs. */
  asyncMaxEventAge: Duration.hours(6),
  /** EventBridge attempts to hand an event to Lambda (throttling, service errors). */
  targetRetryAttempts: 8,
  /** Oldest event EventBridge still tries to deliver. */
  targetMaxEventAge: Duration.hours(6),
} as const;

/** Options of {@link AppOperations}. */
export interface AppOperationsProps {
  /** App folder (tags, alarm names). */
  readonly app: string;
  /** Where alarms publish. */
  readonly alarmTopic: ITopic;
  /** Stage settings. */
  readonly config: StageConfig;
}

/**
 * The reliability wiring of one app: its SQS dead-letter queue (SSE-SQS, TLS only) with an alarm,
 * asynchronous invocation limits with the queue as on-failure destination, EventBridge targets with
 * retries and the same queue, and an error alarm per function.
 *
 * @example
 * const ops = new AppOperations(this, 'Operations', { app: 'image-tagger', alarmTopic, config });
 * ops.watchAsync(fn);
 * rule.addTarget(ops.target(fn));
 */
export class AppOperations extends Construct {
  private readonly props: AppOperationsProps;
  private queue?: Queue;

  constructor(scope: Construct, id: string, props: AppOperationsProps) {
    super(scope, id);
    this.props = props;
  }

  /** The app's dead-letter queue (created on first use: synchronous-only apps have none). */
  public get deadLetterQueue(): Queue {
    if (this.queue) return this.queue;
    // SSE-SQS, not the AWS-managed KMS key: EventBridge cannot send to a queue encrypted with it.
    const queue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Tags.of(queue).add(TAG_APP, this.props.app);
    acknowledge(
      queue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the app (Lambda on-failure destination and EventBridge target DLQ).',
    );
    const alarm = new Alarm(this, 'DeadLetterQueueAlarm', {
      alarmDescription: `${this.props.app}: events failed every retry and wait in the dead-letter queue (see README: redrive)`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.props.alarmTopic));
    this.queue = queue;
    return queue;
  }

  /**
   * Alarms on the function's errors (any error in five minutes).
   *
   * @example
   * ops.alarmOnErrors(postAuth);
   */
  public alarmOnErrors(fn: NotifierFunction): Alarm {
    const alarm = new Alarm(fn, 'ErrorsAlarm', {
      alarmDescription: `${fn.app}/${fn.handler}: invocations failed`,
      metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.props.alarmTopic));
    return alarm;
  }

  /**
   * Bounds asynchronous retries of a function, sends what still fails to the dead-letter queue, and
   * alarms on its errors.
   *
   * @example
   * ops.watchAsync(fn);
   */
  public watchAsync(fn: NotifierFunction): void {
    fn.function.configureAsyncInvoke({
      retryAttempts: RETRY_LIMITS.asyncRetryAttempts,
      maxEventAge: RETRY_LIMITS.asyncMaxEventAge,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.alarmOnErrors(fn);
  }

  /**
   * An EventBridge target for a function with a retry policy and the app's dead-letter queue.
   *
   * @example
   * rule.addTarget(ops.target(fn));
   */
  public target(fn: NotifierFunction, event?: RuleTargetInput): LambdaFunction {
    return new LambdaFunction(fn.function, {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: RETRY_LIMITS.targetRetryAttempts,
      maxEventAge: RETRY_LIMITS.targetMaxEventAge,
      ...(event ? { event } : {}),
    });
  }
}
