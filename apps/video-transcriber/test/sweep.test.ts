import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, ListTranscriptionJobsCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import type { TranscriptReadyInput } from '@notifier/schema';
import { BatchProcessingError } from '@notifier/lambda-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { createSweepHandler } from '../src/app';
import { fakeLogger, loadEvent, loadJob, textBody } from './helpers';

const s3Mock = mockClient(S3Client);
const transcribeMock = mockClient(TranscribeClient);
const NOW = Date.parse('2026-11-12T11:00:00Z');
const HOUR = 3_600_000;
const COMPLETED_JOB = 'notifier-videos_Team_meeting_Q_A.MP4-5c0e7d3b1f2a4c6e8d9f';
const FAILED_JOB = 'notifier-videos_broken.mp4-0a1b2c3d4e5f60718293';

function summary(name: string, status: 'COMPLETED' | 'FAILED', hoursAgo: number) {
  return { TranscriptionJobName: name, TranscriptionJobStatus: status, CreationTime: new Date(NOW - hoursAgo * HOUR - 60_000), CompletionTime: new Date(NOW - hoursAgo * HOUR) };
}

function setup(options: { clockStep?: number; remainingMs?: number } = {}) {
  const sent: TranscriptReadyInput[] = [];
  const seen = new Set<string>();
  const { logger, lines } = fakeLogger();
  let clock = NOW;
  const handler = createSweepHandler({
    config: { graphqlUrl: 'https://example.com/graphql', windowHours: 24 },
    s3: new S3Client({ region: 'eu-west-1' }),
    transcribe: new TranscribeClient({ region: 'eu-west-1' }),
    notify: async (input) => {
      sent.push(input);
      // AppSync's idempotency: the second notification with one key is a duplicate.
      if (seen.has(input.idempotencyKey)) return { outcome: 'duplicate' };
      seen.add(input.idempotencyKey);
      return { outcome: 'delivered', notificationId: `n-${seen.size}` };
    },
    logger,
    now: () => (clock += options.clockStep ?? 0),
    sleep: async () => undefined,
  });
  const context = { getRemainingTimeInMillis: () => options.remainingMs ?? 60_000 };
  return { run: () => handler(loadEvent('eventbridge/scheduled-event.json'), context), sent, lines };
}

beforeEach(() => {
  s3Mock.reset();
  transcribeMock.reset();
  transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: COMPLETED_JOB }).resolves(loadJob('transcribe/get-transcription-job-completed.json'));
  transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: FAILED_JOB }).resolves(loadJob('transcribe/get-transcription-job-failed.json'));
  const foreign = loadJob('transcribe/get-transcription-job-completed.json');
  foreign.TranscriptionJob.Tags = [];
  transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: 'notifier-lookalike-00' }).resolves(foreign);
  s3Mock.on(GetObjectCommand).resolves({ Body: textBody(JSON.stringify(loadEvent('transcribe/output-completed.json'))) });
  s3Mock.on(PutObjectCommand).resolves({});
  transcribeMock
    .on(ListTranscriptionJobsCommand, { Status: 'COMPLETED', NextToken: undefined })
    .resolves({ TranscriptionJobSummaries: [summary(COMPLETED_JOB, 'COMPLETED', 1), summary('notifier-lookalike-00', 'COMPLETED', 2)], NextToken: 'page-2' })
    .on(ListTranscriptionJobsCommand, { Status: 'COMPLETED', NextToken: 'page-2' })
    .resolves({ TranscriptionJobSummaries: [summary('notifier-old-job-11', 'COMPLETED', 30)], NextToken: 'page-3' })
    .on(ListTranscriptionJobsCommand, { Status: 'FAILED', NextToken: undefined })
    .resolves({ TranscriptionJobSummaries: [summary(FAILED_JOB, 'FAILED', 3)] });
});

describe('Function: createSweepHandler', () => {
  it('notifies every notifier job that finished within the window, paging until the jobs are older', async () => {
    // Prepare
    const { run, sent } = setup();

    // Act
    const result = await run();

    // Assess
    expect(sent.map((s) => [s.idempotencyKey, s.status])).toEqual([
      [COMPLETED_JOB, 'COMPLETED'],
      [FAILED_JOB, 'FAILED'],
    ]);
    expect(result).toMatchObject({ listed: 3, listingComplete: true, delivered: 2, duplicates: 0, ignored: 1, deferred: 0 });
    const listCalls = transcribeMock.commandCalls(ListTranscriptionJobsCommand).map((c) => c.args[0].input);
    expect(listCalls).toEqual([
      { Status: 'COMPLETED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: undefined },
      { Status: 'COMPLETED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: 'page-2' },
      { Status: 'FAILED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: undefined },
    ]);
  });

  it('sends the same notifications as the completion event, so a second run only finds duplicates', async () => {
    // Prepare
    const { run, sent } = setup();

    // Act
    await run();
    const second = await run();

    // Assess
    expect(second).toMatchObject({ delivered: 0, duplicates: 2 });
    expect(sent[2]).toEqual(sent[0]);
    expect(sent[3]).toEqual(sent[1]);
    // Each run rewrites the owner's copy of the completed job at the one key its notification links to.
    const owner = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
    const copies = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(copies.map((c) => [c.Bucket, c.Key])).toEqual([
      ['notifier-media-dev', `private/${owner}/transcripts/${COMPLETED_JOB}.json`],
      ['notifier-media-dev', `private/${owner}/transcripts/${COMPLETED_JOB}.json`],
    ]);
    expect(copies[1]).toEqual(copies[0]);
    expect(sent[0]?.transcriptLocation).toBe(`s3://notifier-media-dev/private/${owner}/transcripts/${COMPLETED_JOB}.json`);
  });

  it('leaves the jobs it has no time for to the next run', async () => {
    // Prepare
    const { run, sent } = setup({ clockStep: 500, remainingMs: 5_000 });

    // Act
    const result = await run();

    // Assess
    expect(result.deferred + result.delivered + result.ignored).toBe(result.listed);
    expect(result.deferred).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(2);
  });

  it('names the failed jobs and why they failed in one error, after notifying the others', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
    const { run, sent } = setup();

    // Act
    const result = run();

    // Assess
    await expect(result).rejects.toThrow(BatchProcessingError);
    await expect(result).rejects.toThrow(
      `1 of 3 record(s) failed: ${COMPLETED_JOB}: ${COMPLETED_JOB}: transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json unreadable: AccessDenied: Access Denied`,
    );
    expect(sent.map((s) => s.idempotencyKey)).toEqual([FAILED_JOB]);
  });

  it('rejects an event that is not an EventBridge event', async () => {
    // Prepare
    const { sent } = setup();
    const handler = createSweepHandler({
      config: { graphqlUrl: 'https://example.com/graphql', windowHours: 24 },
      s3: new S3Client({ region: 'eu-west-1' }),
      transcribe: new TranscribeClient({ region: 'eu-west-1' }),
      notify: async () => ({ outcome: 'duplicate' }),
      logger: fakeLogger().logger,
    });

    // Act & Assess
    await expect(handler({ hello: 'world' }, { getRemainingTimeInMillis: () => 1000 })).rejects.toThrow(/scheduled event is invalid: version: expected string/);
    expect(sent).toEqual([]);
  });
});
