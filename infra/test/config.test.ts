import { App, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DEFAULT_WEB_ORIGINS, readStageConfig } from '../lib/config';
import { InfraConfigError } from '../lib/errors';

const configOf = (context: Record<string, unknown>) => readStageConfig(new App({ context }).node);

describe('Function: readStageConfig', () => {
  it('defaults to the dev stage, which destroys its data', () => {
    // Act
    const config = configOf({});

    // Assess
    expect(config).toEqual(
      expect.objectContaining({
        stage: 'dev',
        removalPolicy: RemovalPolicy.DESTROY,
        autoDeleteObjects: true,
        logRetention: RetentionDays.ONE_WEEK,
        logLevel: 'INFO',
        webOrigins: DEFAULT_WEB_ORIGINS,
      }),
    );
    expect(config.alarmEmail).toBeUndefined();
  });

  it('keeps data and logs longer in prod', () => {
    // Act
    const config = configOf({ stage: 'prod' });

    // Assess
    expect(config).toEqual(
      expect.objectContaining({ stage: 'prod', removalPolicy: RemovalPolicy.RETAIN, autoDeleteObjects: false, logRetention: RetentionDays.THREE_MONTHS }),
    );
    expect(config.mediaExpiration).toBeUndefined();
  });

  it('reads web origins from a comma-separated string or a list', () => {
    // Act
    const fromString = configOf({ webOrigins: 'https://a.example.com, https://b.example.com' });
    const fromList = configOf({ webOrigins: ['https://c.example.com'] });

    // Assess
    expect(fromString.webOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(fromList.webOrigins).toEqual(['https://c.example.com']);
  });

  it('routes tagged or named training jobs unless told to route tagged ones only', () => {
    // Act
    const byDefault = configOf({});
    const tagged = configOf({ trainingJobs: 'tagged' });
    const explicit = configOf({ trainingJobs: 'tagged-or-named' });

    // Assess
    expect([byDefault.trainingJobs, tagged.trainingJobs, explicit.trainingJobs]).toEqual(['tagged-or-named', 'tagged', 'tagged-or-named']);
  });

  it.each([
    [{ trainingJobs: 'named' }, /"trainingJobs" must be one of tagged-or-named, tagged; got "named"/],
    [{ trainingJobs: true }, /"trainingJobs" must be a string/],
    [{ stage: 'staging' }, /"stage" must be one of dev, prod; got "staging"/],
    [{ webOrigins: 'https://a.example.com/app' }, /"webOrigins" must list origins/],
    [{ alarmEmail: 'not-an-email' }, /"alarmEmail" is not an email address/],
    [{ logLevel: 'verbose' }, /"logLevel" must be one of/],
    [{ stage: 42 }, /"stage" must be a string/],
  ])('refuses context %j with a clear error', (context, message) => {
    // Act + Assess
    expect(() => configOf(context)).toThrow(InfraConfigError);
    expect(() => configOf(context)).toThrow(message);
  });
});
