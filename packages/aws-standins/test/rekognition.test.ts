import { DetectLabelsCommand, ImageTooLargeException, InvalidImageFormatException, InvalidParameterException, InvalidS3ObjectException, RekognitionClient } from '@aws-sdk/client-rekognition';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MAX_S3_IMAGE_BYTES, startRekognitionStandin, type RekognitionStandin } from '../src';
import { inspectImage, labelsFor } from '../src/image';
import { createS3Client } from '../src/s3';
import { startLocalS3, type LocalS3 } from '../src/testing';
import { encodePng, jpegHeader } from './images';

let s3: LocalS3;
let standin: RekognitionStandin;
let client: RekognitionClient;
let s3Client: S3Client;

const red = (): [number, number, number] => [220, 20, 30];
const put = (key: string, body: Buffer | string) => s3Client.send(new PutObjectCommand({ Bucket: 'media', Key: key, Body: body }));
const detect = (key: string, extra: Partial<{ MaxLabels: number; MinConfidence: number }> = {}) =>
  client.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'media', Name: key } }, ...extra }));

beforeAll(async () => {
  s3 = await startLocalS3({ buckets: ['media'] });
  standin = await startRekognitionStandin({ s3: { endpoint: s3.endpoint } });
  client = new RekognitionClient({ endpoint: standin.url, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
  s3Client = createS3Client({ endpoint: s3.endpoint, credentials: s3.credentials });
});

afterAll(async () => {
  client.destroy();
  s3Client.destroy();
  await standin.close();
  await s3.close();
});

describe('Function: startRekognitionStandin', () => {
  it('labels a PNG in S3 from its format, orientation, size class and dominant colour', async () => {
    // Prepare
    await put('private/x/red.png', encodePng(200, 100, red));

    // Act
    const result = await detect('private/x/red.png');

    // Assess
    expect(result.LabelModelVersion).toBe('3.0');
    expect(result.Labels?.map((l) => [l.Name, l.Confidence])).toEqual([
      ['Red', 100],
      ['PNG', 99.9],
      ['Landscape', 98],
      ['Thumbnail', 96],
    ]);
    expect(result.Labels?.[0]?.Parents).toEqual([{ Name: 'Color' }]);
  });

  it('applies MinConfidence and MaxLabels', async () => {
    // Prepare
    await put('private/x/red2.png', encodePng(200, 100, red));

    // Act
    const min = await detect('private/x/red2.png', { MinConfidence: 99 });
    const max = await detect('private/x/red2.png', { MaxLabels: 2 });

    // Assess
    expect(min.Labels?.map((l) => l.Name)).toEqual(['Red', 'PNG']);
    expect(max.Labels?.map((l) => l.Name)).toEqual(['Red', 'PNG']);
  });

  it('labels JPEG images from metadata only', async () => {
    // Prepare
    await put('private/x/photo.jpg', jpegHeader(1200, 1600));
    await put('private/x/gray.jpg', jpegHeader(300, 300, 1));

    // Act
    const photo = await detect('private/x/photo.jpg');
    const gray = await detect('private/x/gray.jpg');

    // Assess
    expect(photo.Labels?.map((l) => [l.Name, l.Confidence])).toEqual([
      ['JPEG', 99.9],
      ['Portrait', 98],
      ['Medium Image', 96],
      ['Photo', 80],
    ]);
    expect(gray.Labels?.map((l) => l.Name)).toEqual(['JPEG', 'Square', 'Thumbnail', 'Grayscale']);
  });

  it('labels inline image bytes', async () => {
    // Act
    const result = await client.send(new DetectLabelsCommand({ Image: { Bytes: encodePng(10, 10, () => [250, 250, 250]) } }));

    // Assess
    expect(result.Labels?.map((l) => l.Name)).toEqual(['White', 'PNG', 'Square', 'Thumbnail']);
  });

  it.each([
    ['not an image', 'private/x/notes.png', 'hello, I am text', InvalidImageFormatException],
    ['a truncated PNG', 'private/x/broken.png', encodePng(20, 20, red).subarray(0, 40), InvalidImageFormatException],
  ])('answers InvalidImageFormatException for %s', async (_name, key, body, type) => {
    // Prepare
    await put(key, body);

    // Act & Assess
    await expect(detect(key)).rejects.toBeInstanceOf(type);
  });

  it('answers InvalidS3ObjectException for a missing object or bucket', async () => {
    // Act & Assess
    await expect(detect('private/x/missing.png')).rejects.toBeInstanceOf(InvalidS3ObjectException);
    await expect(client.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'nope', Name: 'a.png' } } }))).rejects.toBeInstanceOf(InvalidS3ObjectException);
  });

  it('answers ImageTooLargeException above the S3 size limit (15 MiB unless configured)', async () => {
    // Prepare: a stand-in with a 1 KiB limit, so the test needs no 15 MiB upload.
    const small = await startRekognitionStandin({ s3: { endpoint: s3.endpoint }, maxS3ImageBytes: 1024 });
    const smallClient = new RekognitionClient({ endpoint: small.url, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } });
    await put('private/x/big.png', Buffer.concat([encodePng(10, 10, red), Buffer.alloc(2048)]));

    // Act
    const result = smallClient.send(new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'media', Name: 'private/x/big.png' } } }));

    // Assess
    await expect(result).rejects.toBeInstanceOf(ImageTooLargeException);
    await expect(detect('private/x/big.png')).resolves.toMatchObject({ Labels: expect.any(Array) });
    expect(MAX_S3_IMAGE_BYTES).toBe(15 * 1024 * 1024);
    smallClient.destroy();
    await small.close();
  });

  it('answers InvalidParameterException for bad parameters', async () => {
    // Act & Assess
    await expect(detect('private/x/red.png', { MaxLabels: -1 })).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(detect('private/x/red.png', { MinConfidence: 101 })).rejects.toThrow('MinConfidence must be a number between 0 and 100');
    await expect(client.send(new DetectLabelsCommand({ Image: {} }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('answers errors on the wire with __type, message, the status and x-amzn-ErrorType', async () => {
    // Act
    const response = await fetch(standin.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.DetectFaces' },
      body: '{}',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException', message: 'RekognitionService.DetectFaces is not supported by this stand-in' });
  });
});

describe('Function: labelsFor', () => {
  it('names every colour covering at least 10% of the visible pixels and ignores transparent ones', () => {
    // Prepare: left half blue, right quarter green, last quarter transparent red.
    const png = encodePng(
      40,
      40,
      (x) => (x < 20 ? [20, 40, 230, 255] : x < 30 ? [30, 200, 40, 255] : [220, 20, 30, 0]),
      6,
    );

    // Act
    const labels = labelsFor(inspectImage(png)).map((l) => [l.Name, l.Confidence]);

    // Assess
    expect(labels).toEqual([
      ['PNG', 99.9],
      ['Square', 98],
      ['Thumbnail', 96],
      ['Transparent', 95],
      ['Blue', 83.333],
      ['Green', 66.667],
    ]);
  });

  it('decodes palette PNGs', () => {
    // Prepare
    const png = encodePng(30, 10, (x) => (x < 15 ? [255, 215, 0] : [0, 0, 0]), 3);

    // Act
    const facts = inspectImage(png);

    // Assess
    expect(Object.fromEntries(facts.colours)).toEqual({ Yellow: 0.5, Black: 0.5 });
  });
});
