import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, startTranscribeStandin, type TranscribeJobStateChangeEvent, type TranscribeStandin } from '@notifier/aws-standins';
import type { LocalLambda } from '@notifier/local-stack';
import path from 'node:path';
import { eventually, notificationFeed, startLocalFunctionStack, subscribeNotifications, type LocalFunctionStack, type NotificationSubscriber } from '@notifier/lambda-kit/testing';
import { loadEvent } from '../helpers';

const UPLOADS = 'notifier-uploads-local';
const TRANSCRIPTS = 'notifier-transcripts-local';
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(256)]);
const WAV = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(256)]);

let harness: LocalFunctionStack;
let transcribe: TranscribeStandin;
let start: LocalLambda;
let complete: LocalLambda;
let sweep: LocalLambda;
let uploader: S3Client;
const events: TranscribeJobStateChangeEvent[] = [];

async function put(key: string, body: Buffer | string) {
  return uploader.send(new PutObjectCommand({ Bucket: UPLOADS, Key: key, Body: body }));
}

/** Uploads media and returns the EventBridge `Object Created` event S3 would send for it. */
async function upload(key: string, body: Buffer) {
  const result = await put(key, body);
  const event = loadEvent<Record<string, unknown> & { detail: { bucket: { name: string }; object: Record<string, unknown> } }>('eventbridge/s3-object-created-video.json');
  event.id = `it-${key.length}-${Date.now()}`;
  event.region = harness.appsync.region;
  event.resources = [`arn:aws:s3:::${UPLOADS}`];
  event.detail.bucket.name = UPLOADS;
  event.detail.object = { key, size: body.length, etag: result.ETag?.replace(/"/g, ''), sequencer: '0064D3901D0005AAAA' };
  return event;
}

/** The state-change event the stand-in emitted for a job. */
function eventFor(jobName: string): TranscribeJobStateChangeEvent {
  const event = events.find((e) => e.detail.TranscriptionJobName === jobName);
  if (!event) throw new Error(`no state-change event for ${jobName}`);
  return event;
}

/** What a subscriber received, as kind, id and how it arrived. */
function summary(subscriber: NotificationSubscriber) {
  return subscriber.received.map(({ notification, source }) => ({ kind: notification.kind, id: notification.id, source }));
}

beforeAll(async () => {
  harness = await startLocalFunctionStack({ buckets: [UPLOADS, TRANSCRIPTS], appRoot: path.resolve(__dirname, '../..') });
  transcribe = await startTranscribeStandin({ s3: { endpoint: harness.s3.endpoint }, completionDelayMs: 20, region: harness.appsync.region, onEvent: (event) => void events.push(event) });
  const endpoints = { AWS_ENDPOINT_URL_TRANSCRIBE: transcribe.url };
  start = await harness.lambda('src/start.ts', 'video-transcriber-start', { ...endpoints, TRANSCRIPTS_BUCKET: TRANSCRIPTS });
  complete = await harness.lambda('src/complete.ts', 'video-transcriber-complete', { ...endpoints, GRAPHQL_URL: harness.appsync.graphqlUrl });
  sweep = await harness.lambda('src/sweep.ts', 'video-transcriber-sweep', { ...endpoints, GRAPHQL_URL: harness.appsync.graphqlUrl });
  uploader = createS3Client({ endpoint: harness.s3.endpoint, region: harness.appsync.region });
});

afterAll(async () => {
  uploader?.destroy();
  await transcribe?.close();
  await harness?.stop();
});

describe('Integration: video-transcriber bundles, Transcribe stand-in, local S3 and local AppSync', () => {
  it('transcribes an upload and notifies the owner, and only the owner; replayed events add nothing', async () => {
    // Prepare
    const owner = harness.user(1);
    const other = harness.user(2);
    const key = `private/${owner.identityId}/videos/team meeting.mp4`;
    const uploaded = await upload(key, MP4);
    await put(`${key}.txt`, 'Welcome to the team meeting. Today we look at the release.');
    const ownerLive = await subscribeNotifications(harness.appsync, owner.credentials, ['TRANSCRIPT_READY']);
    const otherLive = await subscribeNotifications(harness.appsync, other.credentials, ['TRANSCRIPT_READY']);

    // Act
    const started = (await start.invoke(uploaded)) as { records: Array<{ status: string; jobName: string }> };
    const restarted = (await start.invoke(structuredClone(uploaded))) as { records: Array<{ status: string }> };
    await transcribe.idle();
    const jobName = started.records[0]!.jobName;
    const notified = await complete.invoke(eventFor(jobName));
    const replayed = await complete.invoke(structuredClone(eventFor(jobName)));
    await eventually(() => ownerLive.received.length > 0, { what: "the owner's live notification" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    ownerLive.stop();
    otherLive.stop();
    const ownerFeed = await notificationFeed(harness.appsync, owner.credentials);
    const otherFeed = await notificationFeed(harness.appsync, other.credentials);

    // Assess
    expect(started.records[0]!.status).toBe('STARTED');
    expect(restarted.records[0]!.status).toBe('ALREADY_STARTED');
    expect(transcribe.jobs().filter((j) => j.TranscriptionJobName === jobName)).toHaveLength(1);
    expect(notified).toMatchObject({ jobName, status: 'NOTIFIED', notification: 'delivered' });
    expect(summary(ownerLive)).toEqual([{ kind: 'TRANSCRIPT_READY', id: (notified as { notificationId: string }).notificationId, source: 'live' }]);
    expect(otherLive.received).toEqual([]);
    // The first completion tagged the job notifier:notified: the replay stops after GetTranscriptionJob.
    expect(replayed).toMatchObject({ jobName, status: 'ALREADY_NOTIFIED' });
    expect(transcribe.jobs().find((j) => j.TranscriptionJobName === jobName)?.Tags).toEqual(
      expect.arrayContaining([expect.objectContaining({ Key: 'notifier:notified' })]),
    );
    expect(ownerFeed.filter((n) => n.kind === 'TRANSCRIPT_READY')).toEqual([
      expect.objectContaining({
        audience: 'PRIVATE',
        ownerId: owner.identityId,
        transcriptReady: {
          mediaKey: key,
          status: 'COMPLETED',
          reason: null,
          languageCode: 'en-US',
          excerpt: 'Welcome to the team meeting. Today we look at the release.',
          transcriptLocation: `s3://${UPLOADS}/private/${owner.identityId}/transcripts/${jobName}.json`,
        },
      }),
    ]);
    expect(otherFeed.filter((n) => n.kind === 'TRANSCRIPT_READY')).toEqual([]);
  });

  it("copies the full transcript under the owner's private prefix, where the owner reads it with their own credentials", async () => {
    // Prepare
    const owner = harness.user(5);
    const key = `private/${owner.identityId}/talks/keynote.mp4`;
    await put(`${key}.txt`, 'Thank you all for coming to the keynote.');
    const started = (await start.invoke(await upload(key, MP4))) as { records: Array<{ jobName: string }> };
    await transcribe.idle();
    const jobName = started.records[0]!.jobName;
    harness.s3.allowAccessKey(owner.credentials.accessKeyId, owner.credentials.secretAccessKey);
    const asOwner = new S3Client({ endpoint: harness.s3.endpoint, region: harness.appsync.region, forcePathStyle: true, credentials: owner.credentials });

    // Act: the completion event, then the sweep for the same job (it rewrites the same copy, notifies nothing new).
    const notified = await complete.invoke(eventFor(jobName));
    const swept = await sweep.invoke(loadEvent('eventbridge/scheduled-event.json'));
    const [notification] = (await notificationFeed(harness.appsync, owner.credentials)).map((n) => n.transcriptReady as { transcriptLocation: string });
    const copyKey = notification!.transcriptLocation.replace(`s3://${UPLOADS}/`, '');
    const copy = await asOwner.send(new GetObjectCommand({ Bucket: UPLOADS, Key: copyKey }));
    const original = await uploader.send(new GetObjectCommand({ Bucket: TRANSCRIPTS, Key: `transcripts/${jobName}.json` }));
    asOwner.destroy();

    // Assess
    expect(notified).toMatchObject({ status: 'NOTIFIED', notification: 'delivered' });
    expect(swept).toMatchObject({ delivered: 0 });
    expect(copyKey).toBe(`private/${owner.identityId}/transcripts/${jobName}.json`);
    const copied = await copy.Body!.transformToString();
    expect(copied).toBe(await original.Body!.transformToString());
    expect(copy.ContentType).toBe('application/json');
    expect(JSON.parse(copied)).toMatchObject({ jobName, results: { transcripts: [{ transcript: 'Thank you all for coming to the keynote.' }] } });
  });

  it('notifies a failed transcription with the reason', async () => {
    // Prepare
    const owner = harness.user(3);
    const uploaded = await upload(`private/${owner.identityId}/broken.mp4`, Buffer.from('this is not a video, whatever its name says'));

    // Act
    const started = (await start.invoke(uploaded)) as { records: Array<{ jobName: string }> };
    await transcribe.idle();
    await complete.invoke(eventFor(started.records[0]!.jobName));
    const feed = await notificationFeed(harness.appsync, owner.credentials);

    // Assess
    expect(feed.map((n) => n.transcriptReady)).toEqual([
      expect.objectContaining({ status: 'FAILED', excerpt: null, reason: expect.stringMatching(/^The media format provided does not match the detected media format/) }),
    ]);
  });

  it('sweeps up a job whose completion event was lost, and notifies nothing twice', async () => {
    // Prepare
    const owner = harness.user(4);
    const started = (await start.invoke(await upload(`private/${owner.identityId}/memo.wav`, WAV))) as { records: Array<{ jobName: string }> };
    await transcribe.idle();
    const before = await notificationFeed(harness.appsync, owner.credentials);

    // Act: the event is never delivered; the schedule runs the sweep twice.
    const first = await sweep.invoke(loadEvent('eventbridge/scheduled-event.json'));
    const second = await sweep.invoke(loadEvent('eventbridge/scheduled-event.json'));
    const after = await notificationFeed(harness.appsync, owner.credentials);

    // Assess
    expect(before).toEqual([]);
    expect(first).toMatchObject({ listingComplete: true, delivered: 1, deferred: 0 });
    expect(second).toMatchObject({ delivered: 0 });
    expect(after.map((n) => n.transcriptReady)).toEqual([
      expect.objectContaining({ mediaKey: `private/${owner.identityId}/memo.wav`, status: 'COMPLETED', excerpt: 'This is a transcript from the notifier Transcribe stand-in.' }),
    ]);
    expect(started.records[0]!.jobName).toMatch(/^notifier-memo\.wav-[0-9a-f]{20}$/);
  });
});
