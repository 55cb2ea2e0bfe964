import lambdaDestination from './events/sqs/lambda-destination.json';
import eventBridgeDeadLetter from './events/sqs/eventbridge-dead-letter.json';
import { RedriveMessageError } from '../lib/errors';
import { parseDeadLetter, redriveDeadLetters, type QueueMessage, type RedriveClients } from '../src/redrive';

/** An in-memory queue with SQS's receive/delete semantics and a recording Lambda. */
function fakeClients(messages: QueueMessage[], failInvokeFor: string[] = []) {
  const queue = [...messages];
  const invocations: Array<{ functionArn: string; payload: unknown }> = [];
  const clients: RedriveClients = {
    receive: async () => queue.slice(0, 10),
    invoke: async (functionArn, payload) => {
      if (failInvokeFor.includes(functionArn)) throw new Error('TooManyRequestsException');
      invocations.push({ functionArn, payload: JSON.parse(payload) });
    },
    remove: async (receiptHandle) => {
      const index = queue.findIndex((m) => m.ReceiptHandle === receiptHandle);
      if (index >= 0) queue.splice(index, 1);
    },
  };
  return { clients, queue, invocations };
}

describe('Function: parseDeadLetter', () => {
  it('reads a Lambda on-failure record: the function and its original event', () => {
    // Prepare
    const message = structuredClone(lambdaDestination);
    const record = JSON.parse(message.Body);

    // Act
    const letter = parseDeadLetter(message);

    // Assess
    expect(letter).toEqual({
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      functionArn: record.requestContext.functionArn,
      payload: JSON.stringify(record.requestPayload),
      origin: 'lambda-destination',
      reason: 'RetriesExhausted: AppSyncHttpError: AppSync answered 503',
    });
  });

  it('reads an EventBridge dead letter: the target function and the event as sent', () => {
    // Prepare
    const message = structuredClone(eventBridgeDeadLetter);

    // Act
    const letter = parseDeadLetter(message);

    // Assess
    expect(letter.origin).toBe('eventbridge');
    expect(letter.functionArn).toBe(message.MessageAttributes.TARGET_ARN.StringValue);
    expect(letter.payload).toBe(message.Body);
    expect(letter.reason).toBe('SDK_CLIENT_ERROR: Unable to invoke Lambda function: Rate Exceeded.');
  });

  it.each([
    ['a body that is not JSON', { Body: 'not json' }, /body is not JSON/],
    ['a message of another kind', { Body: '{"hello":"world"}', MessageAttributes: undefined }, /neither a Lambda on-failure record/],
    ['a target that is not a function', { MessageAttributes: { TARGET_ARN: { StringValue: 'arn:aws:sqs:eu-west-1:123456789012:q' } } }, /not a Lambda function ARN/],
    ['a message without receipt handle', { ReceiptHandle: undefined }, /no receipt handle/],
  ])('refuses %s with a clear error', (_name, change, message) => {
    // Prepare
    const input = { ...structuredClone(eventBridgeDeadLetter), ...change } as QueueMessage;

    // Act + Assess
    expect(() => parseDeadLetter(input)).toThrow(RedriveMessageError);
    expect(() => parseDeadLetter(input)).toThrow(message);
  });
});

describe('Function: redriveDeadLetters', () => {
  it('invokes each function with its original event and deletes each redriven message', async () => {
    // Prepare
    const fake = fakeClients([structuredClone(lambdaDestination), structuredClone(eventBridgeDeadLetter)]);

    // Act
    const report = await redriveDeadLetters({ clients: fake.clients });

    // Assess
    expect(fake.invocations).toEqual([
      { functionArn: JSON.parse(lambdaDestination.Body).requestContext.functionArn, payload: JSON.parse(lambdaDestination.Body).requestPayload },
      { functionArn: eventBridgeDeadLetter.MessageAttributes.TARGET_ARN.StringValue, payload: JSON.parse(eventBridgeDeadLetter.Body) },
    ]);
    expect(fake.queue).toEqual([]);
    expect(report.redriven.map((r) => r.origin)).toEqual(['lambda-destination', 'eventbridge']);
    expect(report.kept).toEqual([]);
  });

  it('keeps unreadable messages and messages Lambda refused, and reports them', async () => {
    // Prepare
    const unreadable = { ...structuredClone(lambdaDestination), MessageId: 'bad', ReceiptHandle: 'rh-bad', Body: '{}' };
    const refusedArn = eventBridgeDeadLetter.MessageAttributes.TARGET_ARN.StringValue;
    const fake = fakeClients([unreadable, structuredClone(eventBridgeDeadLetter), structuredClone(lambdaDestination)], [refusedArn]);

    // Act
    const report = await redriveDeadLetters({ clients: fake.clients });

    // Assess
    expect(report.redriven.map((r) => r.messageId)).toEqual([lambdaDestination.MessageId]);
    expect(report.kept).toEqual([
      { messageId: 'bad', error: expect.stringMatching(/neither a Lambda on-failure record/) },
      { messageId: eventBridgeDeadLetter.MessageId, error: expect.stringMatching(/TooManyRequestsException/) },
    ]);
    expect(fake.queue.map((m) => m.MessageId)).toEqual(['bad', eventBridgeDeadLetter.MessageId]);
  });

  it('invokes and deletes nothing in a dry run', async () => {
    // Prepare
    const fake = fakeClients([structuredClone(lambdaDestination), structuredClone(eventBridgeDeadLetter)]);

    // Act
    const report = await redriveDeadLetters({ clients: fake.clients, dryRun: true });

    // Assess
    expect(report.redriven).toHaveLength(2);
    expect(fake.invocations).toEqual([]);
    expect(fake.queue).toHaveLength(2);
  });

  it('stops after the maximum number of messages', async () => {
    // Prepare
    const many = Array.from({ length: 25 }, (_, i) => ({ ...structuredClone(eventBridgeDeadLetter), MessageId: `m${i}`, ReceiptHandle: `rh${i}` }));
    const fake = fakeClients(many);

    // Act
    const report = await redriveDeadLetters({ clients: fake.clients, maxMessages: 12 });

    // Assess
    expect(report.redriven).toHaveLength(12);
    expect(fake.queue).toHaveLength(13);
  });
});
