import { S3Client } from '@aws-sdk/client-s3';
import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { config } from './config';

/** The function's logger (service = `POWERTOOLS_SERVICE_NAME`). */
export const logger = createLogger();

/** AppSync client, built once per container; retries bounded by each call's deadline. */
export const appSync = createAppSyncClient({ url: config.graphqlUrl, logger });

/**
 * S3 client that reads manifests. Endpoint from the SDK's `AWS_ENDPOINT_URL_S3` when set (local stack);
 * path-style addressing when `S3_FORCE_PATH_STYLE=true`.
 */
export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });
