/**
 * `@notifier/mutation-signer`: SigV4-signed GraphQL requests to AWS AppSync (AWS_IAM) from Lambda and
 * browsers, with typed results, retries bounded by a deadline, and typed errors.
 *
 * @example
 * ```ts
 * import { createAppSyncClient, deadlineFromContext } from '@notifier/mutation-signer';
 * import { NotifyDatasetRefreshedDocument } from '@notifier/schema';
 *
 * const client = createAppSyncClient({ url: process.env.GRAPHQL_URL! });
 * const { outcome } = await client.mutate(NotifyDatasetRefreshedDocument, { input }, {
 *   deadline: deadlineFromContext(context),
 * });
 * ```
 *
 * @packageDocumentation
 */
export { createAppSyncClient } from './client';
export { ClockSkew, isClockSkewError } from './clock-skew';
export type { ClockSkewOptions } from './clock-skew';
export { deadlineFromContext } from './deadline';
export {
  AppSyncGraphQLError,
  AppSyncHttpError,
  AppSyncNetworkError,
  AppSyncResponseParseError,
  AppSyncTimeoutError,
  CredentialsProviderError,
  DeadlineExceededError,
  MutationSignerError,
  SignerConfigError,
} from './errors';
export { THROTTLING_ERROR_TYPES, isRetryable } from './retry';
export { createAppSyncRequestSigner } from './request-signer';
export type { AppSyncRequestSigner, AppSyncRequestSignerOptions, AppSyncRequestToSign } from './request-signer';
export type {
  AppSyncClient,
  AppSyncClientOptions,
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  ChecksumConstructor,
  DeliveredResult,
  DuplicateResult,
  FetchFunction,
  FetchResponse,
  GraphQLErrorEntry,
  MutationResult,
  RemainingTimeContext,
  RequestOptions,
  RetryOptions,
  SignerLogger,
  SleepFunction,
  TypedDocumentLike,
} from './types';
