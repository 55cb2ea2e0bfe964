import { parseS3Trigger, S3KeyDecodeError, ValidationError } from '../src';
import { loadEvent } from './helpers';

const OWNER = 'eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b';
// A key with a space, a `+`, a `:` and a `%`: the characters the two event shapes write differently.
const SPECIAL_KEY = `private/${OWNER}/My holiday + friends 100%.png`;

describe('Function: parseS3Trigger', () => {
  it('uses the key of an EventBridge Object Created event verbatim', () => {
    // Prepare
    const event = loadEvent('eventbridge/s3-object-created-special-key.json');

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records).toEqual([
      {
        id: 'c9888434-815d-c6f4-9fc2-4dd7bdeccaaf',
        ok: true,
        ref: {
          bucket: 'notifier-media-dev',
          key: SPECIAL_KEY,
          versionId: 'uhggCJ2_B6gU2JaXWXebnXFDstO0ID6G',
          etag: '4af981f98d22a0b9979da24b259e5e42-2',
          size: 198524,
        },
      },
    ]);
  });

  it('keeps what looks like an escape in an EventBridge key as it is', () => {
    // Prepare
    const event = loadEvent<{ detail: { object: { key: string } } }>('eventbridge/s3-object-created-special-key.json');
    event.detail.object.key = 'private/eu-west-1%3Aabc/a+b%2B%E0%A4%A.png';

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record).toMatchObject({ ok: true, ref: { key: 'private/eu-west-1%3Aabc/a+b%2B%E0%A4%A.png' } });
  });

  it('decodes the form-urlencoded keys of every S3 notification record', () => {
    // Prepare
    const event = loadEvent('s3/notification-put-two-records.json');

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records).toEqual([
      {
        id: 'Records[0](0055AED6DCD90281E5)',
        ok: true,
        ref: { bucket: 'notifier-media-dev', key: SPECIAL_KEY, versionId: undefined, etag: 'd41d8cd98f00b204e9800998ecf8427e', size: 1024 },
      },
      {
        id: 'Records[1](0055AED6DCD90281E6)',
        ok: true,
        ref: {
          bucket: 'notifier-media-dev',
          key: `private/${OWNER}/second+photo.png`,
          versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
          etag: '0cc175b9c0f1b6a831c399e269772661',
          size: 2048,
        },
      },
    ]);
  });

  it('reports a notification key with a broken escape as a failed record', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<{ s3: { object: { key: string } } }> }>('s3/notification-put-two-records.json');
    event.Records[0]!.s3.object.key = 'private/bad%E0%A4%A.jpg';

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records[0]).toMatchObject({ ok: false, id: 'Records[0](0055AED6DCD90281E5)' });
    expect(records[0]?.ok === false && records[0].error).toBeInstanceOf(S3KeyDecodeError);
    expect(records[1]).toMatchObject({ ok: true });
  });

  it('reports a malformed record without hiding the valid one', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<{ s3: Record<string, unknown> }> }>('s3/notification-put-two-records.json');
    delete event.Records[0]!.s3.bucket;

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records[0]?.ok === false && records[0].error.message).toBe(
      'S3 notification record is invalid: s3.bucket: expected object, received undefined',
    );
    expect(records[1]).toMatchObject({ ok: true });
  });

  it('reports a record that is not an ObjectCreated event', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<Record<string, unknown>> }>('s3/notification-put-two-records.json');
    event.Records[1]!.eventName = 'ObjectRemoved:Delete';

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records[1]?.ok === false && records[1].error.message).toBe(
      'S3 notification record is invalid: eventName: expected ObjectCreated:*, received "ObjectRemoved:Delete"',
    );
  });

  it('names a record without a sequencer by its position', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<{ s3: { object: Record<string, unknown> } }> }>('s3/notification-put-two-records.json');
    delete event.Records[1]!.s3.object.sequencer;

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records.map((r) => r.id)).toEqual(['Records[0](0055AED6DCD90281E5)', 'Records[1]']);
  });

  it('reports a malformed EventBridge event naming the missing field', () => {
    // Prepare
    const event = loadEvent<{ detail: { object: Record<string, unknown> } }>('eventbridge/s3-object-created-special-key.json');
    delete event.detail.object.key;

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record?.ok === false && record.error).toBeInstanceOf(ValidationError);
    expect(record?.ok === false && record.error.message).toBe(
      'EventBridge S3 Object Created event is invalid: detail.object.key: expected string, received undefined',
    );
  });

  it('throws for an event that is neither EventBridge nor an S3 notification', () => {
    // Act & Assess
    expect(() => parseS3Trigger({ hello: 'world' })).toThrow(/not an S3 event/);
    expect(() => parseS3Trigger(null)).toThrow(ValidationError);
    expect(() => parseS3Trigger({ Records: 'nope' })).toThrow('S3 notification is invalid: Records: expected array, received string');
  });
});
