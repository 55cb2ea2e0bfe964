import { randomUUID } from 'node:crypto';
import { compileEventPattern, type EventPattern } from './event-pattern';

/** One EventBridge rule as deployed: its pattern and the functions it targets. */
export interface EventRule {
  /** `<stack>/<logical id>` of the `AWS::Events::Rule`. */
  name: string;
  pattern: EventPattern;
  /** Names of the target functions. */
  targets: string[];
}

/** The EventBridge envelope every event on the bus has. */
export interface BusEvent {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** What happened to one event at one target. */
export interface DeliveryOutcome {
  rule: string;
  functionName: string;
  eventId: string;
  /** Invocations made: 1 + retries. */
  attempts: number;
  status: 'succeeded' | 'dead-lettered';
  error?: string;
}

/** Options of {@link EventRouter}. */
export interface EventRouterOptions {
  rules: EventRule[];
  /** Invokes a function asynchronously with the event (rejects when the handler fails). */
  invoke: (functionName: string, event: BusEvent) => Promise<unknown>;
  /**
   * Retries Lambda makes after a failed asynchronous invocation (the function's `EventInvokeConfig`).
   * @default () => 2
   */
  maximumRetryAttempts?: (functionName: string) => number;
  /**
   * Delay before retry `n` (1-based). Lambda waits about a minute, then two; locally it is short.
   * @default n => 100 * 2 ** (n - 1)
   */
  retryDelayMs?: (attempt: number) => number;
  /** Called for every delivery that ends, successfully or in the dead-letter list. */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/**
 * The local default event bus: matches every event against the deployed rules' patterns and invokes
 * each matching rule's target functions as Lambda's asynchronous invocation does, retrying failed
 * invocations and keeping those that still fail in a dead-letter list (the on-failure destination),
 * so no event is dropped silently.
 *
 * @example
 * const bus = new EventRouter({ rules, invoke: (fn, event) => functions.get(fn)!.invoke(event) });
 * await bus.put(event);
 */
export class EventRouter {
  /** Deliveries that failed every attempt, as the on-failure destination (a dead-letter queue) would hold them. */
  public readonly deadLetters: Array<DeliveryOutcome & { event: BusEvent }> = [];
  /** Counts since the bus started: deliveries ended, invocations retried, deliveries dead-lettered. */
  public readonly stats = { deliveries: 0, retries: 0, deadLettered: 0 };
  /** The most recent events put on the bus (at most 1,000), oldest first: to inspect or replay them. */
  public readonly history: BusEvent[] = [];
  private readonly rules: Array<EventRule & { matches: (event: unknown) => boolean }>;
  private readonly options: EventRouterOptions;

  public constructor(options: EventRouterOptions) {
    this.options = options;
    this.rules = options.rules.map((rule) => ({ ...rule, matches: compileEventPattern(rule.pattern) }));
  }

  /** The rules an event matches. */
  public match(event: BusEvent): EventRule[] {
    return this.rules.filter((rule) => rule.matches(event));
  }

  /** Delivers an event to every matching target; resolves with each delivery's outcome once all have ended. */
  public async put(event: BusEvent): Promise<DeliveryOutcome[]> {
    this.history.push(event);
    if (this.history.length > 1_000) this.history.shift();
    const deliveries = this.match(event).flatMap((rule) => rule.targets.map((functionName) => this.deliver(rule.name, functionName, event)));
    return Promise.all(deliveries);
  }

  /**
   * Runs a scheduled rule's targets with EventBridge's `Scheduled Event` (source `aws.events`, the rule's
   * ARN in `resources`, `detail` `{}`), through the same asynchronous delivery as matched events: each
   * failed invocation is retried per the target's `EventInvokeConfig`, then kept in {@link deadLetters}.
   * Resolves with each target's outcome once all have ended; it never rejects for a handler failure.
   *
   * @example
   * const [outcome] = await bus.runScheduledRule({ name: 'VideoTranscriber/SweepScheduleRule', ruleArn, targets: ['sweep'] }, { region, accountId });
   * if (outcome?.status === 'dead-lettered') console.error(outcome.error);
   */
  public runScheduledRule(
    rule: { name: string; ruleArn: string; targets: string[] },
    where: { region: string; accountId: string },
  ): Promise<DeliveryOutcome[]> {
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: where.accountId,
      time: eventTime(),
      region: where.region,
      resources: [rule.ruleArn],
      detail: {},
    };
    // A schedule invokes its targets directly: the event is not put on the bus for other rules to match.
    return Promise.all(rule.targets.map((functionName) => this.deliver(rule.name, functionName, event)));
  }

  /**
   * Puts a custom event on the bus, as `PutEvents` does: fills the envelope (id, time, account, region).
   *
   * @example
   * await bus.putEvent({ source: 'notifier.bulk-load', detailType: 'Bulk Load Completed', detail }, { region, accountId });
   */
  public putEvent(
    entry: { source: string; detailType: string; detail: unknown; resources?: string[] },
    where: { region: string; accountId: string },
  ): Promise<DeliveryOutcome[]> {
    return this.put({
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: where.accountId,
      time: eventTime(),
      region: where.region,
      resources: entry.resources ?? [],
      detail: entry.detail,
    });
  }

  private async deliver(rule: string, functionName: string, event: BusEvent): Promise<DeliveryOutcome> {
    const retries = this.options.maximumRetryAttempts?.(functionName) ?? 2;
    const delay = this.options.retryDelayMs ?? ((n: number) => 100 * 2 ** (n - 1));
    let lastError: unknown;
    for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
      if (attempt > 1) {
        this.stats.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, delay(attempt - 1)));
      }
      try {
        await this.options.invoke(functionName, event);
        const outcome: DeliveryOutcome = { rule, functionName, eventId: event.id, attempts: attempt, status: 'succeeded' };
        this.stats.deliveries += 1;
        this.options.onOutcome?.(outcome);
        return outcome;
      } catch (error) {
        lastError = error;
      }
    }
    const outcome: DeliveryOutcome = {
      rule,
      functionName,
      eventId: event.id,
      attempts: retries + 1,
      status: 'dead-lettered',
      error: lastError instanceof Error ? lastError.message : String(lastError),
    };
    this.deadLetters.push({ ...outcome, event });
    this.stats.deliveries += 1;
    this.stats.deadLettered += 1;
    this.options.onOutcome?.(outcome);
    return outcome;
  }
}

/** EventBridge's `time`: ISO 8601 to the second. */
function eventTime(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
