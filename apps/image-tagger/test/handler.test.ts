// handler.ts builds its clients and config at module scope, as Lambda loads it: each test loads a fresh copy.
/* eslint-disable @typescript-eslint/no-require-imports */
import { createFakeAppSync, delivered, duplicate, serveFakeAppSync } from '@notifier/lambda-kit/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { body, JPEG_HEAD, loadEvent } from './helpers';

const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const ENV = {
  GRAPHQL_URL: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
  POWERTOOLS_SERVICE_NAME: 'image-tagger',
  LOG_LEVEL: 'SILENT',
};
const CREDENTIALS = { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY, sessionToken: ENV.AWS_SESSION_TOKEN };

/** Loads handler.ts as Lambda would (fresh module scope), with its module-scope AWS clients mocked. */
function loadHandler(): typeof import('../src/handler').handler {
  let loaded: typeof import('../src/handler') | undefined;
  jest.isolateModules(() => {
    const { GetObjectCommand, HeadObjectCommand } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const { DetectLabelsCommand } = require('@aws-sdk/client-rekognition') as typeof import('@aws-sdk/client-rekognition');
    const clients = require('../src/clients') as typeof import('../src/clients');
    mockClient(clients.s3)
      .on(HeadObjectCommand)
      .resolves({ ContentType: 'image/jpeg', ContentLength: 184662 })
      .on(GetObjectCommand)
      .resolves({ Body: body(JPEG_HEAD) });
    mockClient(clients.rekognition).on(DetectLabelsCommand).resolves({ Labels: [{ Name: 'Dog', Confidence: 91.25 }] });
    loaded = require('../src/handler');
  });
  return loaded!.handler;
}

const context = {
  getRemainingTimeInMillis: () => 30_000,
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  functionName: 'image-tagger',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:image-tagger',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/image-tagger',
  logStreamName: '2026/11/12/[$LATEST]abc',
  callbackWaitsForEmptyEventLoop: true,
} as never;

describe('Function: handler', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    Object.assign(process.env, ENV);
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('sends a SigV4-signed notifyImageTagged mutation for the owner to GRAPHQL_URL', async () => {
    // Prepare
    const appSync = createFakeAppSync({ credentials: CREDENTIALS, reply: () => delivered('notifyImageTagged', { id: 'notification-1' }) });
    const served = await serveFakeAppSync(appSync);
    process.env.GRAPHQL_URL = served.graphqlUrl;
    const handler = loadHandler();

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created.json'), context).finally(() => served.close());

    // Assess
    expect(result.records).toEqual([{ id: '17793124-05d4-b198-2fde-7ededc63b103', status: 'TAGGED', notification: 'delivered', notificationId: 'notification-1' }]);
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests).toHaveLength(1);
    const [sent] = appSync.requests;
    expect(sent?.url).toBe(served.graphqlUrl);
    expect(sent?.authorization).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', scopeRegion: 'eu-west-1', scopeService: 'appsync' });
    expect(sent?.headers['x-amz-security-token']).toBe('session-token');
    expect(sent?.query).toContain('mutation NotifyImageTagged');
    expect(sent?.variables.input).toEqual({
      idempotencyKey: `s3://notifier-media-dev/private/${OWNER}/photos/IMG_m7fzo3.jpg#4e68adba0abe2dc8653dc3354e14c01d`,
      ownerId: OWNER,
      bucket: 'notifier-media-dev',
      key: `private/${OWNER}/photos/IMG_m7fzo3.jpg`,
      status: 'TAGGED',
      labels: [{ name: 'Dog', confidence: 91.25 }],
      reason: null,
    });
  });

  it('treats a DuplicateNotification answer as already delivered', async () => {
    // Prepare
    const appSync = createFakeAppSync({ credentials: CREDENTIALS, reply: () => duplicate('notifyImageTagged') });
    const served = await serveFakeAppSync(appSync);
    process.env.GRAPHQL_URL = served.graphqlUrl;
    const handler = loadHandler();

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created.json'), context).finally(() => served.close());

    // Assess
    expect(result.records[0]).toMatchObject({ status: 'TAGGED', notification: 'duplicate' });
    expect(appSync.requests).toHaveLength(1);
  });

  it('refuses to start without GRAPHQL_URL', () => {
    // Prepare
    delete process.env.GRAPHQL_URL;

    // Act & Assess
    expect(() => loadHandler()).toThrow(/GRAPHQL_URL is not set/);
  });
});
