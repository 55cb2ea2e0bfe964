import { HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { StartTranscriptionJobCommand, TranscribeClient, TranscribeServiceException } from '@aws-sdk/client-transcribe';
import { BatchProcessingError } from '@notifier/lambda-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { createStartHandler } from '../src/app';
import { transcriptionJobName } from '../src/job';
import { fakeLogger, loadEvent, serviceError } from './helpers';

const s3Mock = mockClient(S3Client);
const transcribeMock = mockClient(TranscribeClient);
const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const VIDEO_KEY = `private/${OWNER}/videos/Team meeting + Q&A.MP4`;
const context = { getRemainingTimeInMillis: () => 30_000 };

function setup(languageCode?: 'de-CH') {
  const { logger, lines } = fakeLogger();
  const handler = createStartHandler({
    config: { transcriptsBucket: 'notifier-transcripts-dev', ...(languageCode ? { languageCode } : {}) },
    s3: new S3Client({ region: 'eu-west-1' }),
    transcribe: new TranscribeClient({ region: 'eu-west-1' }),
    logger,
    sleep: async () => undefined,
  });
  return { handler, lines };
}

beforeEach(() => {
  s3Mock.reset();
  transcribeMock.reset();
  transcribeMock.on(StartTranscriptionJobCommand).resolves({ TranscriptionJob: { TranscriptionJobStatus: 'IN_PROGRESS' } });
});

describe('Function: createStartHandler', () => {
  it('starts a job named from the key and ETag, tagged with the owner, writing to the transcripts bucket', async () => {
    // Prepare
    const { handler, lines } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created-video.json'), context);

    // Assess
    const jobName = transcriptionJobName({ bucket: 'notifier-media-dev', key: VIDEO_KEY }, '9b2cf535f27731c974343645a3985328-2');
    expect(result.records).toEqual([{ id: '2a7c4f1e-9d3b-4e8a-b5c6-7d8e9f0a1b2c', status: 'STARTED', jobName }]);
    expect(s3Mock.commandCalls(HeadObjectCommand)).toHaveLength(0);
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand)[0]?.args[0].input).toEqual({
      TranscriptionJobName: jobName,
      Media: { MediaFileUri: `s3://notifier-media-dev/${VIDEO_KEY}` },
      MediaFormat: 'mp4',
      IdentifyLanguage: true,
      OutputBucketName: 'notifier-transcripts-dev',
      OutputKey: `transcripts/${jobName}.json`,
      Tags: [{ Key: 'notifier:owner', Value: OWNER }],
    });
    expect(lines).toContainEqual(expect.objectContaining({ message: 'transcription job started', extra: expect.objectContaining({ jobName, ownerId: OWNER }) }));
  });

  it('uses the configured language instead of identifying it', async () => {
    // Prepare
    const { handler } = setup('de-CH');

    // Act
    await handler(loadEvent('eventbridge/s3-object-created-video.json'), context);

    // Assess
    const input = transcribeMock.commandCalls(StartTranscriptionJobCommand)[0]?.args[0].input;
    expect(input?.LanguageCode).toBe('de-CH');
    expect(input?.IdentifyLanguage).toBeUndefined();
  });

  it('treats ConflictException as the job of a repeated event: success, nothing new', async () => {
    // Prepare
    transcribeMock.on(StartTranscriptionJobCommand).rejects(serviceError('ConflictException', 400, 'The requested job name already exists.'));
    const { handler } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created-video.json'), context);

    // Assess
    expect(result.records[0]?.status).toBe('ALREADY_STARTED');
  });

  it('ignores, with a log line, uploads Transcribe cannot take and keys outside private/<identityId>/', async () => {
    // Prepare
    const { handler, lines } = setup();
    const publicVideo = loadEvent<{ detail: { object: { key: string } } }>('eventbridge/s3-object-created-video.json');
    publicVideo.detail.object.key = 'public/clip.mp4';

    // Act
    const image = await handler(loadEvent('eventbridge/s3-object-created-image.json'), context);
    const outside = await handler(publicVideo, context);

    // Assess
    expect(image.records[0]?.status).toBe('IGNORED');
    expect(outside.records[0]?.status).toBe('IGNORED');
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand)).toHaveLength(0);
    expect(lines.filter((l) => l.message === 'object ignored').map((l) => l.extra.reason)).toEqual([
      'not a media format Transcribe accepts (amr, flac, m4a, mp3, mp4, ogg, webm, wav)',
      'not under private/<identityId>/',
    ]);
  });

  it('reads the ETag with HeadObject when the record carries neither version nor ETag', async () => {
    // Prepare
    s3Mock.on(HeadObjectCommand).resolves({ ETag: '"from-head"' });
    const event = loadEvent<{ Records: Array<{ s3: { object: Record<string, unknown> } }> }>('s3/notification-put-two-records.json');
    event.Records = [event.Records[0]!];
    event.Records[0]!.s3.object.key = `private/eu-west-1%3A7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/memo.wav`;
    delete event.Records[0]!.s3.object.eTag;
    const { handler } = setup();

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result.records[0]?.jobName).toBe(transcriptionJobName({ bucket: 'notifier-media-dev', key: `private/${OWNER}/memo.wav` }, 'from-head'));
  });

  it('decodes the form-urlencoded keys of S3 notification records before starting their jobs', async () => {
    // Prepare
    const { handler } = setup();

    // Act
    const result = await handler(loadEvent('s3/notification-put-two-records.json'), context);

    // Assess
    const jobName = transcriptionJobName({ bucket: 'notifier-media-dev', key: VIDEO_KEY }, 'd41d8cd98f00b204e9800998ecf8427e');
    expect(result.records.map((r) => r.status)).toEqual(['STARTED', 'IGNORED']);
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({ TranscriptionJobName: jobName, Media: { MediaFileUri: `s3://notifier-media-dev/${VIDEO_KEY}` }, MediaFormat: 'mp4' }),
    ]);
    expect(s3Mock.commandCalls(HeadObjectCommand)).toHaveLength(0);
  });

  it('ignores an upload deleted before HeadObject could read its ETag', async () => {
    // Prepare
    s3Mock.on(HeadObjectCommand).rejects(serviceError('NotFound', 404));
    const event = loadEvent<{ detail: { object: Record<string, unknown> } }>('eventbridge/s3-object-created-video.json');
    delete event.detail.object.etag;
    const { handler } = setup();

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result.records[0]?.status).toBe('IGNORED');
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand)).toHaveLength(0);
  });

  it('retries throttling (LimitExceededException) and fails the record on a BadRequestException', async () => {
    // Prepare
    transcribeMock
      .on(StartTranscriptionJobCommand)
      .rejectsOnce(serviceError('LimitExceededException'))
      .resolvesOnce({})
      .rejects(serviceError('BadRequestException', 400, '1 validation error detected'));
    const { handler } = setup();

    // Act
    const first = await handler(loadEvent('eventbridge/s3-object-created-video.json'), context);
    const second = handler(loadEvent('eventbridge/s3-object-created-video.json'), context);

    // Assess
    expect(first.records[0]?.status).toBe('STARTED');
    await expect(second).rejects.toThrow(BatchProcessingError);
    await expect(second).rejects.toThrow(/StartTranscriptionJob notifier-.* failed/);
  });

  it('names why a record failed in the error Lambda reports, not only in its cause', async () => {
    // Prepare
    transcribeMock.on(StartTranscriptionJobCommand).rejects(
      new TranscribeServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'User is not authorized to perform: transcribe:StartTranscriptionJob',
      }),
    );
    s3Mock.on(HeadObjectCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
    const withoutEtag = loadEvent<{ Records: Array<{ s3: { object: Record<string, unknown> } }> }>('s3/notification-put-two-records.json');
    withoutEtag.Records = [withoutEtag.Records[0]!];
    withoutEtag.Records[0]!.s3.object.key = `private/eu-west-1%3A7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/memo.wav`;
    delete withoutEtag.Records[0]!.s3.object.eTag;
    const { handler } = setup();

    // Act
    const [started, headed] = await Promise.allSettled([handler(loadEvent('eventbridge/s3-object-created-video.json'), context), handler(withoutEtag, context)]);

    // Assess
    expect(started).toMatchObject({ status: 'rejected', reason: expect.any(BatchProcessingError) });
    expect(started.status === 'rejected' && started.reason).toHaveProperty(
      'message',
      expect.stringMatching(
      /^1 of 1 record\(s\) failed: 2a7c4f1e-9d3b-4e8a-b5c6-7d8e9f0a1b2c: s3:\/\/notifier-media-dev\/.*: StartTranscriptionJob notifier-\S+ failed: AccessDeniedException: User is not authorized to perform: transcribe:StartTranscriptionJob$/,
      ),
    );
    expect(headed.status === 'rejected' && headed.reason).toHaveProperty(
      'message',
      `1 of 1 record(s) failed: Records[0](0055AED6DCD90281E5): s3://notifier-media-dev/private/${OWNER}/memo.wav: HeadObject failed: AccessDenied: Access Denied`,
    );
  });

  it('throws, with a log line, for an event that is not an S3 event', async () => {
    // Prepare
    const { handler, lines } = setup();

    // Act & Assess
    await expect(handler(loadEvent('eventbridge/scheduled-event.json'), context)).rejects.toThrow(/EventBridge S3 Object Created event is invalid/);
    await expect(handler('not even an object', context)).rejects.toThrow(/not an S3 event/);
    expect(lines.filter((l) => l.message === 'malformed event' || l.message === 'malformed record')).toHaveLength(2);
  });

  it('fails a malformed record after handling the others', async () => {
    // Prepare
    const event = loadEvent<{ Records: Array<Record<string, unknown>> }>('s3/notification-put-two-records.json');
    (event.Records[1]!.s3 as { object: { key: string } }).object.key = 'private/eu-west-1%3A7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/clip.ogg';
    event.Records.unshift({ eventSource: 'aws:s3' });
    const { handler } = setup();

    // Act & Assess
    await expect(handler(event, context)).rejects.toThrow(/1 of 3 record\(s\) failed: Records\[0\]: S3 notification record is invalid: eventName: expected string/);
    expect(transcribeMock.commandCalls(StartTranscriptionJobCommand).map((c) => c.args[0].input.MediaFormat)).toEqual(['mp4', 'ogg']);
  });
});
