import { ConfigError } from '@notifier/lambda-kit';
import { DEFAULT_SWEEP_WINDOW_HOURS, loadNotifyConfig, loadStartConfig, loadSweepConfig } from '../src/config';

describe('Function: loadStartConfig', () => {
  it('reads the transcripts bucket and an optional language', () => {
    // Act & Assess
    expect(loadStartConfig({ TRANSCRIPTS_BUCKET: 'notifier-transcripts-dev' })).toEqual({ transcriptsBucket: 'notifier-transcripts-dev' });
    expect(loadStartConfig({ TRANSCRIPTS_BUCKET: 'notifier-transcripts-dev', LANGUAGE_CODE: 'en-GB' })).toEqual({ transcriptsBucket: 'notifier-transcripts-dev', languageCode: 'en-GB' });
  });

  it.each([
    [{}, /TRANSCRIPTS_BUCKET is not set/],
    [{ TRANSCRIPTS_BUCKET: 'Bad_Bucket' }, /TRANSCRIPTS_BUCKET is invalid \(expected regex format/],
    [{ TRANSCRIPTS_BUCKET: 'ok-bucket', LANGUAGE_CODE: 'english' }, /LANGUAGE_CODE is invalid/],
  ])('rejects %j', (env, message) => {
    // Act & Assess
    expect(() => loadStartConfig(env)).toThrow(ConfigError);
    expect(() => loadStartConfig(env)).toThrow(message);
  });
});

describe('Function: loadNotifyConfig', () => {
  it('requires an http(s) GRAPHQL_URL', () => {
    // Act & Assess
    expect(loadNotifyConfig({ GRAPHQL_URL: 'http://127.0.0.1:4000/graphql' })).toEqual({ graphqlUrl: 'http://127.0.0.1:4000/graphql' });
    expect(() => loadNotifyConfig({})).toThrow(/GRAPHQL_URL is not set/);
  });
});

describe('Function: loadSweepConfig', () => {
  it('defaults the window to 24 hours and validates it', () => {
    // Act & Assess
    expect(loadSweepConfig({ GRAPHQL_URL: 'https://x.example/graphql' }).windowHours).toBe(DEFAULT_SWEEP_WINDOW_HOURS);
    expect(DEFAULT_SWEEP_WINDOW_HOURS).toBe(24);
    expect(loadSweepConfig({ GRAPHQL_URL: 'https://x.example/graphql', SWEEP_WINDOW_HOURS: '6' }).windowHours).toBe(6);
    expect(() => loadSweepConfig({ GRAPHQL_URL: 'https://x.example/graphql', SWEEP_WINDOW_HOURS: '0' })).toThrow(/SWEEP_WINDOW_HOURS is invalid/);
  });
});
