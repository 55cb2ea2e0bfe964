import { EventRouter, type BusEvent } from '../src/event-router';
import { createS3EventFactory } from '../src/s3-events';
import s3ObjectCreated from './events/eventbridge/s3-object-created.json';
import scheduledEvent from './events/eventbridge/scheduled-event.json';

describe('Class: EventRouter', () => {
  const imageRule = {
    name: 'ImageTagger/ObjectCreatedRule',
    pattern: { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { object: { key: [{ prefix: 'private/' }] } } },
    targets: ['image-tagger'],
  };
  const bulkRule = {
    name: 'BulkLoadNotice/BulkLoadCompletedRule',
    pattern: { source: ['notifier.bulk-load'], 'detail-type': ['Bulk Load Completed'] },
    targets: ['bulk-load-notice'],
  };

  it('invokes the targets of every rule the event matches, and no other', async () => {
    // Prepare
    const calls: Array<[string, BusEvent]> = [];
    const bus = new EventRouter({ rules: [imageRule, bulkRule], invoke: async (fn, event) => void calls.push([fn, event]) });
    const event = structuredClone(s3ObjectCreated) as BusEvent;

    // Act
    const outcomes = await bus.put(event);

    // Assess
    expect(calls).toEqual([['image-tagger', event]]);
    expect(outcomes).toEqual([{ rule: imageRule.name, functionName: 'image-tagger', eventId: event.id, attempts: 1, status: 'succeeded' }]);
  });

  it('retries a failing invocation as asynchronous invocation does, then keeps it as a dead letter', async () => {
    // Prepare
    let failuresLeft = 1;
    const flaky = new EventRouter({
      rules: [bulkRule],
      retryDelayMs: () => 1,
      invoke: async () => {
        if (failuresLeft-- > 0) throw new Error('AppSync unreachable');
      },
    });
    const broken = new EventRouter({
      rules: [bulkRule],
      retryDelayMs: () => 1,
      maximumRetryAttempts: () => 1,
      invoke: async () => {
        throw new Error('BatchProcessingError: 1 of 1 records failed');
      },
    });
    const entry = { source: 'notifier.bulk-load', detailType: 'Bulk Load Completed', detail: { dataset: 'sales', version: '7' } };
    const where = { region: 'eu-west-1', accountId: '123456789012' };

    // Act
    const [recovered] = await flaky.putEvent(entry, where);
    const [lost] = await broken.putEvent(entry, where);

    // Assess
    expect(recovered).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(lost).toMatchObject({ status: 'dead-lettered', attempts: 2, error: 'BatchProcessingError: 1 of 1 records failed' });
    expect(broken.deadLetters).toHaveLength(1);
    expect(broken.deadLetters[0]?.event).toMatchObject({ source: 'notifier.bulk-load', 'detail-type': 'Bulk Load Completed', account: '123456789012', region: 'eu-west-1', detail: entry.detail });
  });
  it('runs a scheduled rule with the Scheduled Event shape through the same retries and dead letters, never on the bus', async () => {
    // Prepare
    const fixture = structuredClone(scheduledEvent);
    const schedule = { name: 'VideoTranscriber/SweepScheduleRule', ruleArn: fixture.resources[0]!, targets: ['sweep', 'audit'] };
    const received: Array<[string, BusEvent]> = [];
    let sweepFailuresLeft = 1;
    const bus = new EventRouter({
      rules: [{ name: 'AnyAwsEvents', pattern: { source: ['aws.events'] }, targets: ['listener'] }],
      retryDelayMs: () => 1,
      maximumRetryAttempts: (fn) => (fn === 'audit' ? 1 : 2),
      invoke: async (fn, event) => {
        received.push([fn, event]);
        if (fn === 'sweep' && sweepFailuresLeft-- > 0) throw new Error('Transcribe unreachable');
        if (fn === 'audit') throw new Error('AccessDeniedException');
      },
    });

    // Act
    const outcomes = await bus.runScheduledRule(schedule, { region: fixture.region, accountId: fixture.account });

    // Assess
    const [, event] = received[0]!;
    expect(Object.keys(event).sort()).toEqual(Object.keys(fixture).sort());
    expect(event).toMatchObject({ ...fixture, id: expect.any(String), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    expect(event.id).not.toBe(fixture.id);
    expect(received.map(([fn]) => fn).sort()).toEqual(['audit', 'audit', 'sweep', 'sweep']);
    expect(new Set(received.map(([, e]) => e)).size).toBe(1);
    expect(outcomes).toEqual([
      { rule: schedule.name, functionName: 'sweep', eventId: event.id, attempts: 2, status: 'succeeded' },
      { rule: schedule.name, functionName: 'audit', eventId: event.id, attempts: 2, status: 'dead-lettered', error: 'AccessDeniedException' },
    ]);
    expect(bus.deadLetters).toEqual([{ ...outcomes[1], event }]);
    expect(bus.stats).toEqual({ deliveries: 2, retries: 2, deadLettered: 1 });
    expect(bus.history).toEqual([]);
  });
});

describe('Function: createS3EventFactory', () => {
  it('builds the EventBridge Object Created shape with the key as stored and growing sequencers', () => {
    // Prepare
    const toEvent = createS3EventFactory({ region: 'eu-west-1', accountId: '123456789012' });
    const write = { bucket: 'uploads', key: 'private/eu-west-1:abc/red flower+1.jpg', size: 42, etag: 'abc123', reason: 'PutObject', sourceIp: '127.0.0.1', time: new Date('2026-01-02T03:04:05.678Z') };

    // Act
    const first = toEvent(write);
    const second = toEvent(write);

    // Assess
    const expectedKeys = Object.keys(s3ObjectCreated).sort();
    expect(Object.keys(first).sort()).toEqual(expectedKeys);
    expect(Object.keys(first.detail).sort()).toEqual(Object.keys(s3ObjectCreated.detail).sort());
    expect(first).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      region: 'eu-west-1',
      account: '123456789012',
      time: '2026-01-02T03:04:05Z',
      resources: ['arn:aws:s3:::uploads'],
      detail: { bucket: { name: 'uploads' }, object: { key: 'private/eu-west-1:abc/red flower+1.jpg', size: 42, etag: 'abc123' }, reason: 'PutObject' },
    });
    expect(BigInt(`0x${second.detail.object.sequencer}`)).toBeGreaterThan(BigInt(`0x${first.detail.object.sequencer}`));
    expect(second.id).not.toBe(first.id);
  });
});
