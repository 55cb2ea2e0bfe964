import * as z from 'zod/mini';
import { eventBridgeEventSchema, KeySegmentSchema } from '@notifier/lambda-kit';

/** Tag of a training job that names the model it trains. */
export const MODEL_NAME_TAG = 'notifier:model-name';
/** Tag of a training job that gives the version of the model it trains. */
export const MODEL_VERSION_TAG = 'notifier:model-version';

/** A model name or a version: one segment of `modelName#version` and of `models/<name>/<version>/` (lambda-kit's KeySegmentSchema). */
export const SegmentSchema = KeySegmentSchema;

/**
 * `detail` of `SageMaker Training Job State Change` (the DescribeTrainingJob shape): only the fields
 * this function reads are checked, the others pass through.
 */
export const TrainingJobDetailSchema = z.object({
  TrainingJobName: z.string().check(z.minLength(1)),
  TrainingJobArn: z.string(),
  TrainingJobStatus: z.string(),
  SecondaryStatus: z.optional(z.string()),
  FailureReason: z.optional(z.string()),
  ModelArtifacts: z.optional(z.object({ S3ModelArtifacts: z.string() })),
  FinalMetricDataList: z.optional(
    z.array(z.object({ MetricName: z.string().check(z.minLength(1)), Value: z.number(), Timestamp: z.optional(z.unknown()) })),
  ),
  Tags: z.optional(z.record(z.string(), z.string())),
});

/** The event `source: aws.sagemaker`, `detail-type: SageMaker Training Job State Change`. */
export const TrainingJobStateChangeEventSchema = eventBridgeEventSchema(
  'aws.sagemaker',
  'SageMaker Training Job State Change',
  TrainingJobDetailSchema,
);

/** A parsed training job state change. */
export type TrainingJobStateChangeEvent = z.infer<typeof TrainingJobStateChangeEventSchema>;
/** Its detail. */
export type TrainingJobDetail = z.infer<typeof TrainingJobDetailSchema>;
