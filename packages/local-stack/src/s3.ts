// s3rver ships no types: the ambient declarations travel with this module for every package that type-checks it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./s3rver.d.ts" />
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import type { ObjectWrite } from './s3-events';

/** Options of {@link startLocalS3}. */
export interface LocalS3Options {
  /** Folder for the objects. */
  directory: string;
  /** Buckets to create. */
  buckets: string[];
  /** Called for every object written (put, post, copy), with the key as stored. */
  onObjectCreated: (write: ObjectWrite) => void;
}

/** A running local S3 (s3rver). */
export interface LocalS3 {
  /** `http://127.0.0.1:<port>` (path-style). */
  endpoint: string;
  /** Lets credentials minted by the local stack call local S3 (s3rver knows only the keys it is given). */
  allowAccessKey(accessKeyId: string, secretAccessKey: string): void;
  stop(): Promise<void>;
}

// Local S3 serves the web page from another origin (its port is chosen at start), so CORS allows any origin.
const CORS_ANY_ORIGIN = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

const REASONS: Record<string, string> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:Copy': 'CopyObject',
};

interface S3rverRecord {
  eventName: string;
  eventTime: string;
  requestParameters?: { sourceIPAddress?: string };
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

/**
 * Starts s3rver on 127.0.0.1 with an OS-assigned port and the given buckets, reporting each object
 * written. s3rver checks only that an access key is known (not the signature), so local S3 does not
 * enforce IAM: the local AppSync does.
 *
 * @example
 * const s3 = await startLocalS3({ directory, buckets: ['uploads'], onObjectCreated: (w) => bus.put(toEvent(w)) });
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS_ANY_ORIGIN] })),
  });
  server.on('event', (event: { Records: S3rverRecord[] }) => {
    for (const record of event.Records) {
      const reason = REASONS[record.eventName];
      if (!reason) continue;
      options.onObjectCreated({
        bucket: record.s3.bucket.name,
        key: record.s3.object.key,
        size: record.s3.object.size ?? 0,
        ...(record.s3.object.eTag ? { etag: record.s3.object.eTag } : {}),
        reason,
        sourceIp: normalizeIp(record.requestParameters?.sourceIPAddress),
        time: new Date(record.eventTime),
      });
    }
  });
  const address = (await server.run()) as AddressInfo;
  const granted: string[] = [];
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    allowAccessKey(accessKeyId, secretAccessKey) {
      AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
      granted.push(accessKeyId);
    },
    async stop() {
      for (const key of granted.splice(0)) AWSAccount.DUMMY_ACCOUNT.revokeAccessKey(key);
      // Clients keep connections alive: close them so the server stops at once.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

function normalizeIp(ip: string | undefined): string {
  if (!ip) return '127.0.0.1';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
