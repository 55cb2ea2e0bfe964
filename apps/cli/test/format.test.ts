import type { Notification } from '@notifier/client';
import { jsonNotification, jsonStatus, prettyNotification, prettyStatus, prettyUserUpdate } from '../src/format';
import imageTaggedFixture from './fixtures/image-tagged.json';

const envelope = (overrides: Partial<Notification>): Notification => ({
  id: 'n-1',
  kind: 'MODEL_READY',
  audience: 'BROADCAST',
  ownerId: null,
  createdAt: '2026-11-27T14:05:09.000Z',
  imageTagged: null,
  transcriptReady: null,
  datasetRefreshed: null,
  modelReady: null,
  ...overrides,
});

describe('Function: prettyNotification', () => {
  it('shows an image with its labels', () => {
    // Prepare
    const n = structuredClone(imageTaggedFixture) as Notification;

    // Act
    const line = prettyNotification(n, 'live');

    // Assess
    expect(line).toBe('14:05:09  IMAGE_TAGGED       private/eu-west-1:7d0c/cat.jpg: Cat 98.5%, Pet 91.0%');
  });

  it('shows why an image was skipped and marks caught-up notifications', () => {
    // Prepare
    const n = structuredClone(imageTaggedFixture) as Notification;
    n.imageTagged = { ...(n.imageTagged as NonNullable<Notification['imageTagged']>), status: 'SKIPPED', labels: [], reason: 'larger than 15 MB' };

    // Act
    const line = prettyNotification(n, 'catch-up');

    // Assess
    expect(line).toBe('14:05:09  IMAGE_TAGGED       private/eu-west-1:7d0c/cat.jpg skipped: larger than 15 MB  (caught up)');
  });

  it.each<[string, Partial<Notification>, string]>([
    [
      'a transcript with its excerpt and link',
      {
        kind: 'TRANSCRIPT_READY',
        transcriptReady: { mediaKey: 'private/x/talk.mp4', status: 'COMPLETED', reason: null, languageCode: 'en-US', excerpt: 'Hello\nworld', transcriptLocation: 's3://t/talk.json' },
      },
      '14:05:09  TRANSCRIPT_READY   private/x/talk.mp4 (en-US): "Hello world" s3://t/talk.json',
    ],
    [
      'a failed transcript',
      {
        kind: 'TRANSCRIPT_READY',
        transcriptReady: { mediaKey: 'private/x/talk.mp4', status: 'FAILED', reason: 'unsupported codec', languageCode: null, excerpt: null, transcriptLocation: null },
      },
      '14:05:09  TRANSCRIPT_READY   private/x/talk.mp4 transcription failed: unsupported codec',
    ],
    [
      'a dataset refresh',
      { kind: 'DATASET_REFRESHED', datasetRefreshed: { dataset: 'orders', version: 'v42', recordCount: 1200000, completedAt: '2026-11-27T14:00:00Z' } },
      '14:05:09  DATASET_REFRESHED  dataset orders v42 refreshed (1,200,000 records)',
    ],
    [
      'a model',
      { kind: 'MODEL_READY', modelReady: { modelName: 'churn', version: 'v7', artifactLocation: 's3://m/churn.tar.gz', metrics: [{ name: 'auc', value: 0.91 }] } },
      '14:05:09  MODEL_READY        model churn v7 is ready (auc 0.91) s3://m/churn.tar.gz',
    ],
    [
      'a kind this CLI does not know',
      { kind: 'PODCAST_PUBLISHED', id: 'n-9' },
      '14:05:09  PODCAST_PUBLISHED  broadcast notification n-9 (a kind this CLI does not know; --json shows everything)',
    ],
  ])('shows %s', (_name, overrides, expected) => {
    // Act
    const line = prettyNotification(envelope(overrides), 'live');

    // Assess
    expect(line).toBe(expected);
  });
});

describe('Function: jsonNotification', () => {
  it('writes one parseable line carrying the notification untouched, unknown fields included', () => {
    // Prepare
    const n = { ...envelope({ kind: 'PODCAST_PUBLISHED' }), podcastPublished: { episode: 3 } } as Notification;

    // Act
    const line = jsonNotification(n, 'catch-up', new Date('2026-11-27T14:05:10.000Z'));

    // Assess
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ type: 'notification', source: 'catch-up', receivedAt: '2026-11-27T14:05:10.000Z', notification: n });
  });
});

describe('Function: prettyStatus', () => {
  it('describes each connection state', () => {
    // Act and Assess
    expect(prettyStatus({ state: 'connecting' })).toBe('connecting...');
    expect(prettyStatus({ state: 'connected' })).toBe('connected');
    expect(prettyStatus({ state: 'disconnected', attempt: 2, retryInMs: 1234, reason: 'keep-alive timeout' })).toBe(
      'disconnected (keep-alive timeout); retry 2 in 1.2 s',
    );
    expect(JSON.parse(jsonStatus({ state: 'closed' }, new Date(0)))).toEqual({ type: 'status', at: '1970-01-01T00:00:00.000Z', state: 'closed' });
  });

  it('names the user of a profile update', () => {
    // Act
    const line = prettyUserUpdate({ id: 'u-1', displayName: 'Ada', picture: null, locale: null, updatedAt: '2026-11-27T14:05:09Z' });

    // Assess
    expect(line).toBe('14:05:09  USER_UPDATE        Ada (user u-1) updated their profile');
  });
});
