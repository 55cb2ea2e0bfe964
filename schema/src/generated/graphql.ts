/* eslint-disable */
// Generated from schema.graphql and operations/*.graphql by scripts/generate.ts: do not edit.
// Regenerate with `pnpm --filter @notifier/schema build`.
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from './schema-types';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type NotificationFieldsFragment = { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null };

export type UserProfileFieldsFragment = { id: string, displayName: string | null, picture: string | null, locale: string | null, updatedAt: string };

export type AddUserMutationVariables = Exact<{
  userId: string;
  userDetails: Types.AddUserInput;
}>;


export type AddUserMutation = { addUser: { id: string, displayName: string | null, picture: string | null, locale: string | null, updatedAt: string } | null };

export type UpdateUserMutationVariables = Exact<{
  userDetails: Types.UpdateUserInput;
}>;


export type UpdateUserMutation = { updateUser: { id: string, displayName: string | null, picture: string | null, locale: string | null, updatedAt: string } | null };

export type NotifyImageTaggedMutationVariables = Exact<{
  input: Types.ImageTaggedInput;
}>;


export type NotifyImageTaggedMutation = { notifyImageTagged: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type NotifyTranscriptReadyMutationVariables = Exact<{
  input: Types.TranscriptReadyInput;
}>;


export type NotifyTranscriptReadyMutation = { notifyTranscriptReady: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type NotifyDatasetRefreshedMutationVariables = Exact<{
  input: Types.DatasetRefreshedInput;
}>;


export type NotifyDatasetRefreshedMutation = { notifyDatasetRefreshed: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type NotifyModelReadyMutationVariables = Exact<{
  input: Types.ModelReadyInput;
}>;


export type NotifyModelReadyMutation = { notifyModelReady: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string | null, picture: string | null, locale: string | null, email: string | null, phoneNumber: string | null, identityId: string | null, createdAt: string, updatedAt: string } | null };

export type NotificationsQueryVariables = Exact<{
  after?: string | null | undefined;
  limit?: number | null | undefined;
}>;


export type NotificationsQuery = { notifications: { cursor: string | null, hasMore: boolean, cursorExpired: boolean, items: Array<{ id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null }> } };

export type OnNotificationSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnNotificationSubscription = { onNotification: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type OnImageTaggedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnImageTaggedSubscription = { onImageTagged: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type OnTranscriptReadySubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnTranscriptReadySubscription = { onTranscriptReady: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type OnDatasetRefreshedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnDatasetRefreshedSubscription = { onDatasetRefreshed: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type OnModelReadySubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnModelReadySubscription = { onModelReady: { id: string, kind: Types.NotificationKind, audience: Types.Audience, ownerId: string | null, createdAt: string, imageTagged: { bucket: string, key: string, status: Types.ImageTagStatus, reason: string | null, labels: Array<{ name: string, confidence: number }> } | null, transcriptReady: { mediaKey: string, status: Types.TranscriptStatus, reason: string | null, languageCode: string | null, excerpt: string | null, transcriptLocation: string | null } | null, datasetRefreshed: { dataset: string, version: string, recordCount: number | null, completedAt: string } | null, modelReady: { modelName: string, version: string, artifactLocation: string, metrics: Array<{ name: string, value: number }> } | null } | null };

export type UserUpdatesSubscriptionVariables = Exact<{
  id?: string | null | undefined;
}>;


export type UserUpdatesSubscription = { userUpdates: { id: string, displayName: string | null, picture: string | null, locale: string | null, updatedAt: string } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const NotificationFieldsFragmentDoc = /* @__PURE__ */ new TypedDocumentString(`
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}
    `, {"fragmentName":"NotificationFields"}) as unknown as TypedDocumentString<NotificationFieldsFragment, unknown>;
export const UserProfileFieldsFragmentDoc = /* @__PURE__ */ new TypedDocumentString(`
    fragment UserProfileFields on UserProfile {
  id
  displayName
  picture
  locale
  updatedAt
}
    `, {"fragmentName":"UserProfileFields"}) as unknown as TypedDocumentString<UserProfileFieldsFragment, unknown>;
export const AddUserDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation AddUser($userId: ID!, $userDetails: AddUserInput!) {
  addUser(userId: $userId, userDetails: $userDetails) {
    ...UserProfileFields
  }
}
    fragment UserProfileFields on UserProfile {
  id
  displayName
  picture
  locale
  updatedAt
}`) as unknown as TypedDocumentString<AddUserMutation, AddUserMutationVariables>;
export const UpdateUserDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation UpdateUser($userDetails: UpdateUserInput!) {
  updateUser(userDetails: $userDetails) {
    ...UserProfileFields
  }
}
    fragment UserProfileFields on UserProfile {
  id
  displayName
  picture
  locale
  updatedAt
}`) as unknown as TypedDocumentString<UpdateUserMutation, UpdateUserMutationVariables>;
export const NotifyImageTaggedDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation NotifyImageTagged($input: ImageTaggedInput!) {
  notifyImageTagged(input: $input) {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<NotifyImageTaggedMutation, NotifyImageTaggedMutationVariables>;
export const NotifyTranscriptReadyDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation NotifyTranscriptReady($input: TranscriptReadyInput!) {
  notifyTranscriptReady(input: $input) {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<NotifyTranscriptReadyMutation, NotifyTranscriptReadyMutationVariables>;
export const NotifyDatasetRefreshedDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) {
  notifyDatasetRefreshed(input: $input) {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<NotifyDatasetRefreshedMutation, NotifyDatasetRefreshedMutationVariables>;
export const NotifyModelReadyDocument = /* @__PURE__ */ new TypedDocumentString(`
    mutation NotifyModelReady($input: ModelReadyInput!) {
  notifyModelReady(input: $input) {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<NotifyModelReadyMutation, NotifyModelReadyMutationVariables>;
export const MeDocument = /* @__PURE__ */ new TypedDocumentString(`
    query Me {
  me {
    id
    displayName
    picture
    locale
    email
    phoneNumber
    identityId
    createdAt
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const NotificationsDocument = /* @__PURE__ */ new TypedDocumentString(`
    query Notifications($after: String, $limit: Int) {
  notifications(after: $after, limit: $limit) {
    items {
      ...NotificationFields
    }
    cursor
    hasMore
    cursorExpired
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const OnNotificationDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription OnNotification {
  onNotification {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<OnNotificationSubscription, OnNotificationSubscriptionVariables>;
export const OnImageTaggedDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription OnImageTagged {
  onImageTagged {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<OnImageTaggedSubscription, OnImageTaggedSubscriptionVariables>;
export const OnTranscriptReadyDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription OnTranscriptReady {
  onTranscriptReady {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<OnTranscriptReadySubscription, OnTranscriptReadySubscriptionVariables>;
export const OnDatasetRefreshedDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription OnDatasetRefreshed {
  onDatasetRefreshed {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<OnDatasetRefreshedSubscription, OnDatasetRefreshedSubscriptionVariables>;
export const OnModelReadyDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription OnModelReady {
  onModelReady {
    ...NotificationFields
  }
}
    fragment NotificationFields on Notification {
  id
  kind
  audience
  ownerId
  createdAt
  imageTagged {
    bucket
    key
    status
    labels {
      name
      confidence
    }
    reason
  }
  transcriptReady {
    mediaKey
    status
    reason
    languageCode
    excerpt
    transcriptLocation
  }
  datasetRefreshed {
    dataset
    version
    recordCount
    completedAt
  }
  modelReady {
    modelName
    version
    artifactLocation
    metrics {
      name
      value
    }
  }
}`) as unknown as TypedDocumentString<OnModelReadySubscription, OnModelReadySubscriptionVariables>;
export const UserUpdatesDocument = /* @__PURE__ */ new TypedDocumentString(`
    subscription UserUpdates($id: ID) {
  userUpdates(id: $id) {
    ...UserProfileFields
  }
}
    fragment UserProfileFields on UserProfile {
  id
  displayName
  picture
  locale
  updatedAt
}`) as unknown as TypedDocumentString<UserUpdatesSubscription, UserUpdatesSubscriptionVariables>;
