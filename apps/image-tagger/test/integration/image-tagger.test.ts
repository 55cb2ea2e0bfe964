import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createS3Client, startRekognitionStandin, type RekognitionStandin } from '@notifier/aws-standins';
import { encodePng } from '@notifier/aws-standins/testing';
import type { LocalLambda } from '@notifier/local-stack';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyTranscriptReadyDocument } from '@notifier/schema';
import path from 'node:path';
import { eventually, notificationFeed, startLocalFunctionStack, subscribeNotifications, type LocalFunctionStack, type NotificationSubscriber } from '@notifier/lambda-kit/testing';
import { loadEvent } from '../helpers';

const BUCKET = 'notifier-uploads-local';
let harness: LocalFunctionStack;
let rekognition: RekognitionStandin;
let fn: LocalLambda;
let uploader: S3Client;

/** Uploads an object and returns the EventBridge `Object Created` event S3 would send for it. */
async function upload(key: string, body: Buffer | string, contentType: string) {
  const put = await uploader.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: contentType }));
  const event = loadEvent<Record<string, unknown> & { detail: { bucket: { name: string }; object: Record<string, unknown> } }>('eventbridge/s3-object-created.json');
  event.id = `it-${key.length}-${Date.now()}`;
  event.region = harness.appsync.region;
  event.resources = [`arn:aws:s3:::${BUCKET}`];
  event.detail.bucket.name = BUCKET;
  event.detail.object = { key, size: Buffer.byteLength(body), etag: put.ETag?.replace(/"/g, ''), sequencer: '0064D3901D00059999' };
  return event;
}

/** What a subscriber received, as kind, id and how it arrived. */
function summary(subscriber: NotificationSubscriber) {
  return subscriber.received.map(({ notification, source }) => ({ kind: notification.kind, id: notification.id, source }));
}

beforeAll(async () => {
  harness = await startLocalFunctionStack({ buckets: [BUCKET], appRoot: path.resolve(__dirname, '../..') });
  rekognition = await startRekognitionStandin({ s3: { endpoint: harness.s3.endpoint } });
  fn = await harness.lambda('src/handler.ts', 'image-tagger', {
    GRAPHQL_URL: harness.appsync.graphqlUrl,
    AWS_ENDPOINT_URL_REKOGNITION: rekognition.url,
    MAX_LABELS: '10',
    MIN_CONFIDENCE: '70',
  });
  uploader = createS3Client({ endpoint: harness.s3.endpoint, region: harness.appsync.region });
});

afterAll(async () => {
  uploader?.destroy();
  await rekognition?.close();
  await harness?.stop();
});

describe('Integration: image-tagger bundle, Rekognition stand-in, local S3 and local AppSync', () => {
  it('notifies the owner, and only the owner, of a tagged image; a replayed event adds nothing', async () => {
    // Prepare
    const owner = harness.user(1);
    const other = harness.user(2);
    const key = `private/${owner.identityId}/photos/red cat+1.png`;
    const event = await upload(key, encodePng(320, 200, () => [220, 20, 30]), 'image/png');
    const ownerLive = await subscribeNotifications(harness.appsync, owner.credentials, ['IMAGE_TAGGED']);
    const otherLive = await subscribeNotifications(harness.appsync, other.credentials, ['IMAGE_TAGGED']);

    // Act
    const first = await fn.invoke(event);
    const replay = await fn.invoke(structuredClone(event));
    await eventually(() => ownerLive.received.length > 0, { what: "the owner's live notification" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    ownerLive.stop();
    otherLive.stop();
    const ownerFeed = await notificationFeed(harness.appsync, owner.credentials);
    const otherFeed = await notificationFeed(harness.appsync, other.credentials);

    // Assess
    expect(summary(ownerLive)).toEqual([{ kind: 'IMAGE_TAGGED', id: (first as { records: Array<{ notificationId: string }> }).records[0]!.notificationId, source: 'live' }]);
    expect(otherLive.received).toEqual([]);
    expect(first).toMatchObject({ records: [{ status: 'TAGGED', notification: 'delivered', notificationId: expect.any(String) }] });
    expect(replay).toMatchObject({ records: [{ status: 'TAGGED', notification: 'duplicate' }] });
    const tagged = ownerFeed.filter((n) => n.kind === 'IMAGE_TAGGED');
    expect(tagged).toHaveLength(1);
    expect(tagged[0]).toMatchObject({
      audience: 'PRIVATE',
      ownerId: owner.identityId,
      imageTagged: {
        bucket: BUCKET,
        key,
        status: 'TAGGED',
        reason: null,
        labels: [
          { name: 'Red', confidence: 100 },
          { name: 'PNG', confidence: 99.9 },
          { name: 'Landscape', confidence: 98 },
          { name: 'Thumbnail', confidence: 96 },
        ],
      },
    });
    expect(otherFeed.filter((n) => n.kind === 'IMAGE_TAGGED')).toEqual([]);
  });

  it('notifies SKIPPED with the reason for an upload that is not an image', async () => {
    // Prepare
    const owner = harness.user(3);
    const event = await upload(`private/${owner.identityId}/notes.png`, 'not an image at all', 'image/png');

    // Act
    await fn.invoke(event);
    const feed = await notificationFeed(harness.appsync, owner.credentials);

    // Assess
    expect(feed.filter((n) => n.kind === 'IMAGE_TAGGED').map((n) => n.imageTagged)).toEqual([
      expect.objectContaining({ status: 'SKIPPED', labels: [], reason: 'the object is not a JPEG or PNG image (magic bytes)' }),
    ]);
  });

  it('runs with credentials that may call notifyImageTagged and nothing else', async () => {
    // Prepare
    const credentials = harness.appsync.mintForRole('image-tagger');
    const client = createAppSyncClient({ url: harness.appsync.graphqlUrl, region: harness.appsync.region, credentials, retry: { maxAttempts: 1 } });
    const input = { idempotencyKey: 'forged', ownerId: harness.user(1).identityId, mediaKey: 'x.mp4', status: 'COMPLETED' as const };

    // Act & Assess
    await expect(client.mutate(NotifyTranscriptReadyDocument, { input })).rejects.toThrow(/Unauthorized|not authorized/i);
  });
});
