// The model-ready-notice app: SageMaker training jobs and artifact uploads under models/ ->
// notifyModelReady (broadcast).
import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppStack, type AppStackProps } from './app-stack';
import { objectCreatedPattern } from './constructs/event-patterns';
import { bindMutation, NotifierFunction } from './constructs/notifier-function';

/**
 * Training job states routed to the handler. Completed jobs notify; Failed and Stopped are routed too
 * so the handler logs them (a training failure should leave a trace), and notify nothing. InProgress
 * and Stopping are filtered out here: they would only cost invocations.
 */
export const TRAINING_JOB_STATUSES = ['Completed', 'Failed', 'Stopped'] as const;

/** Options of {@link ModelReadyNoticeStack}. */
export interface ModelReadyNoticeStackProps extends AppStackProps {
  /** The models bucket (`models/<name>/<version>/...`). */
  readonly modelsBucket: IBucket;
}

/**
 * The model-ready-notice function, its two rules (SageMaker job state, artifact uploads), dead-letter
 * queue and alarms.
 *
 * @example
 * new ModelReadyNoticeStack(app, 'Notifier-dev-ModelReadyNotice', { config, api, alarmTopic, modelsBucket });
 */
export class ModelReadyNoticeStack extends AppStack {
  constructor(scope: Construct, id: string, props: ModelReadyNoticeStackProps) {
    super(scope, id, 'model-ready-notice', props);
    const fn = this.addFunction(
      new NotifierFunction(this, 'Handler', {
        app: this.app,
        handler: 'handler',
        description: 'Announces a new model version to every signed-in user',
        timeout: Duration.seconds(30),
        api: props.api,
        config: props.config,
      }),
    );
    // The artifact event carries everything the notice needs (key, size): no S3 read is granted.
    bindMutation(fn, 'notifyModelReady');

    new Rule(this, 'TrainingJobRule', {
      description: 'SageMaker training jobs that finished (Completed notifies; Failed/Stopped are logged)',
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Training Job State Change'],
        detail: { TrainingJobStatus: [...TRAINING_JOB_STATUSES] },
      },
    }).addTarget(this.operations.target(fn));

    new Rule(this, 'ArtifactUploadedRule', {
      description: 'Model artifacts uploaded under models/<name>/<version>/ (training outside SageMaker)',
      eventPattern: objectCreatedPattern(props.modelsBucket.bucketName, [{ prefix: 'models/' }]),
    }).addTarget(this.operations.target(fn));

    this.operations.watchAsync(fn);
    this.outputDeadLetterQueue();
  }
}
