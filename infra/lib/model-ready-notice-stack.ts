// The model-ready-notice app: SageMaker training jobs and artifact uploads under models/ ->
// notifyModelReady (broadcast).
import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AppStack, type AppStackProps } from './app-stack';
import type { TrainingJobSelection } from './config';
import { objectCreatedPattern } from './constructs/event-patterns';
import { bindMutation, NotifierFunction } from './constructs/notifier-function';

/**
 * Training job states routed to the handler. Completed jobs notify; Failed and Stopped are routed too
 * so the handler logs them (a training failure should leave a trace), and notify nothing. InProgress
 * and Stopping are filtered out here: they would only cost invocations.
 */
export const TRAINING_JOB_STATUSES = ['Completed', 'Failed', 'Stopped'] as const;

/** The tag that names a model on a training job (the handler reads it with `notifier:model-version`). */
export const MODEL_NAME_TAG = 'notifier:model-name';

/**
 * The `detail` of the training-job rule for a selection. SageMaker puts the job's tags in `detail.Tags`
 * as a map of key to value, so a tag's presence is an `exists` match on its key.
 *
 * @example
 * trainingJobDetail('tagged') // { TrainingJobStatus: [...], Tags: { 'notifier:model-name': [{ exists: true }] } }
 */
export function trainingJobDetail(selection: TrainingJobSelection): Record<string, unknown> {
  const statuses = { TrainingJobStatus: [...TRAINING_JOB_STATUSES] };
  return selection === 'tagged' ? { ...statuses, Tags: { [MODEL_NAME_TAG]: [{ exists: true }] } } : statuses;
}

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

    const tagged = props.config.trainingJobs === 'tagged';
    new Rule(this, 'TrainingJobRule', {
      description: `SageMaker training jobs${tagged ? ` tagged ${MODEL_NAME_TAG}` : ''} that finished (Completed notifies; Failed/Stopped are logged)`,
      eventPattern: {
        source: ['aws.sagemaker'],
        detailType: ['SageMaker Training Job State Change'],
        detail: trainingJobDetail(props.config.trainingJobs),
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
