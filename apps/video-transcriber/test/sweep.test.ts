import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, ListTranscriptionJobsCommand, TagResourceCommand, TranscribeClient, TranscribeServiceException, type TranscriptionJob } from '@aws-sdk/client-transcribe';
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
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:notifier-dev-video-transcriber-sweep';
const jobArn = (name: string) => `arn:aws:transcribe:eu-west-1:123456789012:transcription-job/${name}`;

/**
 * Transcribe's job store as the sweep sees it: GetTranscriptionJob answers each job with the tags TagResource added so
 * far (jobs identified by their ARN's last segment).
 */
function transcribeJobs(jobs: Record<string, { TranscriptionJob: TranscriptionJob }>) {
  const tags = new Map<string, Array<{ Key: string; Value: string }>>();
  transcribeMock.on(GetTranscriptionJobCommand).callsFake((input: { TranscriptionJobName: string }) => {
    const job = jobs[input.TranscriptionJobName];
    if (!job) throw new TranscribeServiceException({ name: 'BadRequestException', $fault: 'client', $metadata: {}, message: "The requested job couldn't be found" });
    const copy = structuredClone(job);
    copy.TranscriptionJob.Tags = [...(copy.TranscriptionJob.Tags ?? []), ...(tags.get(input.TranscriptionJobName) ?? [])];
    return copy;
  });
  transcribeMock.on(TagResourceCommand).callsFake((input: { ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }) => {
    const name = input.ResourceArn.slice(input.ResourceArn.lastIndexOf('/') + 1);
    tags.set(name, [...(tags.get(name) ?? []), ...input.Tags]);
    return {};
  });
  return tags;
}

function namedJob(fixture: string, name: string) {
  const job = loadJob(fixture);
  job.TranscriptionJob.TranscriptionJobName = name;
  return job;
}

function summary(name: string, status: 'COMPLETED' | 'FAILED', hoursAgo: number) {
  return { TranscriptionJobName: name, TranscriptionJobStatus: status, CreationTime: new Date(NOW - hoursAgo * HOUR - 60_000), CompletionTime: new Date(NOW - hoursAgo * HOUR) };
}

function setup(options: { clockStep?: number; remainingMs?: number; notifyMs?: number; notified?: string[] } = {}) {
  const sent: TranscriptReadyInput[] = [];
  // AppSync's store: notifications sent before the sweep ran (by completion events) are already in it.
  const seen = new Set<string>(options.notified);
  const { logger, lines } = fakeLogger();
  let clock = NOW;
  const handler = createSweepHandler({
    config: { graphqlUrl: 'https://example.com/graphql', windowHours: 24 },
    s3: new S3Client({ region: 'eu-west-1' }),
    transcribe: new TranscribeClient({ region: 'eu-west-1' }),
    notify: async (input) => {
      sent.push(input);
      clock += options.notifyMs ?? 0;
      // AppSync's idempotency: the second notification with one key is a duplicate.
      if (seen.has(input.idempotencyKey)) return { outcome: 'duplicate' };
      seen.add(input.idempotencyKey);
      return { outcome: 'delivered', notificationId: `n-${seen.size}` };
    },
    logger,
    now: () => (clock += options.clockStep ?? 0),
    sleep: async () => undefined,
  });
  const context = { getRemainingTimeInMillis: () => options.remainingMs ?? 60_000, invokedFunctionArn: FUNCTION_ARN };
  return { run: () => handler(loadEvent('eventbridge/scheduled-event.json'), context), sent, lines, delivered: () => [...seen].filter((key) => !options.notified?.includes(key)) };
}

