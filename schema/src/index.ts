// @notifier/schema: the typed operations of the notifier AppSync API (GraphQL Code Generator output,
// `documentMode: 'string'`) and the constants shared with resolvers and infra. Browser- and
// Lambda-safe: no Node imports here (file locations are in `@notifier/schema/paths`).
//
// @example
// import { NotifyImageTaggedDocument, type ImageTaggedInput } from '@notifier/schema';
// const r = await client.mutate(NotifyImageTaggedDocument, { input });

export {
  TypedDocumentString,
  NotificationFieldsFragmentDoc,
  UserProfileFieldsFragmentDoc,
  AddUserDocument,
  UpdateUserDocument,
  NotifyImageTaggedDocument,
  NotifyTranscriptReadyDocument,
  NotifyDatasetRefreshedDocument,
  NotifyModelReadyDocument,
  MeDocument,
  NotificationsDocument,
  OnNotificationDocument,
  OnImageTaggedDocument,
  OnTranscriptReadyDocument,
  OnDatasetRefreshedDocument,
  OnModelReadyDocument,
  UserUpdatesDocument,
} from './generated/graphql';

export type {
  NotificationFieldsFragment,
  UserProfileFieldsFragment,
  AddUserMutation,
  AddUserMutationVariables,
  UpdateUserMutation,
  UpdateUserMutationVariables,
  NotifyImageTaggedMutation,
  NotifyImageTaggedMutationVariables,
  NotifyTranscriptReadyMutation,
  NotifyTranscriptReadyMutationVariables,
  NotifyDatasetRefreshedMutation,
  NotifyDatasetRefreshedMutationVariables,
  NotifyModelReadyMutation,
  NotifyModelReadyMutationVariables,
  MeQuery,
  MeQueryVariables,
  NotificationsQuery,
  NotificationsQueryVariables,
  OnNotificationSubscription,
  OnNotificationSubscriptionVariables,
  OnImageTaggedSubscription,
  OnImageTaggedSubscriptionVariables,
  OnTranscriptReadySubscription,
  OnTranscriptReadySubscriptionVariables,
  OnDatasetRefreshedSubscription,
  OnDatasetRefreshedSubscriptionVariables,
  OnModelReadySubscription,
  OnModelReadySubscriptionVariables,
  UserUpdatesSubscription,
  UserUpdatesSubscriptionVariables,
} from './generated/graphql';

export type {
  Maybe,
  InputMaybe,
  Scalars,
  AddUserInput,
  UpdateUserInput,
  User,
  UserProfile,
  Audience,
  NotificationKind,
  Notification,
  NotificationPage,
  ImageTagStatus,
  TranscriptStatus,
  Label,
  LabelInput,
  Metric,
  MetricInput,
  ImageTaggedInput,
  ImageTaggedPayload,
  TranscriptReadyInput,
  TranscriptReadyPayload,
  DatasetRefreshedInput,
  DatasetRefreshedPayload,
  ModelReadyInput,
  ModelReadyPayload,
  Query,
  QueryNotificationsArgs,
  Mutation,
  MutationAddUserArgs,
  MutationUpdateUserArgs,
  MutationNotifyImageTaggedArgs,
  MutationNotifyTranscriptReadyArgs,
  MutationNotifyDatasetRefreshedArgs,
  MutationNotifyModelReadyArgs,
  Subscription,
  SubscriptionUserUpdatesArgs,
} from './generated/schema-types';

export {
  NOTIFICATION_RETENTION_DAYS,
  NOTIFICATION_RETENTION_SECONDS,
  NOTIFICATIONS_DEFAULT_LIMIT,
  NOTIFICATIONS_MAX_LIMIT,
  BROADCAST_FEED,
  ownerFeed,
  DUPLICATE_NOTIFICATION,
  VALIDATION_ERROR,
} from './constants';

export { SchemaError, ResolversManifestError } from './errors';

export type { DataSourceName, PipelineFunctionEntry, ResolverManifestEntry, ResolverManifest } from './manifest';
