// The entry files build clients and config at module scope, as Lambda loads them: each test loads fresh copies.
/* eslint-disable @typescript-eslint/no-require-imports */
import { createFakeAppSync, delivered, serveFakeAppSync } from '@notifier/lambda-kit/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { loadEvent, loadJob, textBody } from './helpers';

const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const ENV = {
  GRAPHQL_URL: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  TRANSCRIPTS_BUCKET: 'notifier-transcripts-dev',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
  LOG_LEVEL: 'SILENT',
};
const CREDENTIALS = { accessKeyId: ENV.AWS_ACCESS_KEY_ID, secretAccessKey: ENV.AWS_SECRET_ACCESS_KEY, sessionToken: ENV.AWS_SESSION_TOKEN };
const context = { getRemainingTimeInMillis: () => 30_000, awsRequestId: 'req-1', functionName: 'video-transcriber' } as never;

type Entry = { handler: (event: unknown, context: never) => Promise<unknown> };

/** Loads one entry file with its module-scope clients mocked; returns the handler and the client mocks. */
function loadEntry(name: 'start' | 'complete' | 'sweep') {
  let entry: Entry | undefined;
  let mocks: { s3: ReturnType<typeof mockClient>; transcribe: ReturnType<typeof mockClient> } | undefined;
  jest.isolateModules(() => {
    const s3Sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const transcribeSdk = require('@aws-sdk/client-transcribe') as typeof import('@aws-sdk/client-transcribe');
    const clients = require('../src/clients') as typeof import('../src/clients');
    const s3 = mockClient(clients.s3);
    const transcribe = mockClient(clients.transcribe);
    s3.on(s3Sdk.GetObjectCommand).resolves({ Body: textBody(JSON.stringify(loadEvent('transcribe/output-completed.json'))) });
    transcribe.on(transcribeSdk.GetTranscriptionJobCommand).resolves(loadJob('transcribe/get-transcription-job-completed.json'));
    transcribe.on(transcribeSdk.StartTranscriptionJobCommand).resolves({});
    transcribe.on(transcribeSdk.ListTranscriptionJobsCommand).resolves({ TranscriptionJobSummaries: [] });
    mocks = { s3, transcribe };
    entry = require(`../src/${name}`) as Entry;
  });
  return { handler: entry!.handler, ...mocks! };
}

describe('Function: entry handlers', () => {
  const saved = { ...process.env };

  beforeEach(() => {
    Object.assign(process.env, ENV);
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('complete sends a SigV4-signed notifyTranscriptReady for the owner to GRAPHQL_URL', async () => {
    // Prepare
    const appSync = createFakeAppSync({ credentials: CREDENTIALS, reply: () => delivered('notifyTranscriptReady', { id: 'notification-7' }) });
    const served = await serveFakeAppSync(appSync);
    process.env.GRAPHQL_URL = served.graphqlUrl;
    const { handler } = loadEntry('complete');

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context).finally(() => served.close());

    // Assess
    expect(result).toMatchObject({ status: 'NOTIFIED', notification: 'delivered', notificationId: 'notification-7' });
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests).toHaveLength(1);
    const [sent] = appSync.requests;
    expect(sent?.url).toBe(served.graphqlUrl);
    expect(sent?.authorization).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', scopeRegion: 'eu-west-1', scopeService: 'appsync' });
    expect(sent?.query).toContain('mutation NotifyTranscriptReady');
    expect(sent?.variables.input).toMatchObject({ ownerId: OWNER, status: 'COMPLETED', idempotencyKey: 'notifier-videos_Team_meeting_Q_A.MP4-5c0e7d3b1f2a4c6e8d9f' });
  });

  it('start starts the job through the module-scope Transcribe client', async () => {
    // Prepare
    const { handler, transcribe } = loadEntry('start');

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created-video.json'), context);

    // Assess
    expect(result).toMatchObject({ records: [{ status: 'STARTED' }] });
    expect(transcribe.calls()).toHaveLength(1);
  });

  it('sweep runs on a scheduled event', async () => {
    // Prepare
    const { handler } = loadEntry('sweep');

    // Act
    const result = await handler(loadEvent('eventbridge/scheduled-event.json'), context);

    // Assess
    expect(result).toMatchObject({ listed: 0, listingComplete: true });
  });

  it.each([
    ['start', 'TRANSCRIPTS_BUCKET', /TRANSCRIPTS_BUCKET is not set/],
    ['complete', 'GRAPHQL_URL', /GRAPHQL_URL is not set/],
    ['sweep', 'GRAPHQL_URL', /GRAPHQL_URL is not set/],
  ] as const)('%s refuses to load without %s', (name, variable, message) => {
    // Prepare
    delete process.env[variable];

    // Act & Assess
    expect(() => loadEntry(name)).toThrow(message);
  });
});
