// Redrive of an app's dead-letter queue: each message goes back to the function it failed in, as the
// event that function originally received. `aws sqs start-message-move-task` cannot do this: it moves
// messages between queues, and these dead letters come from Lambda destinations and EventBridge, not
// from a source queue.
import { RedriveMessageError } from '../lib/errors';

/** The SQS message fields the redrive reads (as `ReceiveMessage` returns them). */
export interface QueueMessage {
  readonly MessageId?: string;
  readonly ReceiptHandle?: string;
  readonly Body?: string;
  readonly MessageAttributes?: Record<string, { StringValue?: string; DataType?: string }>;
}

/** One dead letter, understood. */
export interface DeadLetter {
  readonly messageId: string;
  readonly receiptHandle: string;
  /** The function to invoke again (qualified ARN for Lambda records). */
  readonly functionArn: string;
  /** The original event, as JSON text. */
  readonly payload: string;
  /** Where the dead letter came from. */
  readonly origin: 'lambda-destination' | 'eventbridge';
  /** Why it failed (condition, error code and message), for the report. */
  readonly reason: string;
}

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

/**
 * Reads a dead letter: a Lambda on-failure destination record (`requestContext.functionArn`,
 * `requestPayload`) or an EventBridge target dead letter (the event as body, `TARGET_ARN` attribute).
 *
 * @example
 * const letter = parseDeadLetter(message); // { functionArn, payload, origin: 'eventbridge', ... }
 */
export function parseDeadLetter(message: QueueMessage): DeadLetter {
  const messageId = message.MessageId ?? '(no id)';
  if (!message.ReceiptHandle) throw new RedriveMessageError(`message ${messageId}: no receipt handle`);
  if (message.Body === undefined) throw new RedriveMessageError(`message ${messageId}: no body`);
  let body: unknown;
  try {
    body = JSON.parse(message.Body);
  } catch (error) {
    throw new RedriveMessageError(`message ${messageId}: body is not JSON`, { cause: error });
  }
  const base = { messageId, receiptHandle: message.ReceiptHandle };

  const targetArn = message.MessageAttributes?.TARGET_ARN?.StringValue;
  if (targetArn !== undefined) {
    if (!FUNCTION_ARN.test(targetArn)) {
      throw new RedriveMessageError(`message ${messageId}: TARGET_ARN is not a Lambda function ARN: ${targetArn}`);
    }
    const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
    return {
      ...base,
      functionArn: targetArn,
      payload: message.Body,
      origin: 'eventbridge',
      reason: [attribute('ERROR_CODE'), attribute('ERROR_MESSAGE')].filter(Boolean).join(': ') || 'EventBridge delivery failed',
    };
  }

  if (isRecord(body) && isRecord(body.requestContext) && 'requestPayload' in body) {
    const functionArn = body.requestContext.functionArn;
    if (typeof functionArn !== 'string' || !FUNCTION_ARN.test(functionArn)) {
      throw new RedriveMessageError(`message ${messageId}: requestContext.functionArn is not a Lambda function ARN`);
    }
    const response = isRecord(body.responsePayload) ? body.responsePayload : {};
    const condition = typeof body.requestContext.condition === 'string' ? body.requestContext.condition : 'failed';
    const error = [response.errorType, response.errorMessage].filter((part) => typeof part === 'string').join(': ');
    return {
      ...base,
      functionArn,
      payload: JSON.stringify(body.requestPayload),
      origin: 'lambda-destination',
      reason: error ? `${condition}: ${error}` : condition,
    };
  }

  throw new RedriveMessageError(
    `message ${messageId}: neither a Lambda on-failure record (requestContext, requestPayload) nor an EventBridge dead letter (TARGET_ARN attribute)`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The queue and function calls the redrive makes (real AWS SDK clients in the CLI, fakes in tests). */
export interface RedriveClients {
  /** Receives up to 10 messages, hiding them for `visibilitySeconds`. */
  receive(visibilitySeconds: number): Promise<QueueMessage[]>;
  /** Invokes a function asynchronously with the payload; throws when Lambda does not accept it. */
  invoke(functionArn: string, payload: string): Promise<void>;
  /** Deletes a redriven message. */
  remove(receiptHandle: string): Promise<void>;
}

/** Options of {@link redriveDeadLetters}. */
export interface RedriveOptions {
  /** Queue and function calls. */
  readonly clients: RedriveClients;
  /**
   * Only read and report; invoke and delete nothing.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * Stop after this many messages.
   * @default 1000
   */
  readonly maxMessages?: number;
  /**
   * How long a received message stays hidden from other readers while it is redriven.
   * @default 60
   */
  readonly visibilitySeconds?: number;
}

/** What a redrive did. */
export interface RedriveReport {
  /** Messages sent back to their function and deleted (in a dry run: that would be). */
  readonly redriven: Array<Pick<DeadLetter, 'messageId' | 'functionArn' | 'origin' | 'reason'>>;
  /** Messages left in the queue, with why. */
  readonly kept: Array<{ messageId: string; error: string }>;
}

/**
 * Sends every dead letter of a queue back to the function it failed in, deleting each one only once
 * Lambda accepted it; messages that cannot be read or re-sent stay in the queue and are reported.
 *
 * @example
 * const report = await redriveDeadLetters({ clients: awsRedriveClients(queueUrl) });
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveReport> {
  const { clients } = options;
  const dryRun = options.dryRun ?? false;
  const maxMessages = options.maxMessages ?? 1000;
  const visibility = options.visibilitySeconds ?? 60;
  const seen = new Set<string>();
  const report: { redriven: RedriveReport['redriven']; kept: RedriveReport['kept'] } = { redriven: [], kept: [] };

  while (seen.size < maxMessages) {
    const batch = await clients.receive(visibility);
    const fresh = batch.filter((message) => !seen.has(message.MessageId ?? message.ReceiptHandle ?? ''));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      if (seen.size >= maxMessages) break;
      seen.add(message.MessageId ?? message.ReceiptHandle ?? '');
      let letter: DeadLetter;
      try {
        letter = parseDeadLetter(message);
      } catch (error) {
        report.kept.push({ messageId: message.MessageId ?? '(no id)', error: (error as Error).message });
        continue;
      }
      const entry = { messageId: letter.messageId, functionArn: letter.functionArn, origin: letter.origin, reason: letter.reason };
      if (dryRun) {
        report.redriven.push(entry);
        continue;
      }
      try {
        await clients.invoke(letter.functionArn, letter.payload);
      } catch (error) {
        report.kept.push({ messageId: letter.messageId, error: `invoke ${letter.functionArn} failed: ${(error as Error).message}` });
        continue;
      }
      await clients.remove(letter.receiptHandle);
      report.redriven.push(entry);
    }
  }
  return report;
}
