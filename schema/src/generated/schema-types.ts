/* eslint-disable */
// Generated from schema.graphql and operations/*.graphql by scripts/generate.ts: do not edit.
// Regenerate with `pnpm --filter @notifier/schema build`.
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: string; output: string; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

/** Profile fields the post-authentication trigger copies from the user pool. */
export type AddUserInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['AWSEmail']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  phoneNumber?: InputMaybe<Scalars['AWSPhone']['input']>;
  picture?: InputMaybe<Scalars['AWSURL']['input']>;
};

/** PRIVATE notifications reach their owner only; BROADCAST ones every signed-in user. */
export type Audience =
  | 'BROADCAST'
  | 'PRIVATE';

export type DatasetRefreshedInput = {
  completedAt: Scalars['AWSDateTime']['input'];
  dataset: Scalars['String']['input'];
  idempotencyKey: Scalars['String']['input'];
  recordCount?: InputMaybe<Scalars['Float']['input']>;
  version: Scalars['String']['input'];
};

export type DatasetRefreshedPayload = {
  completedAt: Scalars['AWSDateTime']['output'];
  dataset: Scalars['String']['output'];
  recordCount: Maybe<Scalars['Float']['output']>;
  version: Scalars['String']['output'];
};

export type ImageTagStatus =
  | 'SKIPPED'
  | 'TAGGED';

export type ImageTaggedInput = {
  bucket: Scalars['String']['input'];
  /** Repeats with the same key store and publish nothing (error type DuplicateNotification). */
  idempotencyKey: Scalars['String']['input'];
  key: Scalars['String']['input'];
  labels: Array<LabelInput>;
  ownerId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: ImageTagStatus;
};

export type ImageTaggedPayload = {
  bucket: Scalars['String']['output'];
  key: Scalars['String']['output'];
  labels: Array<Label>;
  /** Why the image was skipped (status SKIPPED). */
  reason: Maybe<Scalars['String']['output']>;
  status: ImageTagStatus;
};

export type Label = {
  /** 0-100, as Rekognition reports it. */
  confidence: Scalars['Float']['output'];
  name: Scalars['String']['output'];
};

export type LabelInput = {
  confidence: Scalars['Float']['input'];
  name: Scalars['String']['input'];
};

