import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { ImageTaggedInput } from '@notifier/schema';
import { mockClient } from 'aws-sdk-client-mock';
import { createImageTaggerHandler, type NotifyImageTagged } from '../src/app';
import { BatchProcessingError } from '@notifier/lambda-kit';
import { body, JPEG_HEAD, loadEvent, PNG_HEAD, serviceError } from './helpers';

const s3Mock = mockClient(S3Client);
const rekognitionMock = mockClient(RekognitionClient);
const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
const context = { getRemainingTimeInMillis: () => 30_000 };

function setup(notifyImpl?: NotifyImageTagged) {
  const sent: ImageTaggedInput[] = [];
  const logs: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
  const log = (level: string) => (message: string, extra?: unknown) => {
    logs.push({ level, message, extra: (extra ?? {}) as Record<string, unknown> });
  };
  const notify: NotifyImageTagged =
    notifyImpl ??
    (async (input) => {
      sent.push(input);
      return { outcome: 'delivered', notificationId: `n-${sent.length}` };
    });
  const handler = createImageTaggerHandler({
    config: { graphqlUrl: 'https://example.com/graphql', maxLabels: 10, minConfidence: 70 },
    s3: new S3Client({ region: 'eu-west-1' }),
    rekognition: new RekognitionClient({ region: 'eu-west-1' }),
    notify: async (input, options) => {
      if (notifyImpl) sent.push(input);
      return notify(input, options);
    },
    logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') } as never,
    sleep: async () => undefined,
  });
  return { handler, sent, logs };
}

beforeEach(() => {
  s3Mock.reset();
  rekognitionMock.reset();
  s3Mock.on(HeadObjectCommand).resolves({ ContentType: 'image/jpeg', ContentLength: 184662, ETag: '"4e68adba0abe2dc8653dc3354e14c01d"' });
  s3Mock.on(GetObjectCommand).resolves({ Body: body(JPEG_HEAD) });
  rekognitionMock.on(DetectLabelsCommand).resolves({ Labels: [{ Name: 'Cat', Confidence: 97.5 }] });
});

