import { ResolverError, UnauthorizedError } from '@notifier/appsync-utils';
import { NOTIFICATION_IDEMPOTENCY_SECONDS, NOTIFICATION_RETENTION_SECONDS } from '../../src/constants';
import { FIXED_ID, identities, invoke, makeContext, NOW, NOW_ISO } from '../helpers/appsync';

const OWNER = 'eu-west-1:5f0c2a9e-1d3b-4c7a-9e8f-2b6d4a1c0e7f';
// Kept 15 days (longer than the 14-day dead-letter retention), shown 7: see src/constants.ts.
const EXPIRES_AT = Math.floor(NOW / 1000) + 15 * 24 * 60 * 60;


const imageTaggedInput = () => ({
  idempotencyKey: 'photos-bucket/private/x/cat.jpg#3fa1',
  ownerId: OWNER,
  bucket: 'photos-bucket',
  key: `private/${OWNER}/cat.jpg`,
  status: 'TAGGED',
  labels: [
    { name: 'Cat', confidence: 99.1 },
    { name: 'Pet', confidence: 87 },
  ],
  reason: null,
});

const cases = [
  {
    field: 'notifyImageTagged',
    kind: 'IMAGE_TAGGED',
    input: imageTaggedInput,
    feed: `owner#${OWNER}`,
    ownerId: OWNER as string | null,
    payloadField: 'imageTagged',
    payload: () => ({ bucket: 'photos-bucket', key: `private/${OWNER}/cat.jpg`, status: 'TAGGED', labels: imageTaggedInput().labels, reason: null }),
  },
  {
    field: 'notifyTranscriptReady',
    kind: 'TRANSCRIPT_READY',
    input: () => ({
      idempotencyKey: 'job-42',
      ownerId: OWNER,
      mediaKey: `private/${OWNER}/talk.mp4`,
      status: 'COMPLETED',
      languageCode: 'en-US',
      excerpt: 'Hello and welcome',
      transcriptLocation: 's3://transcripts/job-42.json',
    }),
    feed: `owner#${OWNER}`,
    ownerId: OWNER as string | null,
    payloadField: 'transcriptReady',
    payload: () => ({
      mediaKey: `private/${OWNER}/talk.mp4`,
      status: 'COMPLETED',
      reason: null,
      languageCode: 'en-US',
      excerpt: 'Hello and welcome',
      transcriptLocation: 's3://transcripts/job-42.json',
    }),
  },
  {
    field: 'notifyDatasetRefreshed',
    kind: 'DATASET_REFRESHED',
    input: () => ({ idempotencyKey: 'load-7', dataset: 'customers', version: '2026-11-27', recordCount: 1200, completedAt: '2026-11-27T14:00:00.000Z' }),
    feed: 'broadcast',
    ownerId: null,
    payloadField: 'datasetRefreshed',
    payload: () => ({ dataset: 'customers', version: '2026-11-27', recordCount: 1200, completedAt: '2026-11-27T14:00:00.000Z' }),
  },
  {
    field: 'notifyModelReady',
    kind: 'MODEL_READY',
    input: () => ({
      idempotencyKey: 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/churn-7',
      modelName: 'churn',
      version: '7',
      artifactLocation: 's3://models/churn/7/model.tar.gz',
      metrics: [{ name: 'auc', value: 0.91 }],
    }),
    feed: 'broadcast',
    ownerId: null,
    payloadField: 'modelReady',
    payload: () => ({ modelName: 'churn', version: '7', artifactLocation: 's3://models/churn/7/model.tar.gz', metrics: [{ name: 'auc', value: 0.91 }] }),
  },
];

/** What util.dynamodb.toMapValues makes of a plain object, written out by hand. */
function ddb(value: unknown): unknown {
  if (value === null) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(ddb) };
  return { M: Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, ddb(v)])) };
}

