import { batchFailureOf, captureLogs, delivered, duplicate, graphQLError, lambdaContext, type CapturedLogs } from '@notifier/lambda-kit/testing';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3ClientProvider } from '../src/s3';
import { objectBody, setup, credentials } from './helpers';
import marker from './events/eventbridge/s3-object-created-success-marker.json';
import manifest from './events/eventbridge/s3-object-created-manifest.json';
import dataFile from './events/eventbridge/s3-object-created-data-file.json';
import nestedMarker from './events/eventbridge/s3-object-created-nested-marker.json';
import deleted from './events/eventbridge/s3-object-deleted.json';
import completed from './events/eventbridge/bulk-load-completed.json';
import completedMalformed from './events/eventbridge/bulk-load-completed-malformed.json';

const notification = (id: string) => delivered('notifyDatasetRefreshed', { id, kind: 'DATASET_REFRESHED' });

describe('Function: createBulkLoadNoticeHandler', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
  });

  it('notifies a _SUCCESS marker once, signed, with an unknown record count and the event time', async () => {
    // Prepare
    const { appSync, s3Mock, s3Provider, handler } = setup(() => notification('n-1'));

    // Act
    const outcomes = await handler(structuredClone(marker), lambdaContext({ functionName: 'bulk-load-notice' }));

    // Assess
    expect(outcomes).toEqual([{ status: 'notified', eventId: marker.id, via: 's3-success-marker', idempotencyKey: 'sales#2026-11-27', notificationId: 'n-1' }]);
    expect(s3Provider).not.toHaveBeenCalled();
    expect(s3Mock.calls()).toHaveLength(0);
    expect(appSync.rejected).toEqual([]);
    expect(appSync.requests).toHaveLength(1);
    expect(appSync.requests[0]?.query).toMatch(/^\s*mutation NotifyDatasetRefreshed\(\$input: DatasetRefreshedInput!\)/);
    expect(appSync.requests[0]?.variables).toEqual({
      input: { idempotencyKey: 'sales#2026-11-27', dataset: 'sales', version: '2026-11-27', recordCount: null, completedAt: '2026-11-27T09:15:42Z' },
    });
    expect(appSync.requests[0]?.authorization).toMatchObject({ accessKeyId: credentials.accessKeyId, scopeService: 'appsync', scopeRegion: 'eu-west-1' });
    expect(appSync.requests[0]?.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(logs.withMessage('dataset refresh notified')[0]).toMatchObject({
      level: 'INFO',
      service: 'bulk-load-notice',
      eventId: marker.id,
      notificationId: 'n-1',
      idempotencyKey: 'sales#2026-11-27',
      via: 's3-success-marker',
      sequencer: marker.detail.object.sequencer,
    });
  });

  it('reads the manifest named by the event, key verbatim, for the record count and completion time', async () => {
    // Prepare
    const { appSync, s3Mock, handler, GetObjectCommand } = setup(() => notification('n-2'));
    s3Mock.on(GetObjectCommand).resolves(objectBody('{"recordCount":1200,"completedAt":"2026-11-27T09:15:40.000Z"}'));
    const event = structuredClone(manifest);
    event.detail.object.key = 'eu sales+returns/2026-11-27/manifest.json';

    // Act
    const outcomes = await handler(event, lambdaContext());

    // Assess
    expect(s3Mock.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'notifier-data-123456789012', Key: 'eu sales+returns/2026-11-27/manifest.json' },
    ]);
    expect(appSync.requests[0]?.variables).toEqual({
      input: {
        idempotencyKey: 'eu sales+returns#2026-11-27',
        dataset: 'eu sales+returns',
        version: '2026-11-27',
        recordCount: 1200,
        completedAt: '2026-11-27T09:15:40.000Z',
      },
    });
    expect(outcomes[0]).toMatchObject({ status: 'notified', via: 's3-manifest' });
  });

  it('uses the event time when the manifest has no completion time', async () => {
    // Prepare
    const { appSync, s3Mock, handler, GetObjectCommand } = setup();
    s3Mock.on(GetObjectCommand).resolves(objectBody('{"recordCount":7}'));

    // Act
    await handler(structuredClone(manifest), lambdaContext());

    // Assess
    expect(appSync.requests[0]?.variables).toMatchObject({ input: { recordCount: 7, completedAt: manifest.time } });
  });

  it('sends the same idempotency key whichever way one load is announced, and counts repeats as duplicates', async () => {
    // Prepare
    const { appSync, s3Mock, handler, GetObjectCommand } = setup((i) => (i === 0 ? notification('n-3') : duplicate('notifyDatasetRefreshed')));
    s3Mock.on(GetObjectCommand).resolves(objectBody('{"recordCount":1200}'));

    // Act
    const outcomes = [
      ...(await handler(structuredClone(completed), lambdaContext())),
      ...(await handler(structuredClone(marker), lambdaContext())),
      ...(await handler(structuredClone(manifest), lambdaContext())),
      ...(await handler(structuredClone(completed), lambdaContext())),
    ];

    // Assess
    expect(appSync.requests.map((r) => (r.variables.input as { idempotencyKey: string }).idempotencyKey)).toEqual([
      'sales#2026-11-27',
      'sales#2026-11-27',
      'sales#2026-11-27',
      'sales#2026-11-27',
    ]);
    expect(outcomes.map((o) => [o.status, 'via' in o ? o.via : undefined])).toEqual([
      ['notified', 'bulk-load-event'],
      ['duplicate', 's3-success-marker'],
      ['duplicate', 's3-manifest'],
      ['duplicate', 'bulk-load-event'],
    ]);
    expect(logs.withMessage('dataset refresh already notified')).toHaveLength(3);
  });

  it('notifies the custom Bulk Load Completed event with its own figures, without the S3 client', async () => {
    // Prepare
    const { appSync, s3Provider, handler } = setup();

    // Act
    await handler(structuredClone(completed), lambdaContext());

    // Assess
    expect(s3Provider).not.toHaveBeenCalled();
    expect(appSync.requests[0]?.variables).toEqual({
      input: { idempotencyKey: 'sales#2026-11-27', dataset: 'sales', version: '2026-11-27', recordCount: 1200, completedAt: '2026-11-27T09:15:40.000Z' },
    });
  });

  it('ignores objects that announce nothing, sending nothing', async () => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    const outcomes = await handler(structuredClone(dataFile), lambdaContext());

    // Assess
    expect(outcomes).toEqual([{ status: 'ignored', eventId: dataFile.id, reason: expect.stringContaining('part-00000.parquet') }]);
    expect(appSync.requests).toEqual([]);
    expect(logs.withMessage('object ignored')[0]).toMatchObject({ location: 's3://notifier-data-123456789012/sales/2026-11-27/part-00000.parquet' });
  });

  it.each([
    [completedMalformed, [
      'detail.dataset: must not contain "/" or "#"',
      'detail.version: expected length >= 1',
      'detail.recordCount: expected number, received string',
      'detail.completedAt: expected string, received undefined',
    ]],
    [nestedMarker, ['detail.object.key: expected <dataset>/<version>/_SUCCESS, got 3 folder level(s)']],
    [deleted, ['source/detail-type: expected aws.s3/Object Created or notifier.bulk-load/Bulk Load Completed, got aws.s3/Object Deleted']],
    [{ id: 'x-1', source: 'aws.s3' }, ['detail-type: expected string, received undefined']],
  ])('fails a malformed event with one error naming the event and every problem (%#)', async (fixture, problems) => {
    // Prepare
    const { appSync, handler } = setup();

    // Act
    const error = await batchFailureOf(handler(structuredClone(fixture), lambdaContext()));

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(error.message).toMatch(new RegExp(`^1 of 1 record\\(s\\) failed: ${fixture.id}: `));
    for (const problem of problems) expect(error.message).toContain(problem);
    expect(logs.withMessage('bulk-load announcement failed')[0]).toMatchObject({ level: 'ERROR', eventId: fixture.id });
  });

  it.each([
    ['{"recordCount":"many"}', 'is invalid: recordCount: expected number, received string'],
    ['not json', 'is not JSON'],
  ])('fails on a malformed manifest, naming it, and notifies nothing (%s)', async (content, problem) => {
    // Prepare
    const { appSync, s3Mock, handler, GetObjectCommand } = setup();
    s3Mock.on(GetObjectCommand).resolves(objectBody(content));

    // Act
    const error = await batchFailureOf(handler(structuredClone(manifest), lambdaContext()));

    // Assess
    expect(appSync.requests).toEqual([]);
    expect(error.message).toContain(`${manifest.id}: manifest s3://notifier-data-123456789012/sales/2026-11-27/manifest.json ${problem}`);
    expect(logs.withMessage('bulk-load announcement failed')[0]).toMatchObject({
      eventId: manifest.id,
      sequencer: manifest.detail.object.sequencer,
      objectKey: 'sales/2026-11-27/manifest.json',
    });
  });

  it('fails when the manifest cannot be read, keeping the S3 error as cause', async () => {
    // Prepare
    const { s3Mock, handler, GetObjectCommand } = setup();
    const noSuchKey = Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    s3Mock.on(GetObjectCommand).rejects(noSuchKey);

    // Act
    const error = await batchFailureOf(handler(structuredClone(manifest), lambdaContext()));

    // Assess
    expect(error.message).toContain('cannot be read: NoSuchKey: The specified key does not exist.');
    expect((error.cause as Error).cause).toBe(noSuchKey);
  });

  it('creates the S3 client on the first manifest only, then reuses it for every later manifest', async () => {
    // Prepare
    const S3ClientClass = jest.fn();
    const load = jest.fn();
    const { s3Mock, s3Provider, handler, GetObjectCommand } = setup(
      (i) => (i === 0 ? notification('n-4') : duplicate('notifyDatasetRefreshed')),
      (s3) => {
        S3ClientClass.mockReturnValue(s3);
        load.mockResolvedValue({ S3Client: S3ClientClass as unknown as typeof S3Client });
        return createS3ClientProvider({ load, forcePathStyle: true });
      },
    );
    s3Mock.on(GetObjectCommand).resolves(objectBody('{"recordCount":1200}'));
    const second = structuredClone(manifest);
    second.detail.object.key = 'sales/2026-11-28/manifest.json';
    const third = structuredClone(manifest);
    third.detail.object.key = 'returns/2026-11-28/manifest.json';

    // Act
    const before = [...(await handler(structuredClone(marker), lambdaContext())), ...(await handler(structuredClone(completed), lambdaContext()))];
    const loadsBefore = load.mock.calls.length;
    const sequential = [...(await handler(structuredClone(manifest), lambdaContext())), ...(await handler(second, lambdaContext()))];
    const concurrent = (await Promise.all([handler(third, lambdaContext()), handler(structuredClone(manifest), lambdaContext())])).flat();

    // Assess
    expect(before.map((o) => o.status)).toEqual(['notified', 'duplicate']);
    expect(loadsBefore).toBe(0);
    expect([...sequential, ...concurrent].map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(s3Provider).toHaveBeenCalledTimes(4);
    expect(load).toHaveBeenCalledTimes(1);
    expect(S3ClientClass).toHaveBeenCalledTimes(1);
    expect(S3ClientClass).toHaveBeenCalledWith({ forcePathStyle: true });
    expect(s3Mock.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
      'sales/2026-11-27/manifest.json',
      'sales/2026-11-28/manifest.json',
      'returns/2026-11-28/manifest.json',
      'sales/2026-11-27/manifest.json',
    ]);
  });

  it('fails a manifest, naming it, when the S3 client cannot be created, and still notifies markers and events', async () => {
    // Prepare
    const unavailable = new Error("Cannot find module './s3-sdk'");
    const { appSync, s3Mock, handler } = setup(
      (i) => (i === 0 ? notification('n-5') : duplicate('notifyDatasetRefreshed')),
      () => () => Promise.reject(unavailable),
    );

    // Act
    const manifestError = await batchFailureOf(handler(structuredClone(manifest), lambdaContext()));
    const others = [...(await handler(structuredClone(marker), lambdaContext())), ...(await handler(structuredClone(completed), lambdaContext()))];

    // Assess
    expect(manifestError.message).toBe(
      `1 of 1 record(s) failed: ${manifest.id}: manifest s3://notifier-data-123456789012/sales/2026-11-27/manifest.json cannot be read: no S3 client: Error: Cannot find module './s3-sdk'`,
    );
    expect(manifestError.cause).toMatchObject({ name: 'ManifestError', location: 's3://notifier-data-123456789012/sales/2026-11-27/manifest.json' });
    expect((manifestError.cause as Error).cause).toBe(unavailable);
    expect(others.map((o) => [o.status, 'via' in o ? o.via : undefined])).toEqual([
      ['notified', 's3-success-marker'],
      ['duplicate', 'bulk-load-event'],
    ]);
    expect(appSync.requests).toHaveLength(2);
    expect(s3Mock.calls()).toHaveLength(0);
    expect(logs.withMessage('bulk-load announcement failed')).toHaveLength(1);
    expect(logs.withMessage('bulk-load announcement failed')[0]).toMatchObject({ level: 'ERROR', eventId: manifest.id, objectKey: 'sales/2026-11-27/manifest.json' });
  });

  it('refuses a manifest larger than 1 MiB without reading it', async () => {
    // Prepare
    const { s3Mock, handler, GetObjectCommand } = setup();
    const body = objectBody('{}');
    s3Mock.on(GetObjectCommand).resolves({ ...body, ContentLength: 2 * 1024 * 1024 });

    // Act
    const error = await batchFailureOf(handler(structuredClone(manifest), lambdaContext()));

    // Assess
    expect(error.message).toContain('is 2097152 bytes, more than the 1048576 accepted');
  });

  it('fails the invocation when AppSync refuses the notification, so EventBridge retries it', async () => {
    // Prepare
    const { appSync, handler } = setup(() => graphQLError('notifyDatasetRefreshed', 'Unauthorized', 'Not Authorized to access notifyDatasetRefreshed on type Mutation'));

    // Act
    const error = await batchFailureOf(handler(structuredClone(marker), lambdaContext()));

    // Assess
    expect(appSync.requests).toHaveLength(1);
    expect(error.message).toContain(`${marker.id}: notifyDatasetRefreshed failed for sales#2026-11-27: `);
    expect(error.message).toContain('Not Authorized to access notifyDatasetRefreshed');
  });
});
