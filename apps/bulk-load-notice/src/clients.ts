import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { config } from './config';
import { createS3ClientProvider } from './s3';

/** The function's logger (service = `POWERTOOLS_SERVICE_NAME`). */
export const logger = createLogger();

/** AppSync client, built once per container; retries bounded by each call's deadline. */
export const appSync = createAppSyncClient({ url: config.graphqlUrl, logger });

/**
 * S3 client that reads manifests, created on the first manifest of the container and reused: the
 * `_SUCCESS` marker and the `Bulk Load Completed` event never load the SDK's S3 client, the largest part
 * of the bundle. Endpoint from the SDK's `AWS_ENDPOINT_URL_S3` when set (local stack); path-style
 * addressing when `S3_FORCE_PATH_STYLE=true`.
 */
export const s3 = createS3ClientProvider();
