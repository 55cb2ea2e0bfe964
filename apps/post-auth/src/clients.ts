import { createLogger } from '@notifier/lambda-kit';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { config } from './config';

/** The function's logger (service = `POWERTOOLS_SERVICE_NAME`). */
export const logger = createLogger();

/**
 * AppSync client, built once per container. Attempts are short so that retries fit Cognito's budget:
 * 3 attempts of at most 1.2 s each, short backoff, all bounded by the deadline of each call.
 */
export const appSync = createAppSyncClient({
  url: config.graphqlUrl,
  retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 400 },
  timeoutMs: 1200,
  logger,
});
