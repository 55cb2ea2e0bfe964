import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetTranscriptionJobCommand, TagResourceCommand, TranscribeClient, TranscribeServiceException } from '@aws-sdk/client-transcribe';
import type { TranscriptReadyInput } from '@notifier/schema';
import { mockClient } from 'aws-sdk-client-mock';
import { createCompleteHandler, type NotifyTranscriptReady } from '../src/app';
import { MalformedEventError } from '../src/errors';
import { fakeLogger, loadEvent, loadJob, serviceError, textBody } from './helpers';

const s3Mock = mockClient(S3Client);
const transcribeMock = mockClient(TranscribeClient);
const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const COMPLETED_JOB = 'notifier-videos_Team_meeting_Q_A.MP4-5c0e7d3b1f2a4c6e8d9f';
const FAILED_JOB = 'notifier-videos_broken.mp4-0a1b2c3d4e5f60718293';
const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:notifier-dev-video-transcriber-complete';
const context = { getRemainingTimeInMillis: () => 30_000, invokedFunctionArn: FUNCTION_ARN };
const JOB_ARN = `arn:aws:transcribe:eu-west-1:123456789012:transcription-job/${COMPLETED_JOB}`;
const NOW = Date.parse('2026-11-12T10:05:00Z');
const OUTPUT = JSON.stringify(loadEvent('transcribe/output-completed.json'));
// The media bucket of the job fixture (its Media.MediaFileUri), which is the uploads bucket.
const UPLOADS = 'notifier-media-dev';
const OWNER_COPY = `private/${OWNER}/transcripts/${COMPLETED_JOB}.json`;
// What the SDK throws for S3's 403 AccessDenied error response.
const accessDenied = () => new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' });

function setup(notify?: NotifyTranscriptReady) {
  const sent: TranscriptReadyInput[] = [];
  const { logger, lines } = fakeLogger();
  const handler = createCompleteHandler({
    s3: new S3Client({ region: 'eu-west-1' }),
    transcribe: new TranscribeClient({ region: 'eu-west-1' }),
    notify: async (input, options) => {
      sent.push(input);
      return notify ? notify(input, options) : { outcome: 'delivered', notificationId: `n-${sent.length}` };
    },
    logger,
    now: () => NOW,
    sleep: async () => undefined,
  });
  return { handler, sent, lines };
}

beforeEach(() => {
  s3Mock.reset();
  transcribeMock.reset();
  transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: COMPLETED_JOB }).resolves(loadJob('transcribe/get-transcription-job-completed.json'));
  transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: FAILED_JOB }).resolves(loadJob('transcribe/get-transcription-job-failed.json'));
  s3Mock.on(GetObjectCommand).resolves({ Body: textBody(OUTPUT), ContentLength: 3000 });
  s3Mock.on(PutObjectCommand).resolves({ ETag: '"copy"' });
  transcribeMock.on(TagResourceCommand).resolves({});
});

