import { DetectLabelsCommand, RekognitionClient, RekognitionServiceException } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { TaggingFailedError } from '../src/errors';
import { contentTypeRejection, MAX_IMAGE_BYTES, sniffImageFormat, tagImage, type TagImageDeps } from '../src/tagger';
import { body, JPEG_HEAD, PNG_HEAD, serviceError } from './helpers';

const s3Mock = mockClient(S3Client);
const rekognitionMock = mockClient(RekognitionClient);

// What the SDK throws for S3's 403 AccessDenied error response.
const accessDenied = () =>
  new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403, requestId: 'R1' }, message: 'Access Denied' });

const ref = { bucket: 'media', key: 'private/eu-west-1:abc/cat.jpg', etag: 'etag-1', size: 1000 };

function deps(overrides: Partial<TagImageDeps> = {}): TagImageDeps {
  let clock = 1_000_000;
  return {
    s3: new S3Client({ region: 'eu-west-1' }),
    rekognition: new RekognitionClient({ region: 'eu-west-1' }),
    maxLabels: 10,
    minConfidence: 70,
    deadline: clock + 30_000,
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    ...overrides,
  };
}

beforeEach(() => {
  s3Mock.reset();
  rekognitionMock.reset();
  s3Mock.on(HeadObjectCommand).resolves({ ContentType: 'image/jpeg', ContentLength: 1000, ETag: '"etag-1"' });
  s3Mock.on(GetObjectCommand).resolves({ Body: body(JPEG_HEAD) });
  rekognitionMock.on(DetectLabelsCommand).resolves({
    Labels: [
      { Name: 'Cat', Confidence: 98.123456 },
      { Name: 'Animal', Confidence: 99.5 },
    ],
  });
});