export type Metric = {
  name: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

export type MetricInput = {
  name: Scalars['String']['input'];
  value: Scalars['Float']['input'];
};

export type ModelReadyInput = {
  artifactLocation: Scalars['String']['input'];
  idempotencyKey: Scalars['String']['input'];
  metrics: Array<MetricInput>;
  modelName: Scalars['String']['input'];
  version: Scalars['String']['input'];
};

export type ModelReadyPayload = {
  /** s3:// location of the model artifact. */
  artifactLocation: Scalars['String']['output'];
  metrics: Array<Metric>;
  modelName: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type Mutation = {
  /** Backend only (post-authentication trigger): create or refresh a user's profile from the user pool. */
  addUser: Maybe<UserProfile>;
  /** Backend only (bulk-load-notice). */
  notifyDatasetRefreshed: Maybe<Notification>;
  /** Backend only (image-tagger). */
  notifyImageTagged: Maybe<Notification>;
  /** Backend only (model-ready-notice). */
  notifyModelReady: Maybe<Notification>;
  /** Backend only (video-transcriber). */
  notifyTranscriptReady: Maybe<Notification>;
  /** Signed-in users: change their own profile; the user id comes from the caller's identity. */
  updateUser: Maybe<UserProfile>;
};


export type MutationAddUserArgs = {
  userDetails: AddUserInput;
  userId: Scalars['ID']['input'];
};


export type MutationNotifyDatasetRefreshedArgs = {
  input: DatasetRefreshedInput;
};


export type MutationNotifyImageTaggedArgs = {
  input: ImageTaggedInput;
};


export type MutationNotifyModelReadyArgs = {
  input: ModelReadyInput;
};


export type MutationNotifyTranscriptReadyArgs = {
  input: TranscriptReadyInput;
};


export type MutationUpdateUserArgs = {
  userDetails: UpdateUserInput;
};

/** The common envelope of every notification. Exactly one payload field, the one of `kind`, is set. */
export type Notification = {
  audience: Audience;
  createdAt: Scalars['AWSDateTime']['output'];
  datasetRefreshed: Maybe<DatasetRefreshedPayload>;
  id: Scalars['ID']['output'];
  imageTagged: Maybe<ImageTaggedPayload>;
  kind: NotificationKind;
  modelReady: Maybe<ModelReadyPayload>;
  /** Owner's Cognito identity id; null for broadcasts. */
  ownerId: Maybe<Scalars['ID']['output']>;
  transcriptReady: Maybe<TranscriptReadyPayload>;
};

/** The kinds of notification. Clients must pass through kinds they do not know yet. */
export type NotificationKind =
  | 'DATASET_REFRESHED'
  | 'IMAGE_TAGGED'
  | 'MODEL_READY'
  | 'TRANSCRIPT_READY';

/** One page of the catch-up feed, oldest first. */
export type NotificationPage = {
  /** Pass back as `after` for the next page; also the position to resume from after a reconnect. */
  cursor: Maybe<Scalars['String']['output']>;
  /** True when `after` pointed before the retention window: the page starts at the oldest retained item. */
  cursorExpired: Scalars['Boolean']['output'];
  /** True when more items follow this page. */
  hasMore: Scalars['Boolean']['output'];
  items: Array<Notification>;
};

export type Query = {
  /** The caller's own user record, contact details included. */
  me: Maybe<User>;
  /** The caller's private notifications and all broadcasts after `after`, oldest first. */
  notifications: NotificationPage;
};


export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
};

export type Subscription = {
  /** Every dataset refresh (broadcast). */
  onDatasetRefreshed: Maybe<Notification>;
  /** The caller's own tagged images. */
  onImageTagged: Maybe<Notification>;
  /** Every new model (broadcast). */
  onModelReady: Maybe<Notification>;
  /** Every notification kind the caller may receive: their private ones and all broadcasts. */
  onNotification: Maybe<Notification>;
  /** The caller's own transcripts. */
  onTranscriptReady: Maybe<Notification>;
  /** Public profile changes of every user, or of one user when `id` is given. */
  userUpdates: Maybe<UserProfile>;
};


export type SubscriptionUserUpdatesArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
};

export type TranscriptReadyInput = {
  excerpt?: InputMaybe<Scalars['String']['input']>;
  idempotencyKey: Scalars['String']['input'];
  languageCode?: InputMaybe<Scalars['String']['input']>;
  mediaKey: Scalars['String']['input'];
  ownerId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: TranscriptStatus;
  transcriptLocation?: InputMaybe<Scalars['String']['input']>;
};

export type TranscriptReadyPayload = {
  /** The beginning of the transcript, bounded so the message stays far below AppSync's 240 KB limit. */
  excerpt: Maybe<Scalars['String']['output']>;
  languageCode: Maybe<Scalars['String']['output']>;
  mediaKey: Scalars['String']['output'];
  /** Why transcription failed (status FAILED). */
  reason: Maybe<Scalars['String']['output']>;
  status: TranscriptStatus;
  /** s3:// location of the full transcript JSON. */
  transcriptLocation: Maybe<Scalars['String']['output']>;
};

export type TranscriptStatus =
  | 'COMPLETED'
  | 'FAILED';

/** Profile fields a signed-in user may change on their own record. */
export type UpdateUserInput = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  picture?: InputMaybe<Scalars['AWSURL']['input']>;
};

/** A user's own record, contact details included: readable by that user alone (`me`). */
export type User = {
  createdAt: Scalars['AWSDateTime']['output'];
  displayName: Maybe<Scalars['String']['output']>;
  email: Maybe<Scalars['AWSEmail']['output']>;
  id: Scalars['ID']['output'];
  /** The caller's Cognito identity id, recorded by `updateUser`. */
  identityId: Maybe<Scalars['String']['output']>;
  locale: Maybe<Scalars['String']['output']>;
  phoneNumber: Maybe<Scalars['AWSPhone']['output']>;
  picture: Maybe<Scalars['AWSURL']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** Public profile: what `userUpdates` carries and any signed-in user may read. */
export type UserProfile = {
  displayName: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  locale: Maybe<Scalars['String']['output']>;
  picture: Maybe<Scalars['AWSURL']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
};