describe('Function: createCompleteHandler', () => {
  it('notifies the owner of a completed job with language, excerpt and the transcript location', async () => {
    // Prepare
    const { handler, sent, lines } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(sent).toEqual([
      {
        idempotencyKey: COMPLETED_JOB,
        ownerId: OWNER,
        mediaKey: `private/${OWNER}/videos/Team meeting + Q&A.MP4`,
        status: 'COMPLETED',
        reason: null,
        languageCode: 'en-US',
        excerpt: 'Welcome to the team meeting. Today we look at the release.',
        transcriptLocation: `s3://${UPLOADS}/${OWNER_COPY}`,
      },
    ]);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'notifier-transcripts-dev', Key: `transcripts/${COMPLETED_JOB}.json` });
    expect(result).toEqual({ jobName: COMPLETED_JOB, status: 'NOTIFIED', notification: 'delivered', notificationId: 'n-1', marked: true });
    expect(lines).toContainEqual(
      expect.objectContaining({ message: 'notification delivered', extra: expect.objectContaining({ triggerId: '65d68028-7fb5-2af4-1c07-1d08637c0be3', notificationId: 'n-1' }) }),
    );
  });

  it("copies the transcript it read to the owner's private prefix of the media bucket before notifying", async () => {
    // Prepare
    const copiesWhenNotified: number[] = [];
    const { handler } = setup(async () => {
      copiesWhenNotified.push(s3Mock.commandCalls(PutObjectCommand).length);
      return { outcome: 'delivered', notificationId: 'n-1' };
    });

    // Act
    await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: UPLOADS, Key: OWNER_COPY, Body: OUTPUT, ContentType: 'application/json' },
    ]);
    expect(copiesWhenNotified).toEqual([1]);
  });

  it('rewrites the same copy when the completion is repeated, and the repeat notifies nothing new', async () => {
    // Prepare
    let sent = 0;
    const { handler } = setup(async () => (++sent === 1 ? { outcome: 'delivered', notificationId: 'n-1' } : { outcome: 'duplicate' }));

    // Act
    const first = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);
    const second = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect([first.notification, second.notification]).toEqual(['delivered', 'duplicate']);
    const copies = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(copies).toHaveLength(2);
    expect(copies[1]).toEqual(copies[0]);
    expect(copies[0]).toMatchObject({ Bucket: UPLOADS, Key: OWNER_COPY });
  });

  it('fails without notifying when the copy cannot be written, naming both locations', async () => {
    // Prepare
    s3Mock.on(PutObjectCommand).rejects(serviceError('AccessDenied', 403, 'Access Denied'));
    const { handler, sent } = setup();

    // Act
    const result = handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    await expect(result).rejects.toThrow(
      `${COMPLETED_JOB}: copying transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json to s3://${UPLOADS}/${OWNER_COPY} failed`,
    );
    await expect(result).rejects.toMatchObject({ name: 'JobResultError', cause: { name: 'AccessDenied' } });
    expect(sent).toEqual([]);
  });

  it.each([
    [
      'GetTranscriptionJob',
      () =>
        transcribeMock
          .on(GetTranscriptionJobCommand)
          .rejects(new TranscribeServiceException({ name: 'InternalFailureException', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'We encountered an internal error' })),
      `${COMPLETED_JOB}: GetTranscriptionJob failed: InternalFailureException: We encountered an internal error`,
    ],
    [
      'GetObject',
      () => s3Mock.on(GetObjectCommand).rejects(accessDenied()),
      `${COMPLETED_JOB}: transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json unreadable: AccessDenied: Access Denied`,
    ],
    [
      'PutObject',
      () => s3Mock.on(PutObjectCommand).rejects(accessDenied()),
      `${COMPLETED_JOB}: copying transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json to s3://${UPLOADS}/${OWNER_COPY} failed: AccessDenied: Access Denied`,
    ],
  ])('says in its message why %s failed, not only in its cause', async (_operation, fail, message) => {
    // Prepare
    fail();
    const { handler, sent } = setup();

    // Act
    const result = handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), { getRemainingTimeInMillis: () => 1_500 });

    // Assess
    await expect(result).rejects.toThrow(message);
    await expect(result).rejects.toMatchObject({ name: 'JobResultError' });
    expect(sent).toEqual([]);
  });

  it('fails without notifying when the job has no media location to put the copy next to', async () => {
    // Prepare
    const job = loadJob('transcribe/get-transcription-job-completed.json');
    delete job.TranscriptionJob.Media;
    transcribeMock.on(GetTranscriptionJobCommand).resolves(job);
    const { handler, sent } = setup();

    // Act & Assess
    await expect(handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context)).rejects.toThrow(
      `${COMPLETED_JOB}: completed without a readable media location (none), so the transcript has no owner's copy`,
    );
    expect(sent).toEqual([]);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('notifies a failed job with Transcribe\'s reason', async () => {
    // Prepare
    const { handler, sent } = setup();

    // Act
    await handler(loadEvent('eventbridge/transcribe-job-state-change-failed.json'), context);

    // Assess
    expect(sent).toEqual([
      {
        idempotencyKey: FAILED_JOB,
        ownerId: OWNER,
        mediaKey: `private/${OWNER}/videos/broken.mp4`,
        status: 'FAILED',
        reason: expect.stringMatching(/^The media format provided does not match the detected media format/),
        languageCode: null,
        excerpt: null,
        transcriptLocation: null,
      },
    ]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('ignores, with a log line, a job without the notifier:owner tag', async () => {
    // Prepare
    const job = loadJob('transcribe/get-transcription-job-completed.json');
    job.TranscriptionJob.Tags = [{ Key: 'team', Value: 'media' }];
    transcribeMock.on(GetTranscriptionJobCommand).resolves(job);
    const { handler, sent, lines } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(result.status).toBe('IGNORED');
    expect(sent).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'job ignored', extra: expect.objectContaining({ reason: 'not started by notifier (no notifier:owner tag)' }) }));
  });

  it('ignores a job that no longer exists', async () => {
    // Prepare
    transcribeMock.on(GetTranscriptionJobCommand).rejects(serviceError('BadRequestException', 400, "The requested job couldn't be found. Check the job name and try your request again."));
    const { handler, sent } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(result.status).toBe('IGNORED');
    expect(sent).toEqual([]);
  });

  it('reports a duplicate notification as a no-op success', async () => {
    // Prepare
    const { handler } = setup(async () => ({ outcome: 'duplicate' }));

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(result).toEqual({ jobName: COMPLETED_JOB, status: 'NOTIFIED', notification: 'duplicate', marked: true });
  });

  it('tags the job as notified after the notification, in the function\'s region and account', async () => {
    // Prepare
    const tagsWhenNotified: number[] = [];
    const { handler } = setup(async () => {
      tagsWhenNotified.push(transcribeMock.commandCalls(TagResourceCommand).length);
      return { outcome: 'delivered', notificationId: 'n-1' };
    });

    // Act
    await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(tagsWhenNotified).toEqual([0]);
    expect(transcribeMock.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([
      { ResourceArn: JOB_ARN, Tags: [{ Key: 'notifier:notified', Value: '2026-11-12T10:05:00.000Z' }] },
    ]);
  });

  it('skips a job tagged as notified without reading S3 or notifying', async () => {
    // Prepare
    const job = loadJob('transcribe/get-transcription-job-completed.json');
    job.TranscriptionJob.Tags = [...(job.TranscriptionJob.Tags ?? []), { Key: 'notifier:notified', Value: '2026-11-12T10:03:10.000Z' }];
    transcribeMock.on(GetTranscriptionJobCommand, { TranscriptionJobName: COMPLETED_JOB }).resolves(job);
    const { handler, sent, lines } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(result).toEqual({ jobName: COMPLETED_JOB, status: 'ALREADY_NOTIFIED' });
    expect(sent).toEqual([]);
    expect(s3Mock.calls()).toHaveLength(0);
    expect(transcribeMock.commandCalls(TagResourceCommand)).toHaveLength(0);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'job already notified (tagged), skipped', extra: expect.objectContaining({ notifiedAt: '2026-11-12T10:03:10.000Z' }) }),
    );
  });

  it('still succeeds, with a warning naming the cause, when the job cannot be tagged', async () => {
    // Prepare
    transcribeMock.on(TagResourceCommand).rejects(
      new TranscribeServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'User is not authorized to perform: transcribe:TagResource',
      }),
    );
    const { handler, sent, lines } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(result).toMatchObject({ status: 'NOTIFIED', notification: 'delivered', marked: false });
    expect(sent).toHaveLength(1);
    const warning = lines.find((l) => l.level === 'warn' && l.message.startsWith('job not tagged as notified'));
    expect((warning?.extra.error as Error).message).toBe(
      `${JOB_ARN}: TagResource notifier:notified failed: AccessDeniedException: User is not authorized to perform: transcribe:TagResource`,
    );
  });

  it('fails for a retry when the event says COMPLETED but the job is still running', async () => {
    // Prepare
    const job = loadJob('transcribe/get-transcription-job-completed.json');
    job.TranscriptionJob.TranscriptionJobStatus = 'IN_PROGRESS';
    transcribeMock.on(GetTranscriptionJobCommand).resolves(job);
    const { handler, sent } = setup();

    // Act & Assess
    await expect(handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context)).rejects.toThrow(/the job is IN_PROGRESS, not finished yet/);
    expect(sent).toEqual([]);
  });

  it('fails when the transcript is not Transcribe output, naming the location', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves({ Body: textBody('{"unexpected":true}') });
    const { handler } = setup();

    // Act
    const result = handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    await expect(result).rejects.toThrow(`${COMPLETED_JOB}: transcript s3://notifier-transcripts-dev/transcripts/${COMPLETED_JOB}.json unreadable`);
    await expect(result).rejects.toMatchObject({ cause: { name: 'ValidationError' } });
  });

  it('notifies without an excerpt when the transcript is too large to read, streaming it to the copy unread', async () => {
    // Prepare
    const body = textBody('{}');
    s3Mock.on(GetObjectCommand).resolves({ Body: body, ContentLength: 50 * 1024 * 1024 });
    const { handler, sent } = setup();

    // Act
    await handler(loadEvent('eventbridge/transcribe-job-state-change-completed.json'), context);

    // Assess
    expect(sent[0]).toMatchObject({ status: 'COMPLETED', excerpt: null, transcriptLocation: `s3://${UPLOADS}/${OWNER_COPY}` });
    const [copy] = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(copy).toEqual({ Bucket: UPLOADS, Key: OWNER_COPY, Body: body, ContentType: 'application/json', ContentLength: 50 * 1024 * 1024 });
  });

  it('throws a MalformedEventError naming the missing field', async () => {
    // Prepare
    const event = loadEvent<{ detail: Record<string, unknown> }>('eventbridge/transcribe-job-state-change-completed.json');
    delete event.detail.TranscriptionJobName;
    const { handler } = setup();

    // Act
    const result = handler(event, context);

    // Assess
    await expect(result).rejects.toThrow(MalformedEventError);
    await expect(result).rejects.toThrow('Transcribe Job State Change event is invalid: detail.TranscriptionJobName: expected string, received undefined');
  });
});
