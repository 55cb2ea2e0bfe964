import { DEFAULT_MAX_LABELS, DEFAULT_MIN_CONFIDENCE, loadConfig } from '../src/config';
import { ConfigError } from '@notifier/lambda-kit';

describe('Function: loadConfig', () => {
  const url = 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql';

  it('applies the documented defaults', () => {
    // Act
    const config = loadConfig({ GRAPHQL_URL: url });

    // Assess
    expect(config).toEqual({ graphqlUrl: url, maxLabels: DEFAULT_MAX_LABELS, minConfidence: DEFAULT_MIN_CONFIDENCE });
    expect([DEFAULT_MAX_LABELS, DEFAULT_MIN_CONFIDENCE]).toEqual([10, 70]);
  });

  it('reads MAX_LABELS and MIN_CONFIDENCE, treating empty values as unset', () => {
    // Act
    const set = loadConfig({ GRAPHQL_URL: url, MAX_LABELS: '25', MIN_CONFIDENCE: '55.5' });
    const empty = loadConfig({ GRAPHQL_URL: url, MAX_LABELS: '', MIN_CONFIDENCE: '' });

    // Assess
    expect([set.maxLabels, set.minConfidence]).toEqual([25, 55.5]);
    expect([empty.maxLabels, empty.minConfidence]).toEqual([10, 70]);
  });

  it.each([
    [{ MAX_LABELS: '0' }, /MAX_LABELS is invalid \(expected value >= 1\)/],
    [{ MAX_LABELS: '2.5' }, /MAX_LABELS is invalid \(expected int/],
    [{ MAX_LABELS: 'many' }, /MAX_LABELS is invalid/],
    [{ MIN_CONFIDENCE: '101' }, /MIN_CONFIDENCE is invalid \(expected value <= 100\)/],
    [{ GRAPHQL_URL: 'not a url' }, /GRAPHQL_URL is invalid \(expected an absolute http\(s\) URL\)/],
    [{ GRAPHQL_URL: undefined }, /GRAPHQL_URL is not set/],
  ])('rejects %j with an error naming the variable', (override, message) => {
    // Act & Assess
    expect(() => loadConfig({ GRAPHQL_URL: url, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHQL_URL: url, ...override })).toThrow(message);
  });
});