describe('Function: sniffImageFormat', () => {
  it('recognises JPEG and PNG and nothing else', () => {
    // Act & Assess
    expect(sniffImageFormat(JPEG_HEAD)).toBe('jpeg');
    expect(sniffImageFormat(PNG_HEAD)).toBe('png');
    expect(sniffImageFormat(new TextEncoder().encode('GIF89a........'))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
  });
});

describe('Function: contentTypeRejection', () => {
  it('lets image and generic types through and names any other type', () => {
    // Act & Assess
    expect(contentTypeRejection('image/jpeg')).toBeUndefined();
    expect(contentTypeRejection('image/PNG; charset=binary')).toBeUndefined();
    expect(contentTypeRejection('application/octet-stream')).toBeUndefined();
    expect(contentTypeRejection(undefined)).toBeUndefined();
    expect(contentTypeRejection('image/gif')).toBe('content type image/gif is not JPEG or PNG');
  });
});

describe('Function: tagImage', () => {
  it('checks the object, then labels it with DetectLabels on the S3 object', async () => {
    // Act
    const outcome = await tagImage(ref, deps());

    // Assess
    expect(outcome).toEqual({
      status: 'TAGGED',
      format: 'jpeg',
      objectVersion: 'etag-1',
      labels: [
        { name: 'Animal', confidence: 99.5 },
        { name: 'Cat', confidence: 98.12 },
      ],
    });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'media', Key: ref.key, Range: 'bytes=0-15', VersionId: undefined });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)[0]?.args[0].input).toEqual({
      Image: { S3Object: { Bucket: 'media', Name: ref.key, Version: undefined } },
      MaxLabels: 10,
      MinConfidence: 70,
    });
  });

  it('passes the version id to S3 and Rekognition and uses it as the object version', async () => {
    // Act
    const outcome = await tagImage({ ...ref, versionId: 'v-7' }, deps({ maxLabels: 3, minConfidence: 90 }));

    // Assess
    expect(outcome.objectVersion).toBe('v-7');
    expect(s3Mock.commandCalls(HeadObjectCommand)[0]?.args[0].input.VersionId).toBe('v-7');
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)[0]?.args[0].input).toMatchObject({
      Image: { S3Object: { Version: 'v-7' } },
      MaxLabels: 3,
      MinConfidence: 90,
    });
  });

  it('takes the ETag from HeadObject when the event carries neither version nor ETag', async () => {
    // Act
    const outcome = await tagImage({ bucket: 'media', key: ref.key }, deps());

    // Assess
    expect(outcome.objectVersion).toBe('etag-1');
  });

  it.each([
    ['a declared non-image type', { ContentType: 'video/mp4', ContentLength: 1000 }, 'content type video/mp4 is not JPEG or PNG'],
    ['an empty object', { ContentType: 'image/png', ContentLength: 0 }, 'the object is empty'],
    ['an object over 15 MB', { ContentType: 'image/png', ContentLength: MAX_IMAGE_BYTES + 1 }, `the object is ${MAX_IMAGE_BYTES + 1} bytes, more than the ${MAX_IMAGE_BYTES} bytes Rekognition accepts`],
  ])('skips %s without reading it or calling Rekognition', async (_name, head, reason) => {
    // Prepare
    s3Mock.on(HeadObjectCommand).resolves(head);

    // Act
    const outcome = await tagImage(ref, deps());

    // Assess
    expect(outcome).toEqual({ status: 'SKIPPED', reason, objectVersion: 'etag-1' });
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)).toHaveLength(0);
  });

  it('skips an object whose bytes are not JPEG or PNG even when it claims to be one', async () => {
    // Prepare
    s3Mock.on(GetObjectCommand).resolves({ Body: body(new TextEncoder().encode('<html>not an image')) });

    // Act
    const outcome = await tagImage(ref, deps());

    // Assess
    expect(outcome).toEqual({ status: 'SKIPPED', reason: 'the object is not a JPEG or PNG image (magic bytes)', objectVersion: 'etag-1' });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)).toHaveLength(0);
  });

  it.each(['InvalidImageFormatException', 'ImageTooLargeException', 'InvalidParameterException'])(
    'skips the image when Rekognition answers %s',
    async (name) => {
      // Prepare
      rekognitionMock.on(DetectLabelsCommand).rejects(serviceError(name, 400, 'Request has invalid image format'));

      // Act
      const outcome = await tagImage(ref, deps());

      // Assess
      expect(outcome.status).toBe('SKIPPED');
      expect(outcome.status === 'SKIPPED' && outcome.reason).toContain(`(${name}: Request has invalid image format)`);
    },
  );

  it('skips an object deleted before it could be checked', async () => {
    // Prepare
    s3Mock.on(HeadObjectCommand).rejects(serviceError('NotFound', 404));

    // Act
    const outcome = await tagImage(ref, deps());

    // Assess
    expect(outcome).toEqual({ status: 'SKIPPED', reason: 'the object no longer exists', objectVersion: 'etag-1' });
  });

  it('passes the key exactly as given to HeadObject, GetObject and DetectLabels', async () => {
    // Prepare
    const key = 'private/eu-west-1:abc/a b+c 100%.png';

    // Act
    const outcome = await tagImage({ ...ref, key, versionId: 'v1' }, deps());

    // Assess
    expect(outcome).toMatchObject({ status: 'TAGGED', objectVersion: 'v1' });
    expect(s3Mock.commandCalls(HeadObjectCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'media', Key: key, VersionId: 'v1' }]);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toMatchObject({ Bucket: 'media', Key: key, VersionId: 'v1' });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)[0]?.args[0].input.Image?.S3Object).toEqual({ Bucket: 'media', Name: key, Version: 'v1' });
  });

  it.each(['ThrottlingException', 'ProvisionedThroughputExceededException'])('retries %s with backoff until DetectLabels succeeds', async (name) => {
    // Prepare
    const waits: number[] = [];
    const d = deps();
    const sleep = d.sleep!;
    rekognitionMock
      .on(DetectLabelsCommand)
      .rejectsOnce(serviceError(name))
      .rejectsOnce(serviceError(name))
      .resolves({ Labels: [{ Name: 'Cat', Confidence: 90 }] });

    // Act
    const outcome = await tagImage(ref, { ...d, sleep: async (ms) => { waits.push(ms); await sleep(ms); } });

    // Assess
    expect(outcome).toMatchObject({ status: 'TAGGED', labels: [{ name: 'Cat', confidence: 90 }] });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand)).toHaveLength(3);
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]! / 2);
  });

  it('gives up on throttling once the deadline is near and throws for a later retry', async () => {
    // Prepare
    rekognitionMock.on(DetectLabelsCommand).rejects(serviceError('ThrottlingException'));
    const d = deps();
    const deadline = d.now!() + 2_000;

    // Act
    const result = tagImage(ref, { ...d, deadline });

    // Assess
    await expect(result).rejects.toThrow(TaggingFailedError);
    await expect(tagImage(ref, { ...deps(), deadline: 1_000_000 + 2_000 })).rejects.toMatchObject({ cause: { name: 'ThrottlingException' } });
    expect(rekognitionMock.commandCalls(DetectLabelsCommand).length).toBeGreaterThan(2);
  });

  it('throws on errors a retry may fix instead of skipping', async () => {
    // Prepare
    rekognitionMock.on(DetectLabelsCommand).rejects(serviceError('AccessDeniedException', 403));
    s3Mock.on(HeadObjectCommand, { Key: 'private/eu-west-1:abc/denied.jpg' }).rejects(serviceError('Forbidden', 403));

    // Act & Assess
    await expect(tagImage(ref, deps())).rejects.toThrow('s3://media/private/eu-west-1:abc/cat.jpg: DetectLabels failed');
    await expect(tagImage({ ...ref, key: 'private/eu-west-1:abc/denied.jpg' }, deps())).rejects.toThrow(/HeadObject failed/);
  });

  it.each([
    ['HeadObject', () => s3Mock.on(HeadObjectCommand).rejects(accessDenied())],
    ['ranged GetObject', () => s3Mock.on(GetObjectCommand).rejects(accessDenied())],
    [
      'DetectLabels',
      () =>
        rekognitionMock.on(DetectLabelsCommand).rejects(
          new RekognitionServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'User is not authorized' }),
        ),
    ],
  ])('says in its message why %s failed, not only in its cause', async (operation, fail) => {
    // Prepare
    fail();

    // Act
    const result = tagImage(ref, deps());

    // Assess
    await expect(result).rejects.toThrow(TaggingFailedError);
    await expect(result).rejects.toThrow(
      `s3://media/private/eu-west-1:abc/cat.jpg: ${operation} failed: ${operation === 'DetectLabels' ? 'AccessDeniedException: User is not authorized' : 'AccessDenied: Access Denied'}`,
    );
  });
});
