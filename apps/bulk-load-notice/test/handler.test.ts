import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { captureLogs, createFakeAppSync, delivered, lambdaContext, serveFakeAppSync } from '@notifier/lambda-kit/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { objectBody } from './helpers';
import manifest from './events/eventbridge/s3-object-created-manifest.json';
import marker from './events/eventbridge/s3-object-created-success-marker.json';
import completed from './events/eventbridge/bulk-load-completed.json';

const credentials = { accessKeyId: 'ASIAHANDLEREXAMPLE', secretAccessKey: 'handler-secret', sessionToken: 'handler-token' };
const ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_SESSION_TOKEN: credentials.sessionToken,
  POWERTOOLS_SERVICE_NAME: 'bulk-load-notice',
};

describe('Function: handler', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('is wired to GRAPHQL_URL, the Lambda credentials and an S3 client', async () => {
    // Prepare
    const appSync = createFakeAppSync({ credentials, reply: () => delivered('notifyDatasetRefreshed', { id: 'n-9' }) });
    const server = await serveFakeAppSync(appSync);
    Object.assign(process.env, ENV, { GRAPHQL_URL: server.graphqlUrl });
    const s3Mock = mockClient(S3Client);
    s3Mock.on(GetObjectCommand).resolves(objectBody('{"recordCount":3}'));
    const { handler } = jest.requireActual<typeof import('../src/handler')>('../src/handler');
    const logs = captureLogs();

    // Act
    const outcomes = await handler(structuredClone(manifest), lambdaContext()).finally(async () => {
      logs.restore();
      await server.close();
    });

    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'notified', notificationId: 'n-9' })]);
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests[0]?.url).toBe(server.graphqlUrl);
    expect(appSync.requests[0]?.authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, scopeRegion: 'eu-west-1' });
    expect(appSync.requests[0]?.variables).toMatchObject({ input: { recordCount: 3 } });
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(1);
    s3Mock.restore();
  });

  it('evaluates the S3 client module only when a manifest arrives, and once for every later manifest', async () => {
    // Prepare
    const appSync = createFakeAppSync({ credentials, reply: (_r, i) => delivered('notifyDatasetRefreshed', { id: `n-${i}` }) });
    const server = await serveFakeAppSync(appSync);
    Object.assign(process.env, ENV, { GRAPHQL_URL: server.graphqlUrl });
    const sdkEvaluations = jest.fn();
    const logs = captureLogs();
    let counts: { atLoad: number; beforeManifest: number; outcomes: unknown[] } | undefined;

    // Act
    await jest
      .isolateModulesAsync(async () => {
        jest.doMock('@aws-sdk/client-s3', () => {
          sdkEvaluations();
          const sdk = jest.requireActual<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
          mockClient(sdk.S3Client).on(sdk.GetObjectCommand).resolves(objectBody('{"recordCount":3}'));
          return sdk;
        });
        const { handler } = jest.requireActual<typeof import('../src/handler')>('../src/handler');
        const atLoad = sdkEvaluations.mock.calls.length;
        await handler(structuredClone(marker), lambdaContext());
        await handler(structuredClone(completed), lambdaContext());
        const beforeManifest = sdkEvaluations.mock.calls.length;
        const outcomes = [...(await handler(structuredClone(manifest), lambdaContext())), ...(await handler(structuredClone(manifest), lambdaContext()))];
        counts = { atLoad, beforeManifest, outcomes };
      })
      .finally(async () => {
        jest.dontMock('@aws-sdk/client-s3');
        logs.restore();
        await server.close();
      });

    // Assess
    expect(counts?.atLoad).toBe(0);
    expect(counts?.beforeManifest).toBe(0);
    expect(counts?.outcomes).toEqual([expect.objectContaining({ status: 'notified', via: 's3-manifest' }), expect.objectContaining({ status: 'notified', via: 's3-manifest' })]);
    expect(sdkEvaluations).toHaveBeenCalledTimes(1);
    expect(appSync.requests.map((r) => r.variables)).toEqual([
      { input: expect.objectContaining({ recordCount: null }) },
      { input: expect.objectContaining({ recordCount: 1200 }) },
      { input: expect.objectContaining({ recordCount: 3 }) },
      { input: expect.objectContaining({ recordCount: 3 }) },
    ]);
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
