import { captureLogs, createFakeAppSync, delivered, lambdaContext, serveFakeAppSync } from '@notifier/lambda-kit/testing';
import completed from './events/eventbridge/sagemaker-training-completed.json';

const credentials = { accessKeyId: 'ASIAHANDLEREXAMPLE', secretAccessKey: 'handler-secret', sessionToken: 'handler-token' };
const ENV = {
  GRAPHQL_URL: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_SESSION_TOKEN: credentials.sessionToken,
  POWERTOOLS_SERVICE_NAME: 'model-ready-notice',
};

describe('Function: handler', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('is wired to GRAPHQL_URL and the Lambda credentials', async () => {
    // Prepare
    Object.assign(process.env, ENV);
    const appSync = createFakeAppSync({ credentials, reply: () => delivered('notifyModelReady', { id: 'n-7' }) });
    const served = await serveFakeAppSync(appSync);
    process.env.GRAPHQL_URL = served.graphqlUrl;
    const { handler } = jest.requireActual<typeof import('../src/handler')>('../src/handler');
    const logs = captureLogs();

    // Act
    const outcomes = await handler(structuredClone(completed), lambdaContext()).finally(async () => {
      logs.restore();
      await served.close();
    });

    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'notified', notificationId: 'n-7' })]);
    expect(appSync.requests[0]?.url).toBe(served.graphqlUrl);
    expect(appSync.requests[0]?.authorization.accessKeyId).toBe(credentials.accessKeyId);
    expect(logs.withMessage('model ready notified')[0]).toMatchObject({ service: 'model-ready-notice' });
  });

  it('fails at load, naming the variable, when GRAPHQL_URL is missing', () => {
    // Prepare
    Object.assign(process.env, ENV);
    delete process.env.GRAPHQL_URL;

    // Act
    const load = (): unknown => jest.isolateModules(() => jest.requireActual('../src/handler'));

    // Assess
    expect(load).toThrow('Invalid configuration: GRAPHQL_URL is not set');
  });
});