describe.each(cases)('Resolver: Mutation.$field', ({ field, kind, input, feed, ownerId, payloadField, payload }) => {
  const file = `resolvers/Mutation.${field}.js`;
  const ctxFor = (inputValue: unknown) => makeContext('Mutation', field, { input: inputValue }, identities.backend());

  it('stores the notification with one conditional PutItem keyed by kind and idempotency key', () => {
    // Prepare
    const ctx = ctxFor(input());

    // Act
    const { result, error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeUndefined();
    const attributes: Record<string, unknown> = {
      id: { S: FIXED_ID },
      kind: { S: kind },
      audience: { S: ownerId === null ? 'BROADCAST' : 'PRIVATE' },
      createdAt: { S: NOW_ISO },
      feed: { S: feed },
      sortKey: { S: `${NOW_ISO}#${FIXED_ID}` },
      expiresAt: { N: EXPIRES_AT },
      [payloadField]: ddb(payload()),
    };
    if (ownerId !== null) attributes.ownerId = { S: ownerId };
    expect(result).toEqual({
      operation: 'PutItem',
      key: { pk: { S: `${kind}#${input().idempotencyKey}` } },
      attributeValues: attributes,
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'pk' } },
    });
  });

  it('resolves to the envelope with only its own payload set', () => {
    // Prepare
    const stored = { pk: `${kind}#k`, id: FIXED_ID, kind, audience: ownerId === null ? 'BROADCAST' : 'PRIVATE', createdAt: NOW_ISO, feed, sortKey: `${NOW_ISO}#${FIXED_ID}`, expiresAt: EXPIRES_AT, [payloadField]: payload(), ...(ownerId === null ? {} : { ownerId }) };
    const ctx = ctxFor(input());
    ctx.result = stored;

    // Act
    const { result, error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toBeUndefined();
    expect(result).toEqual({
      id: FIXED_ID,
      kind,
      audience: ownerId === null ? 'BROADCAST' : 'PRIVATE',
      ownerId,
      createdAt: NOW_ISO,
      imageTagged: null,
      transcriptReady: null,
      datasetRefreshed: null,
      modelReady: null,
      [payloadField]: payload(),
    });
  });

  it('resolves a repeated idempotency key to null with DuplicateNotification', () => {
    // Prepare
    const ctx = ctxFor(input());
    ctx.result = null;
    ctx.error = { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed (Service: DynamoDb, Status Code: 400)' };

    // Act
    const { error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'DuplicateNotification' });
  });

  it('surfaces any other data source error with its type', () => {
    // Prepare
    const ctx = ctxFor(input());
    ctx.result = null;
    ctx.error = { type: 'DynamoDB:ProvisionedThroughputExceededException', message: 'Rate exceeded' };

    // Act
    const { error } = invoke(file, 'response', ctx);

    // Assess
    expect(error).toMatchObject({ message: 'Rate exceeded', errorType: 'DynamoDB:ProvisionedThroughputExceededException' });
  });

  it.each([[''], ['   ']])('refuses the blank idempotency key %j', (key) => {
    // Prepare
    const ctx = ctxFor({ ...input(), idempotencyKey: key });

    // Act
    const { error } = invoke(file, 'request', ctx);

    // Assess
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'ValidationError', message: 'input.idempotencyKey must be a non-empty string' });
  });
});

const UNSTORABLE = 'must be 0 or have a magnitude from 1E-130 to below 1E+126 (what DynamoDB can store)';
const modelReadyInput = () => ({ idempotencyKey: 'm', modelName: 'churn', version: '3', artifactLocation: 's3://m', metrics: [] });

describe('Module: src/constants.ts (notification lifetimes)', () => {
  it('keeps the idempotency record longer than the trigger dead-letter queues keep an event, and longer than the feed shows it', () => {
    // Prepare
    const deadLetterRetentionSeconds = 14 * 24 * 60 * 60;

    // Act
    const kept = NOTIFICATION_IDEMPOTENCY_SECONDS;

    // Assess
    expect(kept).toBeGreaterThan(deadLetterRetentionSeconds);
    expect(kept).toBeGreaterThan(NOTIFICATION_RETENTION_SECONDS);
  });
});

