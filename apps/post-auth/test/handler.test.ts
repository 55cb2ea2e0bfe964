import { captureLogs, createFakeAppSync, delivered, lambdaContext, serveFakeAppSync } from '@notifier/lambda-kit/testing';
import full from './events/cognito/post-authentication.json';

const credentials = { accessKeyId: 'ASIAHANDLEREXAMPLE', secretAccessKey: 'handler-secret', sessionToken: 'handler-token' };
const ENV = {
  GRAPHQL_URL: 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_SESSION_TOKEN: credentials.sessionToken,
  POWERTOOLS_SERVICE_NAME: 'post-auth',
};

describe('Function: handler', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('is wired to GRAPHQL_URL and the Lambda credentials', async () => {
    // Prepare
    Object.assign(process.env, ENV);
    const appSync = createFakeAppSync({ credentials, reply: () => delivered('addUser', { id: 'x', displayName: null, picture: null, locale: null, updatedAt: '2026-11-27T10:00:00.000Z' }) });
    const served = await serveFakeAppSync(appSync);
    process.env.GRAPHQL_URL = served.graphqlUrl;
    const { handler } = jest.requireActual<typeof import('../src/handler')>('../src/handler');
    const logs = captureLogs();

    // Act
    const event = structuredClone(full);
    const result = await handler(event, lambdaContext({ functionName: 'post-auth', remainingMs: 5000 })).finally(async () => {
      logs.restore();
      await served.close();
    });

    // Assess
    expect(result).toBe(event);
    expect(appSync.requests).toHaveLength(1);
    expect(appSync.requests[0]?.url).toBe(served.graphqlUrl);
    expect(appSync.requests[0]?.authorization.accessKeyId).toBe(credentials.accessKeyId);
    expect(logs.withMessage('user profile stored')[0]).toMatchObject({ service: 'post-auth' });
  });

  it('keeps sign-ins working when GRAPHQL_URL is missing: logs the configuration error at init and with every sign-in', async () => {
    // Prepare
    Object.assign(process.env, ENV);
    delete process.env.GRAPHQL_URL;
    const logs = captureLogs();

    // Act
    let handler: (typeof import('../src/handler'))['handler'] | undefined;
    jest.isolateModules(() => {
      ({ handler } = jest.requireActual<typeof import('../src/handler')>('../src/handler'));
    });
    const event = structuredClone(full);
    const result = await handler!(event, lambdaContext({ functionName: 'post-auth', remainingMs: 5000 })).finally(() => logs.restore());

    // Assess
    expect(result).toBe(event);
    const [atInit] = logs.withMessage('invalid configuration: no profile is stored until it is fixed; sign-ins continue');
    expect(atInit).toMatchObject({ level: 'ERROR', error: { name: 'ConfigError', message: 'Invalid configuration: GRAPHQL_URL is not set' } });
    const [atSignIn] = logs.withMessage('user profile not stored; sign-in continues');
    expect(atSignIn).toMatchObject({ level: 'ERROR', userName: full.userName });
    expect(JSON.stringify(atSignIn)).toContain('GRAPHQL_URL is not set');
  });
});
