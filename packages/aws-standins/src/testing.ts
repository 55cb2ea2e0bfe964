import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** Options of {@link startLocalS3}. */
export interface LocalS3Options {
  /** Buckets created at start. @default [] */
  buckets?: readonly string[];
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 lets the OS choose. @default 0 */
  port?: number;
}

/** A running s3rver. */
export interface LocalS3 {
  /** Endpoint for path-style S3 clients, e.g. `http://127.0.0.1:41233`. */
  readonly endpoint: string;
  /** Credentials s3rver accepts. */
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stops the server and deletes its temporary directory. */
  close(): Promise<void>;
}

/**
 * Starts s3rver (a local S3) on an OS-assigned port with its data in a fresh temporary directory: for tests and local
 * runs of the stand-ins. s3rver accepts only its own credentials (`S3RVER` / `S3RVER`) and checks no IAM.
 *
 * @example
 * const s3 = await startLocalS3({ buckets: ['media', 'transcripts'] });
 * const client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials, region: 'us-east-1' });
 */
export async function startLocalS3(options: LocalS3Options = {}): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'notifier-s3-'));
  const server = new S3rver({
    address: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
  });
  const { address, port } = await server.run();
  return {
    endpoint: `http://${address}:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    close: async () => {
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
