import { s3Uri } from '@notifier/lambda-kit';
import { parseManifest } from './announcement';
import { ManifestError } from './errors';
import type { Manifest } from './events';
import { loadS3Sdk, type S3ClientProvider, type S3Sdk } from './s3';

/** Largest manifest read: a manifest describes a load, it is not the load. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Reads and parses `s3://bucket/key` as a manifest, with the client `s3` gives (loaded on the first
 * manifest of the container; the SDK's `GetObjectCommand` comes from the same lazily loaded module).
 *
 * @throws {@link ManifestError} when the S3 client cannot be had, the object cannot be read, is too
 * large, or is not a valid manifest.
 * @example
 * ```ts
 * const { recordCount } = await readManifest(s3, 'data', 'sales/7/manifest.json', { abortSignal });
 * ```
 */
export async function readManifest(
  s3: S3ClientProvider,
  bucket: string,
  key: string,
  options: { abortSignal?: AbortSignal; maxBytes?: number } = {},
): Promise<Manifest> {
  const location = s3Uri(bucket, key);
  const maxBytes = options.maxBytes ?? MAX_MANIFEST_BYTES;
  let client: Awaited<ReturnType<S3ClientProvider>>;
  let GetObjectCommand: S3Sdk['GetObjectCommand'];
  try {
    [client, { GetObjectCommand }] = await Promise.all([s3(), loadS3Sdk()]);
  } catch (error) {
    throw new ManifestError(location, `cannot be read: no S3 client: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
      cause: error,
    });
  }
  let text: string;
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: options.abortSignal });
    if (object.ContentLength !== undefined && object.ContentLength > maxBytes) {
      throw new ManifestError(location, `is ${object.ContentLength} bytes, more than the ${maxBytes} accepted`);
    }
    if (!object.Body) throw new ManifestError(location, 'has no body');
    text = await object.Body.transformToString('utf-8');
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    throw new ManifestError(location, `cannot be read: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
  }
  if (Buffer.byteLength(text) > maxBytes) throw new ManifestError(location, `is more than the ${maxBytes} bytes accepted`);
  return parseManifest(text, location);
}
