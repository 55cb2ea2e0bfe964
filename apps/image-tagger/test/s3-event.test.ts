import { MalformedEventError } from '../src/errors';
import { parseS3Trigger } from '../src/s3-event';
import { loadEvent } from './helpers';

describe('Function: parseS3Trigger', () => {
  it('reads the object of an EventBridge Object Created event', () => {
    // Prepare
    const event = loadEvent('eventbridge/s3-object-created.json');

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records).toEqual([
      {
        id: '17793124-05d4-b198-2fde-7ededc63b103',
        ok: true,
        ref: {
          bucket: 'notifier-media-dev',
          key: 'private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/photos/IMG_m7fzo3.jpg',
          eventKey: 'private/eu-west-1%3A7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/photos/IMG_m7fzo3.jpg',
          versionId: undefined,
          etag: '4e68adba0abe2dc8653dc3354e14c01d',
          size: 184662,
        },
      },
    ]);
  });

  it('decodes spaces, plus signs and UTF-8 in EventBridge keys and keeps the version id', () => {
    // Prepare
    const event = loadEvent('eventbridge/s3-object-created-encoded-key.json');

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record).toMatchObject({
      ok: true,
      ref: {
        key: 'private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/My holiday + friends été (1).png',
        versionId: 'uhggCJ2_B6gU2JaXWXebnXFDstO0ID6G',
      },
    });
  });

  it('keeps no separate event key when decoding changes nothing', () => {
    // Prepare
    const event = loadEvent<{ detail: { object: { key: string } } }>('eventbridge/s3-object-created.json');
    event.detail.object.key = 'private/eu-west-1:abc/plain.jpg';

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record?.ok && record.ref).toMatchObject({ key: 'private/eu-west-1:abc/plain.jpg' });
    expect(record?.ok && 'eventKey' in record.ref).toBe(false);
  });

  it('reads every record of an S3 notification batch', () => {
    // Prepare
    const event = loadEvent('s3/notification-put-two-records.json');

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records.map((r) => (r.ok ? [r.id, r.ref.key, r.ref.versionId] : r.error.message))).toEqual([
      ['Records[0](0055AED6DCD90281E5)', 'private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/first photo.jpg', undefined],
      ['Records[1](0055AED6DCD90281E6)', 'private/eu-west-1:7d2f1c3a-5b6e-4f80-9a1b-2c3d4e5f6a7b/second+photo.png', '096fKKXTRTtl3on89fVO.nfljtsv6qko'],
    ]);
  });

  it('reports a malformed EventBridge event naming the missing field', () => {
    // Prepare
    const event = loadEvent('eventbridge/s3-object-created-malformed.json');

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record?.ok).toBe(false);
    expect(record?.ok === false && record.error.message).toMatch(/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0: EventBridge S3 Object Created event is invalid: detail\.object\.key: expected string, received undefined/);
  });

  it('reports a malformed record without hiding the valid one', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<Record<string, unknown>> }>('s3/notification-put-two-records.json');
    delete (event.Records[0]!.s3 as Record<string, unknown>).bucket;

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records[0]).toMatchObject({ ok: false, id: 'Records[0](0055AED6DCD90281E5)' });
    expect(records[0]?.ok === false && records[0].error.message).toMatch(/S3 notification record is invalid: s3\.bucket: expected object, received undefined/);
    expect(records[1]).toMatchObject({ ok: true });
  });

  it('reports a record that is not an ObjectCreated event', () => {
    // Prepare
    const event = loadEvent<{ Records: Array<Record<string, unknown>> }>('s3/notification-put-two-records.json');
    event.Records[1]!.eventName = 'ObjectRemoved:Delete';

    // Act
    const records = parseS3Trigger(event);

    // Assess
    expect(records[1]?.ok === false && records[1].error.message).toMatch(/ObjectRemoved:Delete is not an ObjectCreated event/);
  });

  it('reports a key that is not valid URL encoding', () => {
    // Prepare
    const event = loadEvent<{ detail: { object: { key: string } } }>('eventbridge/s3-object-created.json');
    event.detail.object.key = 'private/eu-west-1%3Aabc/bad%E0%A4%A.jpg';

    // Act
    const [record] = parseS3Trigger(event);

    // Assess
    expect(record).toMatchObject({ ok: false, error: { name: 'MalformedEventError', cause: { name: 'S3KeyDecodeError' } } });
  });

  it('throws for an event that is neither EventBridge nor an S3 notification', () => {
    // Act & Assess
    expect(() => parseS3Trigger({ hello: 'world' })).toThrow(/not an S3 event/);
    expect(() => parseS3Trigger(null)).toThrow(MalformedEventError);
  });
});