describe('Resolver: Mutation.notify* validation', () => {
  it.each([
    ['notifyImageTagged', { ...imageTaggedInput(), labels: [{ name: 'Cat', confidence: 101 }] }, 'input.labels[0].confidence must be a number from 0 to 100'],
    ['notifyImageTagged', { ...imageTaggedInput(), labels: [{ name: 'Cat', confidence: -0.5 }] }, 'input.labels[0].confidence must be a number from 0 to 100'],
    ['notifyImageTagged', { ...imageTaggedInput(), labels: [{ name: '', confidence: 5 }] }, 'input.labels[0].name must be a non-empty string'],
    ['notifyImageTagged', { ...imageTaggedInput(), ownerId: '' }, 'input.ownerId must be a non-empty string'],
    ['notifyImageTagged', { ...imageTaggedInput(), bucket: ' ' }, 'input.bucket must be a non-empty string'],
    ['notifyImageTagged', { ...imageTaggedInput(), status: 'SKIPPED', labels: [] }, 'input.reason is required when status is SKIPPED'],
    ['notifyTranscriptReady', { idempotencyKey: 'j', ownerId: OWNER, mediaKey: 'm', status: 'FAILED' }, 'input.reason is required when status is FAILED'],
    ['notifyTranscriptReady', { idempotencyKey: 'j', ownerId: OWNER, mediaKey: 'm', status: 'COMPLETED', excerpt: 'x'.repeat(4097) }, 'input.excerpt must be at most 4096 characters'],
    ['notifyDatasetRefreshed', { idempotencyKey: 'l', dataset: 'd', version: '1', recordCount: -1, completedAt: NOW_ISO }, 'input.recordCount must be a whole number of at least 0'],
    ['notifyDatasetRefreshed', { idempotencyKey: 'l', dataset: 'd', version: '1', recordCount: 2.5, completedAt: NOW_ISO }, 'input.recordCount must be a whole number of at least 0'],
    ['notifyModelReady', { idempotencyKey: 'm', modelName: 'churn', version: '', artifactLocation: 's3://m', metrics: [] }, 'input.version must be a non-empty string'],
    ['notifyDatasetRefreshed', { idempotencyKey: 'l', dataset: 'd', version: '1', recordCount: 1e200, completedAt: NOW_ISO }, `input.recordCount ${UNSTORABLE}`],
    ['notifyModelReady', { ...modelReadyInput(), metrics: [{ name: 'auc', value: 0.9 }, { name: 'loss', value: 1e-200 }] }, `input.metrics[1].value ${UNSTORABLE}`],
    ['notifyModelReady', { ...modelReadyInput(), metrics: [{ name: 'perplexity', value: -1e300 }] }, `input.metrics[0].value ${UNSTORABLE}`],
  ])('%s refuses invalid input (case %#)', (field, input, message) => {
    // Prepare
    const ctx = makeContext('Mutation', field, { input }, identities.backend());

    // Act
    const { error, result } = invoke(`resolvers/Mutation.${field}.js`, 'request', ctx);

    // Assess
    expect(result).toBeUndefined();
    expect(error).toBeInstanceOf(ResolverError);
    expect(error).toMatchObject({ errorType: 'ValidationError', message });
  });

  it.each([
    ['notifyModelReady', { ...modelReadyInput(), metrics: [{ name: 'a', value: 0 }, { name: 'b', value: -1e-130 }, { name: 'c', value: 9.99999999999999e125 }] }],
    ['notifyDatasetRefreshed', { idempotencyKey: 'l', dataset: 'd', version: '1', recordCount: 9.99999999999999e125, completedAt: NOW_ISO }],
  ])('%s accepts numbers at the edges of what DynamoDB stores', (field, input) => {
    // Prepare
    const ctx = makeContext('Mutation', field, { input }, identities.backend());

    // Act
    const { error, result } = invoke(`resolvers/Mutation.${field}.js`, 'request', ctx);

    // Assess
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ operation: 'PutItem' });
  });

  it('needs no caller identity (IAM grants each trigger mutation to one backend role)', () => {
    // Prepare
    const ctx = makeContext('Mutation', 'notifyImageTagged', { input: imageTaggedInput() }, identities.backend());

    // Act
    const { error } = invoke('resolvers/Mutation.notifyImageTagged.js', 'request', ctx);

    // Assess
    expect(error).not.toBeInstanceOf(UnauthorizedError);
    expect(error).toBeUndefined();
  });
});
