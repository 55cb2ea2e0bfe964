import { ValidationError } from '@notifier/lambda-kit';
import { meaningOfModelKey, metricsOf, modelOfTrainingJob, toModelReadyInput } from '../src/model';

describe('Function: modelOfTrainingJob', () => {
  it('takes name and version from the notifier:model-* tags when set', () => {
    // Act
    const model = modelOfTrainingJob({ TrainingJobName: 'xgb-run-42', Tags: { 'notifier:model-name': 'churn', 'notifier:model-version': '3.1' } });

    // Assess
    expect(model).toEqual({ modelName: 'churn', version: '3.1', from: 'tags' });
  });

  it.each([
    ['churn-model-v3-2026-11-27-08-00-00', 'churn-model', '3'],
    ['churn-v12', 'churn', '12'],
    ['video-v2-model-v3', 'video', '2'],
    ['a-v1-x', 'a', '1'],
  ])('reads the job name %s as %s version %s when untagged', (jobName, modelName, version) => {
    // Act & Assess
    expect(modelOfTrainingJob({ TrainingJobName: jobName, Tags: { team: 'growth' } })).toEqual({ modelName, version, from: 'job-name' });
  });

  it.each([['churn-2026-11-27'], ['churn-vx'], ['xgboost-2026-11-27-08-00-00-123']])('finds no model in the untagged job %s, whose name does not follow the convention', (jobName) => {
    // Act & Assess
    expect(modelOfTrainingJob({ TrainingJobName: jobName, Tags: { team: 'growth' } })).toBeUndefined();
    expect(modelOfTrainingJob({ TrainingJobName: jobName })).toBeUndefined();
  });

  it.each([
    [{ TrainingJobName: 'churn-v3', Tags: { 'notifier:model-name': 'churn' } }, 'detail.Tags.notifier:model-version: must be set with the other notifier:model-* tag'],
    [{ TrainingJobName: 'churn-v3', Tags: { 'notifier:model-name': 'churn/eu', 'notifier:model-version': '3' } }, 'must not contain "/" or "#"'],
  ])('refuses %j with a clear error', (detail, message) => {
    // Act
    const run = (): unknown => modelOfTrainingJob(detail);

    // Assess
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(message);
  });
});

describe('Function: meaningOfModelKey', () => {
  it.each([
    ['models/churn/3/model.tar.gz', 'churn', '3'],
    ['models/churn/3/weights/part-1.bin', 'churn', '3'],
    ['models/fraud score/2026.11/model+v.onnx', 'fraud score', '2026.11'],
  ])('reads %s as an artifact of %s version %s', (key, modelName, version) => {
    // Act & Assess
    expect(meaningOfModelKey(key)).toEqual({ kind: 'artifact', modelName, version, prefix: `models/${modelName}/${version}/` });
  });

  it.each(['models/churn/3/', 'training-output/churn/model.tar.gz', 'modelsx/churn/3/a'])('ignores %s', (key) => {
    // Act & Assess
    expect(meaningOfModelKey(key)).toMatchObject({ kind: 'ignored' });
  });

  it.each([
    ['models/churn/model.tar.gz', 'detail.object.key: expected models/<name>/<version>/<file>'],
    ['models//3/model.tar.gz', 'expected length >= 1'],
  ])('refuses %s', (key, message) => {
    // Act & Assess
    expect(() => meaningOfModelKey(key)).toThrow(message);
  });
});

describe('Function: metricsOf', () => {
  it('maps FinalMetricDataList to name/value pairs in order, and nothing to none', () => {
    // Act & Assess
    expect(metricsOf({ FinalMetricDataList: [{ MetricName: 'validation:auc', Value: 0.91 }, { MetricName: 'train:logloss', Value: 0.27 }] })).toEqual([
      { name: 'validation:auc', value: 0.91 },
      { name: 'train:logloss', value: 0.27 },
    ]);
    expect(metricsOf({})).toEqual([]);
  });
});

describe('Function: toModelReadyInput', () => {
  it('keys the notification by model name and version', () => {
    // Act & Assess
    expect(toModelReadyInput({ modelName: 'churn', version: '3', artifactLocation: 's3://m/models/churn/3/', metrics: [] })).toEqual({
      idempotencyKey: 'churn#3',
      modelName: 'churn',
      version: '3',
      artifactLocation: 's3://m/models/churn/3/',
      metrics: [],
    });
  });
});
