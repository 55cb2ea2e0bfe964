import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type * as S3SdkModule from './s3-sdk';

/** The parts of the SDK's S3 client this function uses: `S3Client` and `GetObjectCommand`. */
export type S3Sdk = typeof S3SdkModule;

/**
 * Gives the S3 client that reads manifests, creating it on the first call.
 *
 * @example
 * ```ts
 * const client = await s3(); // the same client on every call of this container
 * ```
 */
export type S3ClientProvider = () => Promise<Pick<S3Client, 'send'>>;

/**
 * Evaluates the SDK's S3 client code on first call. In the esbuild ESM bundle (no code splitting) a
 * dynamic `import()` becomes a module evaluated lazily inside the same file: the S3 client's code is
 * still in the bundle (Node still reads and compiles it at load) but is not run until a manifest is read.
 *
 * @example
 * ```ts
 * const { GetObjectCommand } = await loadS3Sdk();
 * ```
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  return import('./s3-sdk');
}

/** Options of {@link createS3ClientProvider}. */
export interface S3ClientProviderOptions {
  /**
   * Path-style addressing (`http://host/bucket/key`), as a local S3 needs. The endpoint is not an
   * option: the SDK reads its own `AWS_ENDPOINT_URL_S3` when the client is created.
   * @default `process.env.S3_FORCE_PATH_STYLE === 'true'`, read when the provider is created
   */
  forcePathStyle?: boolean;
  /**
   * Further client configuration (region, credentials), merged under `forcePathStyle`.
   * @default `{}`: region and credentials from the Lambda environment
   */
  config?: Omit<S3ClientConfig, 'forcePathStyle'>;
  /**
   * Loads the SDK's S3 module.
   * @default {@link loadS3Sdk}
   */
  load?: () => Promise<Pick<S3Sdk, 'S3Client'>>;
}

/**
 * Creates an {@link S3ClientProvider} that loads the SDK and builds the client on its first call and
 * gives that same client to every later call, so a container pays for S3 only once and only if it reads
 * a manifest. A failed load or construction is not kept: the call rejects, and the next call tries again.
 *
 * @example
 * ```ts
 * export const s3 = createS3ClientProvider();
 * const manifest = await readManifest(s3, 'data', 'sales/7/manifest.json');
 * ```
 */
export function createS3ClientProvider(options: S3ClientProviderOptions = {}): S3ClientProvider {
  const load = options.load ?? loadS3Sdk;
  const config = { ...options.config, forcePathStyle: options.forcePathStyle ?? process.env.S3_FORCE_PATH_STYLE === 'true' };
  let client: Promise<Pick<S3Client, 'send'>> | undefined;
  return () => {
    if (client) return client;
    const created = (async () => {
      const { S3Client } = await load();
      return new S3Client(config);
    })();
    client = created;
    // Forget a failure, so that one failed creation does not fail every later manifest of the container.
    created.catch(() => {
      if (client === created) client = undefined;
    });
    return created;
  };
}
