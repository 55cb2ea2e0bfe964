import { createLogger } from '@notifier/lambda-kit';
import {
  captureLogs,
  createFakeAppSync,
  delivered,
  duplicate,
  graphQLError,
  lambdaContext,
  type CapturedLogs,
  type FakeReply,
} from '@notifier/lambda-kit/testing';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { createPostAuthHandler } from '../src/post-auth';
import full from './events/cognito/post-authentication.json';
import missingSub from './events/cognito/malformed-missing-sub.json';
import preAuthentication from './events/cognito/pre-authentication.json';

const URL = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
const credentials = { accessKeyId: 'ASIAPOSTAUTHEXAMPLE', secretAccessKey: 'post-auth-secret', sessionToken: 'post-auth-session-token' };
const SUB = '6b1f5a3e-7c0d-4f2a-9d7e-2f1c3b4a5d6e';
const profile = { id: SUB, displayName: 'Ada Lovelace', picture: null, locale: 'en-GB', updatedAt: '2026-11-27T10:00:00.000Z' };

function setup(reply?: (index: number) => FakeReply | Promise<FakeReply>) {
  const appSync = createFakeAppSync({ credentials, reply: reply && ((_r, i) => reply(i)) });
  const client = createAppSyncClient({
    url: URL,
    region: 'eu-west-1',
    credentials,
    fetch: appSync.fetch,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 300,
  });
  const handler = createPostAuthHandler({ client, logger: createLogger({ serviceName: 'post-auth', logLevel: 'DEBUG' }) });
  return { appSync, handler };
}

describe('Function: createPostAuthHandler', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
  });

  it('sends one signed addUser with the sub as id and returns the event unchanged', async () => {
    // Prepare
    const { appSync, handler } = setup(() => delivered('addUser', profile));
    const event = structuredClone(full);

    // Act
    const result = await handler(event, lambdaContext({ functionName: 'post-auth', remainingMs: 5000 }));

    // Assess
    expect(result).toBe(event);
    expect(result).toEqual(full);
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests).toHaveLength(1);
    const [request] = appSync.requests;
    expect(request?.query).toMatch(/^\s*mutation AddUser\(\$userId: ID!, \$userDetails: AddUserInput!\)/);
    expect(request?.variables).toEqual({
      userId: SUB,
      userDetails: {
        displayName: 'Ada Lovelace',
        picture: 'https://cdn.example.com/avatars/ada.png',
        locale: 'en-GB',
        email: 'ada@example.com',
        phoneNumber: '+447700900123',
      },
    });
    expect(request?.authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, scopeRegion: 'eu-west-1', scopeService: 'appsync' });
    expect(request?.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(logs.withMessage('user profile stored')[0]).toMatchObject({
      level: 'INFO',
      service: 'post-auth',
      userName: 'ada',
      userPoolId: 'eu-west-1_bbYLzC8rt',
      userId: SUB,
      updatedAt: profile.updatedAt,
      function_name: 'post-auth',
    });
  });

  it('treats an unchanged profile (DuplicateNotification) as success and logs it', async () => {
    // Prepare
    const { appSync, handler } = setup(() => duplicate('addUser'));
    const event = structuredClone(full);

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(result).toBe(event);
    expect(appSync.requests).toHaveLength(1);
    expect(logs.withMessage('user profile unchanged')[0]).toMatchObject({ level: 'INFO', userId: SUB, userName: 'ada' });
    expect(logs.lines.filter((l) => l.level === 'ERROR')).toEqual([]);
  });

  it('retries a throttled call and stores the profile on a later attempt', async () => {
    // Prepare
    const { appSync, handler } = setup((i) => (i === 0 ? { status: 429, body: { errors: [{ errorType: 'TooManyRequestsException', message: 'slow down' }] } } : delivered('addUser', profile)));

    // Act
    await handler(structuredClone(full), lambdaContext());

    // Assess
    expect(appSync.requests).toHaveLength(2);
    expect(appSync.requests[1]?.variables).toEqual(appSync.requests[0]?.variables);
    expect(logs.withMessage('user profile stored')).toHaveLength(1);
  });

  it('logs the failure with context and still returns the event when AppSync stays unreachable', async () => {
    // Prepare
    const { appSync, handler } = setup(() => ({ networkError: new TypeError('fetch failed') }));
    const event = structuredClone(full);

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(result).toBe(event);
    expect(appSync.requests).toHaveLength(3);
    const [error] = logs.withMessage('user profile not stored; sign-in continues');
    expect(error).toMatchObject({ level: 'ERROR', userName: 'ada', userPoolId: 'eu-west-1_bbYLzC8rt' });
    expect((error?.error as { message: string }).message).toBe(`addUser failed for user ${SUB}: AppSync request failed: fetch failed`);
  });

  it('gives up within the time left by Cognito when AppSync does not answer', async () => {
    // Prepare
    const { handler } = setup(() => new Promise<FakeReply>(() => undefined));
    const started = Date.now();

    // Act
    const result = await handler(structuredClone(full), lambdaContext({ remainingMs: 900 }));

    // Assess
    expect(result).toEqual(full);
    expect(Date.now() - started).toBeLessThan(900);
    expect(logs.withMessage('user profile not stored; sign-in continues')).toHaveLength(1);
  });

  it('does not retry a denied call and logs it', async () => {
    // Prepare
    const { appSync, handler } = setup(() => graphQLError('addUser', 'Unauthorized', 'Not Authorized to access addUser on type Mutation'));

    // Act
    await handler(structuredClone(full), lambdaContext());

    // Assess
    expect(appSync.requests).toHaveLength(1);
    expect((logs.withMessage('user profile not stored; sign-in continues')[0]?.error as { message: string }).message).toContain('Not Authorized to access addUser');
  });

  it.each([
    [missingSub, 'request.userAttributes.sub: expected string, received undefined'],
    [preAuthentication, 'triggerSource: expected "PostAuthentication_Authentication", received "PreAuthentication_Authentication"'],
  ])('sends nothing for a malformed event, names the problem and returns the event (%#)', async (fixture, problem) => {
    // Prepare
    const { appSync, handler } = setup();
    const event = structuredClone(fixture);

    // Act
    const result = await handler(event, lambdaContext());

    // Assess
    expect(result).toBe(event);
    expect(appSync.requests).toEqual([]);
    const [error] = logs.withMessage('user profile not stored; sign-in continues');
    expect(error).toMatchObject({ userName: 'ada', userPoolId: 'eu-west-1_bbYLzC8rt' });
    expect((error?.error as { message: string }).message).toContain(problem);
  });
});
