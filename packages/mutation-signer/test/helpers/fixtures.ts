// Shared constants of the unit tests (documents mirror schema/operations; credentials are AWS's documented examples).
export const ENDPOINT = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';

export const STATIC_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

export const TEMPORARY_CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLE0000TEMP',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+session/token+with=padding==',
};

export const NOTIFY_DATASET_REFRESHED = `mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) {
  notifyDatasetRefreshed(input: $input) {
    id
    kind
    audience
    ownerId
    createdAt
    datasetRefreshed { dataset version recordCount completedAt }
  }
}`;

export const DATASET_INPUT = {
  input: {
    idempotencyKey: 'bulk-load/2026-11-27/orders/v42',
    dataset: 'orders',
    version: 'v42',
    recordCount: 1250,
    completedAt: '2026-11-27T14:00:00.000Z',
  },
};

export const NOTIFICATION = {
  id: '01JDATASETREFRESHED0000000',
  kind: 'DATASET_REFRESHED',
  audience: 'BROADCAST',
  ownerId: null,
  createdAt: '2026-11-27T14:00:01.000Z',
  datasetRefreshed: { dataset: 'orders', version: 'v42', recordCount: 1250, completedAt: '2026-11-27T14:00:00.000Z' },
};

export const NOTIFICATIONS_QUERY = `query Notifications($after: String) {
  notifications(after: $after) { items { id } cursor hasMore cursorExpired }
}`;