describe('Function: createImageTaggerHandler', () => {
  it('notifies the owner of a tagged image with its labels, keyed on the object and its ETag', async () => {
    // Prepare
    const { handler, sent, logs } = setup();
    const event = loadEvent('eventbridge/s3-object-created.json');

    // Act
    const result = await handler(event, context);

    // Assess
    const key = `private/${OWNER}/photos/IMG_m7fzo3.jpg`;
    expect(sent).toEqual([
      {
        idempotencyKey: `s3://notifier-media-dev/${key}#4e68adba0abe2dc8653dc3354e14c01d`,
        ownerId: OWNER,
        bucket: 'notifier-media-dev',
        key,
        status: 'TAGGED',
        labels: [{ name: 'Cat', confidence: 97.5 }],
        reason: null,
      },
    ]);
    expect(result.records).toEqual([{ id: '17793124-05d4-b198-2fde-7ededc63b103', status: 'TAGGED', notification: 'delivered', notificationId: 'n-1' }]);
    expect(logs).toContainEqual(
      expect.objectContaining({ message: 'notification delivered', extra: expect.objectContaining({ notificationId: 'n-1', triggerId: '17793124-05d4-b198-2fde-7ededc63b103' }) }),
    );
  });

  it('notifies SKIPPED with the reason for an object that is not an image', async () => {
    // Prepare
    s3Mock.on(HeadObjectCommand).resolves({ ContentType: 'application/pdf', ContentLength: 5000, ETag: '"x"' });
    const { handler, sent } = setup();

    // Act
    await handler(loadEvent('eventbridge/s3-object-created.json'), context);

    // Assess
    expect(sent).toEqual([expect.objectContaining({ status: 'SKIPPED', labels: [], reason: 'content type application/pdf is not JPEG or PNG', ownerId: OWNER })]);
  });

  it('keys the notification on the version id and uses an EventBridge key verbatim', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves({ Body: body(PNG_HEAD) });
    const { handler, sent } = setup();

    // Act
    await handler(loadEvent('eventbridge/s3-object-created-special-key.json'), context);

    // Assess
    const key = `private/${OWNER}/My holiday + friends été (1).png`;
    const version = 'uhggCJ2_B6gU2JaXWXebnXFDstO0ID6G';
    expect(sent[0]).toMatchObject({ key, ownerId: OWNER, idempotencyKey: `s3://notifier-media-dev/${key}#${version}` });
    expect(s3Mock.commandCalls(HeadObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'notifier-media-dev', Key: key, VersionId: version }]);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ Key: key, VersionId: version });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)[0]?.args[0].input.Image?.S3Object).toEqual({ Bucket: 'notifier-media-dev', Name: key, Version: version });
  });

  it('decodes the form-urlencoded keys of S3 notification records', async () => {
    // Prepare
    const { handler, sent } = setup();

    // Act
    await handler(loadEvent('s3/notification-put-two-records.json'), context);

    // Assess
    const keys = [`private/${OWNER}/My holiday + friends été (1).jpg`, `private/${OWNER}/second+photo.png`];
    expect(sent.map((s) => s.key)).toEqual(keys);
    expect(s3Mock.commandCalls(HeadObjectCommand).map((c) => c.args[0].input.Key)).toEqual(keys);
    expect(rekognitionMock.commandCalls(DetectLabelsCommand).map((c) => c.args[0].input.Image?.S3Object?.Name)).toEqual(keys);
  });

  it('ignores, with a log line, an object outside private/<identityId>/', async () => {
    // Prepare
    const { handler, sent, logs } = setup();

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created-public-key.json'), context);

    // Assess
    expect(sent).toEqual([]);
    expect(result.records).toEqual([{ id: '5d7a8c2e-31f0-4a5b-b2c1-0f9e8d7c6b5a', status: 'IGNORED' }]);
    expect(s3Mock.commandCalls(HeadObjectCommand)).toHaveLength(0);
    expect(logs.map((l) => l.message)).toContain('object ignored: not under private/<identityId>/');
  });

  it('reports a duplicate notification as a no-op success', async () => {
    // Prepare
    const { handler, sent } = setup(async () => ({ outcome: 'duplicate' }));

    // Act
    const result = await handler(loadEvent('eventbridge/s3-object-created.json'), context);

    // Assess
    expect(sent).toHaveLength(1);
    expect(result.records[0]).toEqual({ id: '17793124-05d4-b198-2fde-7ededc63b103', status: 'TAGGED', notification: 'duplicate' });
  });

  it('handles every record of a batch and then fails naming the records that failed', async () => {
    // Prepare
    const event = loadEvent<{ Records: Array<Record<string, unknown>> }>('s3/notification-put-two-records.json');
    event.Records.splice(1, 0, { eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: {} });
    const { handler, sent } = setup();

    // Act
    const result = handler(event, context);

    // Assess
    await expect(result).rejects.toThrow(BatchProcessingError);
    await expect(result).rejects.toThrow('1 of 3 record(s) failed: Records[1]: S3 notification record is invalid: s3.bucket: expected object, received undefined');
    expect(sent.map((s) => s.key)).toEqual([`private/${OWNER}/My holiday + friends été (1).jpg`, `private/${OWNER}/second+photo.png`]);
  });

  it('fails the record, after trying the others, when AppSync cannot be reached', async () => {
    // Prepare
    const event = loadEvent('s3/notification-put-two-records.json');
    let calls = 0;
    const { handler } = setup(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connect ECONNREFUSED');
      return { outcome: 'delivered', notificationId: 'n-2' };
    });

    // Act & Assess
    await expect(handler(event, context)).rejects.toThrow('1 of 2 record(s) failed: Records[0](0055AED6DCD90281E5): connect ECONNREFUSED');
    expect(calls).toBe(2);
  });

  it('names why a record failed in the error Lambda reports, not only in its cause', async () => {
    // Prepare
    s3Mock.on(HeadObjectCommand).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }),
    );
    const { handler, sent } = setup();

    // Act
    const result = handler(loadEvent('eventbridge/s3-object-created.json'), context);

    // Assess
    await expect(result).rejects.toThrow(BatchProcessingError);
    await expect(result).rejects.toThrow(
      `1 of 1 record(s) failed: 17793124-05d4-b198-2fde-7ededc63b103: s3://notifier-media-dev/private/${OWNER}/photos/IMG_m7fzo3.jpg: HeadObject failed: AccessDenied: Access Denied`,
    );
    expect(sent).toEqual([]);
  });

  it('throws, with a log line, for an event that is not an S3 event', async () => {
    // Prepare
    const { handler, logs } = setup();

    // Act & Assess
    const run = handler(loadEvent('s3/notification-put-two-records.json').Records, context);
    await expect(run).rejects.toThrow(/not an S3 event/);
    await expect(run).rejects.toMatchObject({ name: 'MalformedEventError' });
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', message: 'malformed event' }));
  });

  it('fails the record when throttling outlasts the function time', async () => {
    // Prepare
    rekognitionMock.on(DetectLabelsCommand).rejects(serviceError('ThrottlingException'));
    const { handler, sent } = setup();

    // Act & Assess
    await expect(handler(loadEvent('eventbridge/s3-object-created.json'), { getRemainingTimeInMillis: () => 1_500 })).rejects.toThrow(
      /1 of 1 record\(s\) failed: 17793124-05d4-b198-2fde-7ededc63b103: s3:\/\/notifier-media-dev\/.*: DetectLabels failed/,
    );
    expect(sent).toEqual([]);
  });
});