beforeEach(() => {
  s3Mock.reset();
  transcribeMock.reset();
  const foreign = loadJob('transcribe/get-transcription-job-completed.json');
  foreign.TranscriptionJob.Tags = [];
  transcribeJobs({
    [COMPLETED_JOB]: loadJob('transcribe/get-transcription-job-completed.json'),
    [FAILED_JOB]: loadJob('transcribe/get-transcription-job-failed.json'),
    'notifier-lookalike-00': foreign,
  });
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
  it('notifies every notifier job that finished within the window, oldest first, paging until the jobs are older', async () => {
    // Prepare
    const { run, sent, lines } = setup();

    // Act
    const result = await run();

    // Assess
    // FAILED (3 h ago) before COMPLETED (1 h ago): one order by finish time, not one status after the other.
    expect(sent.map((s) => [s.idempotencyKey, s.status])).toEqual([
      [FAILED_JOB, 'FAILED'],
      [COMPLETED_JOB, 'COMPLETED'],
    ]);
    expect(transcribeMock.commandCalls(GetTranscriptionJobCommand).map((c) => c.args[0].input.TranscriptionJobName)).toEqual([FAILED_JOB, 'notifier-lookalike-00', COMPLETED_JOB]);
    expect(result).toMatchObject({ listed: 3, listingComplete: true, delivered: 2, duplicates: 0, alreadyNotified: 0, untagged: 0, ignored: 1, deferred: 0, failed: 0 });
    const listCalls = transcribeMock.commandCalls(ListTranscriptionJobsCommand).map((c) => c.args[0].input);
    expect(listCalls).toEqual([
      { Status: 'COMPLETED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: undefined },
      { Status: 'COMPLETED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: 'page-2' },
      { Status: 'FAILED', JobNameContains: 'notifier-', MaxResults: 100, NextToken: undefined },
    ]);
    expect(transcribeMock.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceArn: jobArn(FAILED_JOB), Tags: [{ Key: 'notifier:notified', Value: new Date(NOW).toISOString() }] },
      { ResourceArn: jobArn(COMPLETED_JOB), Tags: [{ Key: 'notifier:notified', Value: new Date(NOW).toISOString() }] },
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'sweep finished' }));
  });

  it('skips the jobs tagged as notified on later runs, before any S3 work or notification', async () => {
    // Prepare
    const { run, sent } = setup();
    await run();
    s3Mock.resetHistory();

    // Act
    const second = await run();

    // Assess
    expect(second).toMatchObject({ listed: 3, delivered: 0, duplicates: 0, alreadyNotified: 2, ignored: 1, deferred: 0 });
    expect(sent).toHaveLength(2);
    expect(s3Mock.calls()).toHaveLength(0);
    expect(transcribeMock.commandCalls(TagResourceCommand)).toHaveLength(2);
  });

  it('sends the same notifications as the completion event when a job could not be tagged, and says so', async () => {
    // Prepare
    transcribeMock.on(TagResourceCommand).rejects(
      new TranscribeServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'User is not authorized to perform: transcribe:TagResource' }),
    );
    const { run, sent, lines } = setup();

    // Act
    await run();
    const second = await run();

    // Assess
    expect(second).toMatchObject({ delivered: 0, duplicates: 2, alreadyNotified: 0, untagged: 2 });
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
    expect(sent[1]?.transcriptLocation).toBe(`s3://notifier-media-dev/private/${owner}/transcripts/${COMPLETED_JOB}.json`);
    expect(lines.filter((l) => l.level === 'warn' && l.message.startsWith('job not tagged as notified'))).toHaveLength(4);
  });

  it('leaves the jobs it has no time for to the next run, with a warning that counts them', async () => {
    // Prepare
    const { run, sent, lines } = setup({ clockStep: 500, remainingMs: 5_000 });

    // Act
    const result = await run();

    // Assess
    expect(result.deferred + result.delivered + result.ignored).toBe(result.listed);
    expect(result.deferred).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(2);
    expect(lines).toContainEqual({
      level: 'warn',
      message: 'sweep finished with jobs left to the next run',
      extra: expect.objectContaining({ listed: 3, deferred: result.deferred, delivered: result.delivered, listingComplete: true }),
    });
    expect(lines.map((l) => l.message)).not.toContain('sweep finished');
  });

  it('reaches every job within a few runs when one run has time for only two notifications', async () => {
    // Prepare
    // Six jobs, newest first as Transcribe lists them. Four were notified by their completion events; the events of
    // the newest COMPLETED job and of the FAILED job were lost.
    const completed = ['notifier-e-05', 'notifier-d-04', 'notifier-c-03', 'notifier-b-02', 'notifier-a-01'];
    const lost = ['notifier-e-05', 'notifier-broken-06'];
    transcribeMock
      .on(ListTranscriptionJobsCommand, { Status: 'COMPLETED' })
      .resolves({ TranscriptionJobSummaries: completed.map((name, i) => summary(name, 'COMPLETED', i + 1)) })
      .on(ListTranscriptionJobsCommand, { Status: 'FAILED' })
      .resolves({ TranscriptionJobSummaries: [summary('notifier-broken-06', 'FAILED', 1.5)] });
    transcribeJobs({
      ...Object.fromEntries(completed.map((name) => [name, namedJob('transcribe/get-transcription-job-completed.json', name)])),
      'notifier-broken-06': namedJob('transcribe/get-transcription-job-failed.json', 'notifier-broken-06'),
    });
    const { run, delivered, lines } = setup({ notifyMs: 1_000, remainingMs: 3_000, notified: completed.filter((name) => !lost.includes(name)) });

    // Act
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await run());

    // Assess
    expect(delivered().sort()).toEqual([...lost].sort());
    const last = runs.at(-1)!;
    expect(last).toMatchObject({ listed: 6, delivered: 0, duplicates: 0, alreadyNotified: 6, deferred: 0 });
    // Once every job is tagged, a run costs one GetTranscriptionJob per job and nothing else.
    expect(runs.findIndex((r) => r.deferred === 0)).toBeLessThanOrEqual(3);
    expect(lines.filter((l) => l.message === 'sweep finished with jobs left to the next run').length).toBe(runs.filter((r) => r.deferred > 0).length);
  });

  it('names the failed jobs and why they failed in one error, after notifying the others and logging the counts', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
    const { run, sent, lines } = setup();

    // Act
    const result = run();

    // Assess
    await expect(result).rejects.toThrow(BatchProcessingError);
    await expect(result).rejects.toThrow(
      `1 of 3 record(s) failed: ${COMPLETED_JOB}: ${COMPLETED_JOB}: transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json unreadable: AccessDenied: Access Denied`,
    );
    expect(sent.map((s) => s.idempotencyKey)).toEqual([FAILED_JOB]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'sweep finished', extra: expect.objectContaining({ delivered: 1, failed: 1 }) }));
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
