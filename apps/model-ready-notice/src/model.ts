import { parse, ValidationError } from '@notifier/lambda-kit';
import type { MetricInput, ModelReadyInput } from '@notifier/schema';
import { MODEL_NAME_TAG, MODEL_VERSION_TAG, SegmentSchema, type TrainingJobDetail } from './events';

/** A model version and where it came from. */
export interface ModelIdentity {
  modelName: string;
  version: string;
  /** `tags` or `job-name`. */
  from: 'tags' | 'job-name';
}

/**
 * Training job names (letters, digits, hyphens) that carry the model: `<name>-v<digits>`, optionally
 * followed by `-<anything>` (a timestamp, a run id). The name is the shortest prefix before the first
 * `-v<digits>` that is followed by `-` or the end: `churn-model-v3-2026-11-27-09-00` is churn-model v3.
 */
export const JOB_NAME_PATTERN = /^(?<name>[A-Za-z0-9](?:[A-Za-z0-9-]*?[A-Za-z0-9])?)-v(?<version>\d+)(?:-[A-Za-z0-9-]*)?$/;

/**
 * The model a training job trained: from the job's tags `notifier:model-name` and
 * `notifier:model-version` when it has them (both, or neither), else from its name (`<name>-v<version>...`);
 * `undefined` when it has neither the tags nor such a name, i.e. it is not a model for notifier (training
 * jobs of the whole account reach this function).
 *
 * @throws {@link ValidationError} when only one tag is set or a tag value is not a valid name: the job
 * was meant for notifier, and is mis-tagged.
 * @example
 * ```ts
 * modelOfTrainingJob({ TrainingJobName: 'churn-v3-20261127', ... }); // { modelName: 'churn', version: '3', from: 'job-name' }
 * modelOfTrainingJob({ TrainingJobName: 'xgboost-2026-11-27-08-00-00-123' }); // undefined
 * ```
 */
export function modelOfTrainingJob(detail: Pick<TrainingJobDetail, 'TrainingJobName' | 'Tags'>): ModelIdentity | undefined {
  const name = detail.Tags?.[MODEL_NAME_TAG];
  const version = detail.Tags?.[MODEL_VERSION_TAG];
  if (name !== undefined || version !== undefined) {
    if (name === undefined || version === undefined) {
      const missing = name === undefined ? MODEL_NAME_TAG : MODEL_VERSION_TAG;
      throw new ValidationError(`training job ${detail.TrainingJobName}`, [{ path: `detail.Tags.${missing}`, message: 'must be set with the other notifier:model-* tag' }]);
    }
    parse(SegmentSchema, name, `tag ${MODEL_NAME_TAG} of training job ${detail.TrainingJobName}`);
    parse(SegmentSchema, version, `tag ${MODEL_VERSION_TAG} of training job ${detail.TrainingJobName}`);
    return { modelName: name, version, from: 'tags' };
  }
  const match = JOB_NAME_PATTERN.exec(detail.TrainingJobName);
  if (!match?.groups?.name || !match.groups.version) return undefined;
  return { modelName: match.groups.name, version: match.groups.version, from: 'job-name' };
}

/** Why {@link modelOfTrainingJob} found no model in a job: logged with the job when it is skipped. */
export const NOT_A_MODEL_REASON = `no ${MODEL_NAME_TAG}/${MODEL_VERSION_TAG} tags and a name that does not follow <name>-v<version>[-...]`;

/** What an object key in the models bucket means to this function. */
export type ModelKeyMeaning =
  | { kind: 'artifact'; modelName: string; version: string; prefix: string }
  | { kind: 'ignored'; reason: string };

/**
 * Reads an object key (verbatim, as EventBridge carries it): any file under
 * `models/<name>/<version>/` is an artifact of that model version; folder placeholders (keys ending in
 * `/`) and keys outside `models/` announce nothing.
 *
 * @throws {@link ValidationError} for a key under `models/` without a name, a version and a file.
 * @example
 * ```ts
 * meaningOfModelKey('models/churn/3/model.tar.gz'); // { kind: 'artifact', modelName: 'churn', version: '3', prefix: 'models/churn/3/' }
 * ```
 */
export function meaningOfModelKey(key: string): ModelKeyMeaning {
  if (!key.startsWith('models/')) return { kind: 'ignored', reason: 'not under models/' };
  if (key.endsWith('/')) return { kind: 'ignored', reason: 'folder placeholder, not an artifact' };
  const [, modelName = '', version = '', ...file] = key.split('/');
  if (file.length === 0) {
    throw new ValidationError(`object key ${JSON.stringify(key)}`, [
      { path: 'detail.object.key', message: 'expected models/<name>/<version>/<file>' },
    ]);
  }
  parse(SegmentSchema, modelName, `model name ${JSON.stringify(modelName)} of object key ${JSON.stringify(key)}`);
  parse(SegmentSchema, version, `version ${JSON.stringify(version)} of object key ${JSON.stringify(key)}`);
  return { kind: 'artifact', modelName, version, prefix: `models/${modelName}/${version}/` };
}

/** The metrics of a training job's `FinalMetricDataList`, in order. */
export function metricsOf(detail: Pick<TrainingJobDetail, 'FinalMetricDataList'>): MetricInput[] {
  return (detail.FinalMetricDataList ?? []).map((m) => ({ name: m.MetricName, value: m.Value }));
}

/**
 * The `notifyModelReady` input. The idempotency key is `modelName#version`, the same for the SageMaker
 * and the S3 path, so a model announced both ways, or several times, notifies once.
 *
 * @example
 * ```ts
 * toModelReadyInput({ modelName: 'churn', version: '3', artifactLocation: 's3://m/models/churn/3/', metrics: [] });
 * ```
 */
export function toModelReadyInput(model: { modelName: string; version: string; artifactLocation: string; metrics: MetricInput[] }): ModelReadyInput {
  return {
    idempotencyKey: `${model.modelName}#${model.version}`,
    modelName: model.modelName,
    version: model.version,
    artifactLocation: model.artifactLocation,
    metrics: model.metrics,
  };
}

