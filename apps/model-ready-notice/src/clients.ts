import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { config } from './config';

/** The function's logger (service = `POWERTOOLS_SERVICE_NAME`). */
export const logger = createLogger();

/** AppSync client, built once per container; retries bounded by each call's deadline. */
export const appSync = createAppSyncClient({ url: config.graphqlUrl, logger });
