import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BadRequestException,
  ConflictException,
  DeleteTranscriptionJobCommand,
  GetTranscriptionJobCommand,
  ListTagsForResourceCommand,
  ListTranscriptionJobsCommand,
  NotFoundException,
  StartTranscriptionJobCommand,
  TagResourceCommand,
  TranscribeClient,
  type StartTranscriptionJobCommandInput,
} from '@aws-sdk/client-transcribe';
import { DEFAULT_TRANSCRIPT, startTranscribeStandin, type TranscribeJobStateChangeEvent, type TranscribeStandin } from '../src';
import { createS3Client } from '../src/s3';
import { startLocalS3, type LocalS3 } from '../src/testing';

let s3: LocalS3;
let standin: TranscribeStandin;
let client: TranscribeClient;
let s3Client: S3Client;
const events: TranscribeJobStateChangeEvent[] = [];
let clock = Date.parse('2026-11-12T10:00:00Z');

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64)]);
const put = (bucket: string, key: string, body: Buffer | string) => s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const startJob = (input: Partial<StartTranscriptionJobCommandInput> & { TranscriptionJobName: string }) =>
  client.send(
    new StartTranscriptionJobCommand({
      Media: { MediaFileUri: 's3://media/private/x/talk.mp4' },
      MediaFormat: 'mp4',
      IdentifyLanguage: true,
      OutputBucketName: 'transcripts',
      OutputKey: `transcripts/${input.TranscriptionJobName}.json`,
      ...input,
    }),
  );

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['media', 'transcripts'] });
  standin = await startTranscribeStandin({
    s3: { endpoint: s3.endpoint },
    completionDelayMs: 10,
    accountId: '111122223333',
    region: 'eu-west-1',
    now: () => (clock += 1000),
    onEvent: (event) => {
      events.push(event);
    },
  });
  client = new TranscribeClient({ endpoint: standin.url, region: 'eu-west-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  s3Client = createS3Client({ endpoint: s3.endpoint, credentials: s3.credentials });
  await put('media', 'private/x/talk.mp4', MP4);
});

afterAll(async () => {
  client.destroy();
  s3Client.destroy();
  await standin.close();
  await s3.close();
});

describe('Function: startTranscribeStandin', () => {
  it('completes a job: transcript from the sidecar in Transcribe\'s output format, the state-change event, the job details', async () => {
    // Prepare
    await put('media', 'private/x/talk.mp4.txt', 'Hello and welcome, everyone.');

    // Act
    const started = await startJob({ TranscriptionJobName: 'job-sidecar', Tags: [{ Key: 'notifier:owner', Value: 'eu-west-1:abc' }] });
    await standin.idle();
    const { TranscriptionJob: job } = await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'job-sidecar' }));
    const output = JSON.parse(
      (await (await s3Client.send(new GetObjectCommand({ Bucket: 'transcripts', Key: 'transcripts/job-sidecar.json' }))).Body?.transformToString()) ?? '',
    );

    // Assess
    expect(started.TranscriptionJob?.TranscriptionJobStatus).toBe('IN_PROGRESS');
    expect(job).toMatchObject({
      TranscriptionJobStatus: 'COMPLETED',
      LanguageCode: 'en-US',
      IdentifyLanguage: true,
      MediaFormat: 'mp4',
      Media: { MediaFileUri: 's3://media/private/x/talk.mp4' },
      Transcript: { TranscriptFileUri: `${s3.endpoint}/transcripts/transcripts/job-sidecar.json` },
      Tags: [{ Key: 'notifier:owner', Value: 'eu-west-1:abc' }],
    });
    expect(job?.CompletionTime).toBeInstanceOf(Date);
    expect(output).toMatchObject({
      jobName: 'job-sidecar',
      accountId: '111122223333',
      status: 'COMPLETED',
      results: { transcripts: [{ transcript: 'Hello and welcome, everyone.' }], language_code: 'en-US' },
    });
    expect(output.results.items.map((i: { alternatives: Array<{ content: string }> }) => i.alternatives[0]!.content)).toEqual(['Hello', 'and', 'welcome', ',', 'everyone', '.']);
    expect(events.find((e) => e.detail.TranscriptionJobName === 'job-sidecar')).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Transcribe Job State Change',
      source: 'aws.transcribe',
      account: '111122223333',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      region: 'eu-west-1',
      resources: [],
      detail: { TranscriptionJobName: 'job-sidecar', TranscriptionJobStatus: 'COMPLETED' },
    });
  });

  it('uses the fixed phrase without a sidecar and the given language', async () => {
    // Prepare
    await put('media', 'private/x/memo.wav', Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(32)]));

    // Act
    await startJob({ TranscriptionJobName: 'job-phrase', Media: { MediaFileUri: 's3://media/private/x/memo.wav' }, MediaFormat: 'wav', IdentifyLanguage: undefined, LanguageCode: 'de-DE', OutputKey: 'out/' });
    await standin.idle();
    const { TranscriptionJob: job } = await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'job-phrase' }));
    const output = await (await s3Client.send(new GetObjectCommand({ Bucket: 'transcripts', Key: 'out/job-phrase.json' }))).Body?.transformToString();

    // Assess
    expect(job?.LanguageCode).toBe('de-DE');
    expect(JSON.parse(output ?? '{}').results.transcripts[0].transcript).toBe(DEFAULT_TRANSCRIPT);
  });

  it.each([
    ['media whose bytes do not match the format', 'private/x/fake.mp4', 'plain text, not a video', /^The media format provided does not match the detected media format/],
    ['a missing media object', 'private/x/absent.mp4', undefined, /^The URI that you provided doesn't point to an S3 object/],
  ])('fails a job for %s, with the reason and a FAILED event', async (_name, key, body, reason) => {
    // Prepare
    if (body !== undefined) await put('media', key, body);
    const name = `job-fail-${key.length}-${body === undefined ? 'missing' : 'format'}`;

    // Act
    await startJob({ TranscriptionJobName: name, Media: { MediaFileUri: `s3://media/${key}` } });
    await standin.idle();
    const { TranscriptionJob: job } = await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: name }));

    // Assess
    expect(job?.TranscriptionJobStatus).toBe('FAILED');
    expect(job?.FailureReason).toMatch(reason);
    expect(events.find((e) => e.detail.TranscriptionJobName === name)?.detail.TranscriptionJobStatus).toBe('FAILED');
  });

  it('answers ConflictException for a job name already used', async () => {
    // Prepare
    await startJob({ TranscriptionJobName: 'job-twice' });

    // Act & Assess
    await expect(startJob({ TranscriptionJobName: 'job-twice' })).rejects.toBeInstanceOf(ConflictException);
  });

  it.each([
    ['an invalid job name', { TranscriptionJobName: 'has space' }, /TranscriptionJobName must be/],
    ['a 201-character job name', { TranscriptionJobName: 'a'.repeat(201) }, /TranscriptionJobName must be/],
    ['an unsupported format', { TranscriptionJobName: 'job-mov', MediaFormat: 'mov' as never }, /media format mov isn't supported/],
    ['a media URI that is not s3://', { TranscriptionJobName: 'job-uri', Media: { MediaFileUri: 'https://example.com/a.mp4' } }, /is not valid/],
    ['two language options', { TranscriptionJobName: 'job-lang', LanguageCode: 'en-US' as never }, /exactly one of LanguageCode/],
    ['an OutputKey with a colon', { TranscriptionJobName: 'job-key', OutputKey: 'private/eu-west-1:abc/t.json' }, /OutputKey .* contains characters/],
    ['an invalid tag value', { TranscriptionJobName: 'job-tag', Tags: [{ Key: 'notifier:media-key', Value: 'Q&A.mp4' }] }, /Tag value for notifier:media-key/],
  ])('answers BadRequestException for %s', async (_name, input, message) => {
    // Act
    const result = startJob(input as { TranscriptionJobName: string });

    // Assess
    await expect(result).rejects.toBeInstanceOf(BadRequestException);
    await expect(result).rejects.toThrow(message);
  });

  it('answers BadRequestException for an unknown job', async () => {
    // Act & Assess
    await expect(client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'no-such-job' }))).rejects.toThrow("The requested job couldn't be found");
  });

  it('tags a job by its ARN, keeping its other tags, and shows the tags in GetTranscriptionJob and ListTagsForResource', async () => {
    // Prepare
    await startJob({ TranscriptionJobName: 'job-tag', Tags: [{ Key: 'notifier:owner', Value: 'eu-west-1:abc' }] });
    await standin.idle();
    const arn = 'arn:aws:transcribe:eu-west-1:111122223333:transcription-job/job-tag';

    // Act
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'notifier:notified', Value: '2026-11-12T10:00:00Z' }] }));
    const job = await client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'job-tag' }));
    const listed = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));

    // Assess
    const expected = [
      { Key: 'notifier:owner', Value: 'eu-west-1:abc' },
      { Key: 'notifier:notified', Value: '2026-11-12T10:00:00Z' },
    ];
    expect(job.TranscriptionJob?.Tags).toEqual(expected);
    expect(listed.Tags).toEqual(expected);
  });

  it.each([
    ['arn:aws:transcribe:eu-west-1:111122223333:transcription-job/no-such-job', NotFoundException, "We can't find the requested resource"],
    ['arn:aws:transcribe:us-east-1:111122223333:transcription-job/job-tag', NotFoundException, "We can't find the requested resource"],
    ['not-an-arn', BadRequestException, "ResourceArn not-an-arn isn't a transcription job ARN"],
  ])('refuses to tag %s', async (arn, type, message) => {
    // Act
    const result = client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'k', Value: 'v' }] }));

    // Assess
    await expect(result).rejects.toBeInstanceOf(type);
    await expect(result).rejects.toThrow(message);
  });

  it('deletes a job, which then cannot be found', async () => {
    // Prepare
    await startJob({ TranscriptionJobName: 'job-delete' });
    await standin.idle();

    // Act
    await client.send(new DeleteTranscriptionJobCommand({ TranscriptionJobName: 'job-delete' }));

    // Assess
    await expect(client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: 'job-delete' }))).rejects.toBeInstanceOf(BadRequestException);
    expect(standin.jobs().some((j) => j.TranscriptionJobName === 'job-delete')).toBe(false);
  });

  it('answers SerializationException for a body that is not JSON or the wrong content type', async () => {
    // Act
    const notJson = await fetch(standin.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Transcribe.GetTranscriptionJob' }, body: '{oops' });
    const wrongType = await fetch(standin.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-amz-target': 'Transcribe.GetTranscriptionJob' }, body: '{}' });

    // Assess
    expect([notJson.status, notJson.headers.get('x-amzn-errortype')]).toEqual([400, 'SerializationException']);
    expect(await notJson.json()).toEqual({ __type: 'SerializationException', message: 'request body is not valid JSON' });
    expect(wrongType.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });

  it('lists jobs newest first, filtered by status and name, page by page', async () => {
    // Prepare
    for (const name of ['list-a', 'list-b', 'list-c']) await startJob({ TranscriptionJobName: name });
    await standin.idle();

    // Act
    const first = await client.send(new ListTranscriptionJobsCommand({ Status: 'COMPLETED', JobNameContains: 'LIST-', MaxResults: 2 }));
    const second = await client.send(new ListTranscriptionJobsCommand({ Status: 'COMPLETED', JobNameContains: 'list-', MaxResults: 2, NextToken: first.NextToken }));
    const failed = await client.send(new ListTranscriptionJobsCommand({ Status: 'FAILED' }));

    // Assess
    expect(first.TranscriptionJobSummaries?.map((s) => s.TranscriptionJobName)).toEqual(['list-c', 'list-b']);
    expect(first.NextToken).toEqual(expect.any(String));
    expect(second.TranscriptionJobSummaries?.map((s) => s.TranscriptionJobName)).toEqual(['list-a']);
    expect(second.NextToken).toBeUndefined();
    expect(first.TranscriptionJobSummaries?.[0]).toMatchObject({ TranscriptionJobStatus: 'COMPLETED', CreationTime: expect.any(Date), CompletionTime: expect.any(Date), OutputLocationType: 'CUSTOMER_BUCKET' });
    expect(failed.TranscriptionJobSummaries?.every((s) => s.TranscriptionJobStatus === 'FAILED')).toBe(true);
    expect(failed.TranscriptionJobSummaries).toHaveLength(2);
  });
});
