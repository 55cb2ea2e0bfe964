import { ValidationError } from '@notifier/lambda-kit';
import { meaningOfKey, parseManifest, toDatasetRefreshedInput } from '../src/announcement';
import { ManifestError } from '../src/errors';

describe('Function: meaningOfKey', () => {
  it.each([
    ['sales/2026-11-27/_SUCCESS', { kind: 'marker', dataset: 'sales', version: '2026-11-27' }],
    ['sales/2026-11-27/manifest.json', { kind: 'manifest', dataset: 'sales', version: '2026-11-27' }],
    ['eu sales+returns/v 7/_SUCCESS', { kind: 'marker', dataset: 'eu sales+returns', version: 'v 7' }],
  ])('reads %s as an announcement', (key, meaning) => {
    // Act & Assess
    expect(meaningOfKey(key)).toEqual(meaning);
  });

  it.each(['sales/2026-11-27/part-00000.parquet', 'sales/2026-11-27/', 'sales/_SUCCESS.tmp'])('ignores %s, which announces nothing', (key) => {
    // Act & Assess
    expect(meaningOfKey(key)).toMatchObject({ kind: 'ignored' });
  });

  it.each([
    ['_SUCCESS', 'expected <dataset>/<version>/_SUCCESS, got 0 folder level(s)'],
    ['sales/_SUCCESS', 'expected <dataset>/<version>/_SUCCESS, got 1 folder level(s)'],
    ['sales/2026-11-27/region=eu/manifest.json', 'expected <dataset>/<version>/manifest.json, got 3 folder level(s)'],
    ['/2026-11-27/_SUCCESS', 'expected length >= 1'],
    ['sales#eu/7/_SUCCESS', 'must not contain "/" or "#"'],
    [' sales/7/_SUCCESS', 'must not start or end with white space'],
  ])('rejects the announcement %s', (key, message) => {
    // Act
    const run = (): unknown => meaningOfKey(key);

    // Assess
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(message);
  });
});

describe('Function: parseManifest', () => {
  const location = 's3://data/sales/7/manifest.json';

  it('reads the record count and the optional completion time, ignoring other fields', () => {
    // Act & Assess
    expect(parseManifest('{"recordCount":1200,"completedAt":"2026-11-27T09:15:40+01:00","files":["a"]}', location)).toEqual({
      recordCount: 1200,
      completedAt: '2026-11-27T09:15:40+01:00',
    });
    expect(parseManifest('{"recordCount":0}', location)).toEqual({ recordCount: 0 });
  });

  it.each([
    ['{"recordCount":', `manifest ${location} is not JSON: `],
    ['{}', `manifest ${location} is invalid: recordCount: expected number, received undefined`],
    ['{"recordCount":"12"}', `manifest ${location} is invalid: recordCount: expected number, received string`],
    ['{"recordCount":-1}', `manifest ${location} is invalid: recordCount: must be a non-negative integer`],
    ['{"recordCount":1.5}', `manifest ${location} is invalid: recordCount: must be a non-negative integer`],
    ['{"recordCount":1,"completedAt":"yesterday"}', `manifest ${location} is invalid: completedAt: expected datetime format`],
    ['[1]', `manifest ${location} is invalid: (root): expected object, received array`],
  ])('rejects %s with a clear error', (text, message) => {
    // Act
    const run = (): unknown => parseManifest(text, location);

    // Assess
    expect(run).toThrow(ManifestError);
    expect(run).toThrow(message);
  });
});

describe('Function: toDatasetRefreshedInput', () => {
  it('keys the notification by dataset and version', () => {
    // Act
    const input = toDatasetRefreshedInput({ dataset: 'sales', version: '7', recordCount: null, completedAt: '2026-11-27T09:15:42Z' });

    // Assess
    expect(input).toEqual({ idempotencyKey: 'sales#7', dataset: 'sales', version: '7', recordCount: null, completedAt: '2026-11-27T09:15:42Z' });
  });
});
