import { readGraphqlConfig } from '@notifier/lambda-kit';

/** Validated once per cold start: a missing `GRAPHQL_URL` fails the init, visibly. */
export const config = readGraphqlConfig();
