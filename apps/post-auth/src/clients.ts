import { createLogger, readGraphqlConfig } from '@notifier/lambda-kit';
import { createAppSyncClient, type AppSyncClient } from '@notifier/mutation-signer';

/** The function's logger (service = `POWERTOOLS_SERVICE_NAME`). */
export const logger = createLogger();

/**
 * AppSync client, built once per container. Attempts are short so that retries fit Cognito's budget:
 * 3 attempts of at most 1.2 s each, short backoff, all bounded by the deadline of each call.
 *
 * The configuration (`GRAPHQL_URL`, the region) is validated here, at init, but an invalid one does not
 * fail the init: Lambda would then fail every invocation, and Cognito every sign-in. It is logged at
 * ERROR now, and every call rejects with it, which the handler logs as a profile not stored.
 */
export const appSync: Pick<AppSyncClient, 'mutate'> = createClientOrRejecting();

function createClientOrRejecting(): Pick<AppSyncClient, 'mutate'> {
  try {
    const { graphqlUrl } = readGraphqlConfig();
    return createAppSyncClient({
      url: graphqlUrl,
      retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 400 },
      timeoutMs: 1200,
      logger,
    });
  } catch (error) {
    logger.error('invalid configuration: no profile is stored until it is fixed; sign-ins continue', { error });
    return { mutate: () => Promise.reject(error) };
  }
}
