import { randomUUID } from 'node:crypto';

/** An object write seen by local S3 (s3rver), with the key as stored (not encoded). */
export interface ObjectWrite {
  bucket: string;
  key: string;
  size: number;
  etag?: string;
  versionId?: string;
  /** `PutObject`, `PostObject`, `CopyObject` or `CompleteMultipartUpload`. */
  reason: string;
  sourceIp: string;
  time: Date;
}

/** The EventBridge form of an S3 `Object Created` event, as S3 sends it to the default bus. */
export interface S3ObjectCreatedEvent {
  version: '0';
  id: string;
  'detail-type': 'Object Created';
  source: 'aws.s3';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    version: '0';
    bucket: { name: string };
    object: { key: string; size: number; etag?: string; 'version-id'?: string; sequencer: string };
    'request-id': string;
    requester: string;
    'source-ip-address': string;
    reason: string;
  };
}

/**
 * Builds S3 `Object Created` events in their real EventBridge shape from what local S3 saw: region and
 * account of the stack, the bucket ARN, and a sequencer that grows with every event (s3rver's own events
 * are notification-shaped, with a fixed region, a made-up ARN and a clock-based sequencer).
 *
 * Unlike S3 event notifications (`Records[].s3.object.key`, form-urlencoded), S3 events on EventBridge
 * carry the object key as stored: `detail.object.key` is not encoded.
 *
 * @example
 * const toEvent = createS3EventFactory({ region, accountId });
 * router.put(toEvent({ bucket, key, size, etag, reason: 'PutObject', sourceIp: '127.0.0.1', time: new Date() }));
 */
export function createS3EventFactory(options: { region: string; accountId: string }): (write: ObjectWrite) => S3ObjectCreatedEvent {
  let sequence = BigInt(Date.now()) << 16n;
  return (write) => {
    sequence += 1n;
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: options.accountId,
      time: write.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: options.region,
      resources: [`arn:aws:s3:::${write.bucket}`],
      detail: {
        version: '0',
        bucket: { name: write.bucket },
        object: {
          key: write.key,
          size: write.size,
          ...(write.etag ? { etag: write.etag } : {}),
          ...(write.versionId ? { 'version-id': write.versionId } : {}),
          sequencer: sequence.toString(16).toUpperCase().padStart(18, '0'),
        },
        'request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
        requester: options.accountId,
        'source-ip-address': write.sourceIp,
        reason: write.reason,
      },
    };
  };
}
