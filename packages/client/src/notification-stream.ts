import { OnNotificationDocument, UserUpdatesDocument } from '@notifier/schema';
import type { Backoff } from './backoff';
import type { CatchUpPage } from './catch-up';
import { RecentIds } from './dedupe';
import type { AppSyncRealtimeErrorEntry } from './errors';
import { NotifierCatchUpError, NotifierClientError, NotifierSubscriptionError } from './errors';
import { describeErrors } from './protocol';
import type { RealtimeConnection } from './realtime-connection';
import type { Notification, NotificationSource, NotifierLogger, NotifierSubscription, SubscribeOptions, Timers, UserUpdate } from './types';

/** What a stream needs from the client. */
export interface NotificationStreamDeps {
  connection: RealtimeConnection;
  fetchPage: (after: string | null) => Promise<CatchUpPage>;
  backoff: Backoff;
  timers: Timers;
  logger: NotifierLogger;
  dedupeCapacity: number;
  /** Live notifications held back during one catch-up pass, at most. */
  holdCapacity: number;
  now: () => number;
}

/**
 * How far before `subscribe()` (by this device's clock) a notification may have been created and
 * still count as "after subscribing" when no position was established before a gap. Requests are
 * signed with this clock and AppSync refuses signatures more than 5 minutes off, so a working
 * client's clock is within 5 minutes of the server's that stamps `createdAt`: erring early can
 * deliver a notification from just before subscribing, never lose one from after.
 */
const CLOCK_SKEW_ALLOWANCE_MS = 5 * 60_000;

/**
 * One `client.subscribe`: the `onNotification` subscription (plus `userUpdates` when asked), the
 * catch-up after every reconnect, deduplication by id and the client-side kind filter.
 *
 * Every kind arrives through `onNotification`, filtered here rather than with one subscription per
 * kind: the catch-up query returns every kind anyway (so the filter must exist on the client), a
 * kind added later on the server has no per-kind subscription field but does reach
 * `onNotification`, and one `start` per connection keeps signing and reconnect work constant.
 */
export class NotificationStream implements NotifierSubscription {
  private readonly seen: RecentIds;
  /** Live deliveries after which a catch-up moves the position up to them: half the dedupe set. */
  private readonly catchUpEvery: number;
  /** Ids first delivered live since the position last moved past them. */
  private liveSinceCatchUp = 0;
  private readonly kinds: ReadonlySet<string> | undefined;
  private readonly stops: (() => void)[] = [];
  private readonly removeListener: () => void;
  private active = true;
  private startedOnce = false;
  /** True once a catch-up pass established a position (`after` given counts as established). */
  private synced: boolean;
  /**
   * Without `after`, notifications created from this time (epoch ms) on are this subscription's.
   * Used only when a gap came before any position was established.
   */
  private readonly since: number;
  /** The connection dropped or the subscription restarted before a position was established. */
  private gapBeforeSync = false;
  private position: string | null;
  /** The catch-up pass in progress (never rejects). */
  private running: Promise<void> | undefined;
  private catchUpQueued = false;
  private catchUpFailures = 0;
  private catchUpTimer: unknown;
  /**
   * Live notifications that arrived during a delivering catch-up, by id in arrival order; the pass
   * takes out those it delivers, so releasing the rest is not a second replay of ids the pass may
   * have pushed out of the dedupe set.
   */
  private held: Map<string, Notification> | undefined;
  /**
   * More live notifications arrived during this pass than `holdCapacity`: they are let go of, not
   * held (memory stays bounded), and the pass runs another round from the position it reached.
   */
  private heldOverflow = false;

  public constructor(
    private readonly deps: NotificationStreamDeps,
    private readonly options: SubscribeOptions,
  ) {
    this.seen = new RecentIds(deps.dedupeCapacity);
    this.catchUpEvery = Math.max(1, Math.floor(deps.dedupeCapacity / 2));
    this.kinds = options.kinds ? new Set(options.kinds) : undefined;
    this.position = options.after ?? null;
    this.synced = options.after !== undefined;
    this.since = deps.now() - CLOCK_SKEW_ALLOWANCE_MS;

    this.removeListener = deps.connection.listen({
      onStatus: (status) => {
        if (status.state === 'disconnected' && !this.synced) this.gapBeforeSync = true;
        this.call('onStatus', () => options.onStatus?.(status));
      },
      onError: (error) => this.reportError(error),
    });
    this.stops.push(
      deps.connection.add('onNotification', JSON.stringify({ query: OnNotificationDocument.toString(), variables: {} }), {
        onStarted: () => this.onStarted(),
        onData: (payload) => this.onNotificationData(payload),
        onError: (error) => this.onSubscriptionError(error),
      }),
    );
    if (options.onUserUpdate) {
      const variables = options.userUpdatesFor === undefined ? {} : { id: options.userUpdatesFor };
      this.stops.push(
        deps.connection.add('userUpdates', JSON.stringify({ query: UserUpdatesDocument.toString(), variables }), {
          onStarted: () => undefined,
          onData: (payload) => this.onUserUpdateData(payload),
          onError: (error) => this.onSubscriptionError(error),
        }),
      );
    }
  }

  public unsubscribe(): void {
    if (!this.active) return;
    this.active = false;
    if (this.catchUpTimer !== undefined) this.deps.timers.clearTimeout(this.catchUpTimer);
    // Listener first: a caller who unsubscribed hears nothing more, not even the socket closing.
    this.removeListener();
    for (const stop of this.stops) stop();
  }

  public cursor(): string | null {
    return this.position;
  }

  // ------------------------------------------------------------------ live

  private onStarted(): void {
    const reconnect = this.startedOnce;
    this.startedOnce = true;
    if (reconnect && !this.synced) this.gapBeforeSync = true;
    this.call('onSubscribed', () => this.options.onSubscribed?.({ reconnect }));
    // The first start resumes from `after` or, without it, establishes the current position
    // silently; every later start follows a gap (reconnect, restarted subscription) and delivers
    // what the gap hid: everything after the position or, if none was established yet,
    // everything created since subscribing. Live data flows meanwhile: ids seen twice are dropped.
    this.catchUp();
  }

  private onNotificationData(payload: { data?: Record<string, unknown> | null; errors?: AppSyncRealtimeErrorEntry[] }): void {
    const notification = payload.data?.onNotification as Notification | null | undefined;
    this.reportDataErrors('onNotification', payload.errors);
    if (!notification || typeof notification.id !== 'string') return;
    // While a catch-up runs, hold live ones back so missed (older) notifications come first.
    if (this.held) this.hold(this.held, notification);
    else this.deliver(notification, 'live');
  }

  /**
   * Holds a live notification until the running pass ends, up to `holdCapacity` of them. Past that,
   * the held ones and every later arrival of this pass are let go of rather than delivered live:
   * each was stored before AppSync published it, so the further round the pass then runs, from the
   * position its last page reached, returns every one of them in order. Delivering them live
   * instead would let the pass's replay meet them after it had pushed them out of the dedupe set.
   */
  private hold(held: Map<string, Notification>, notification: Notification): void {
    if (this.heldOverflow || this.seen.has(notification.id)) return;
    // Setting an id held already keeps its place.
    if (held.has(notification.id) || held.size < this.deps.holdCapacity) {
      held.set(notification.id, notification);
      return;
    }
    this.heldOverflow = true;
    held.clear();
    this.deps.logger.warn('More live notifications arrived during a catch-up than catchUpHoldCapacity: the catch-up delivers them instead', {
      catchUpHoldCapacity: this.deps.holdCapacity,
    });
  }

  private onUserUpdateData(payload: { data?: Record<string, unknown> | null; errors?: AppSyncRealtimeErrorEntry[] }): void {
    const update = payload.data?.userUpdates as UserUpdate | null | undefined;
    this.reportDataErrors('userUpdates', payload.errors);
    if (update) this.call('onUserUpdate', () => this.options.onUserUpdate?.(update));
  }

  /** Errors delivered alongside (or instead of) a subscription's data: reported, never fatal to the stream. */
  private reportDataErrors(operation: 'onNotification' | 'userUpdates', errors: AppSyncRealtimeErrorEntry[] | undefined): void {
    if (!errors?.length) return;
    this.reportError(new NotifierSubscriptionError(`${operation} delivered errors: ${describeErrors(errors)}`, { operation, errors }));
  }

  private onSubscriptionError(error: NotifierSubscriptionError): void {
    this.reportError(error);
  }

  private deliver(notification: Notification, source: NotificationSource): void {
    if (!this.active || !this.seen.add(notification.id)) return;
    if (source === 'live') this.countLive();
    if (this.kinds && !this.kinds.has(notification.kind)) return;
    this.call('onNotification', () => this.options.onNotification(notification, { source }));
  }

  /**
   * A replay after a gap starts at the position and meets every id delivered live since then; each
   * must still be in the dedupe set when the replay reaches it. So once live deliveries since the
   * position reach half the set, an ordinary catch-up moves the position up to them, and a replay
   * never holds more delivered ids than the set remembers.
   */
  private countLive(): void {
    this.liveSinceCatchUp += 1;
    // A pending retry moves the position when it runs; starting now would skip its backoff.
    if (this.liveSinceCatchUp >= this.catchUpEvery && this.catchUpTimer === undefined && !this.catchUpQueued) {
      this.catchUp();
    }
  }

  // ------------------------------------------------------------------ catch-up

  /**
   * Runs a catch-up now (after any running one): delivers what was not delivered yet and returns
   * the up-to-date cursor. Rejects with a `NotifierCatchUpError` when the query fails.
   */
  public async sync(): Promise<string | null> {
    if (!this.active) return this.position;
    while (this.running) await this.running;
    const run = this.runCatchUp('sync');
    this.running = run.catch(() => undefined);
    try {
      await run;
    } finally {
      this.running = undefined;
      if (this.catchUpQueued) {
        this.catchUpQueued = false;
        this.catchUp();
      }
    }
    return this.position;
  }

  private catchUp(): void {
    if (!this.active) return;
    if (this.running) {
      this.catchUpQueued = true;
      return;
    }
    if (this.catchUpTimer !== undefined) {
      this.deps.timers.clearTimeout(this.catchUpTimer);
      this.catchUpTimer = undefined;
    }
    this.running = this.runCatchUp('background').finally(() => {
      this.running = undefined;
      if (this.catchUpQueued) {
        this.catchUpQueued = false;
        this.catchUp();
      }
    });
  }

  /** One catch-up pass; `background` reports failures and retries, `sync` rejects with them. */
  private async runCatchUp(mode: 'background' | 'sync'): Promise<void> {
    const deliver = this.synced;
    if (deliver || this.gapBeforeSync) this.held ??= new Map();
    // Every id delivered live before this pass was published before its query: the new position
    // is past all of them.
    const counted = this.liveSinceCatchUp;
    try {
      for (;;) {
        await this.fetchPages(deliver);
        if (!this.active) return;
        // Live notifications were let go of during the pass (see hold): another round picks them up.
        if (!this.heldOverflow) break;
        this.heldOverflow = false;
        this.deps.logger.debug('catch-up round for the live notifications it did not hold', { after: this.position });
      }
      this.synced = true;
      this.gapBeforeSync = false;
      this.catchUpFailures = 0;
      this.liveSinceCatchUp -= counted;
    } catch (err) {
      const refused = validationErrorOf(err);
      const error = refused
        ? new NotifierCatchUpError(`AppSync refused the catch-up query: ${refused}`, { cause: err, fatal: true })
        : err instanceof NotifierCatchUpError
          ? err
          : new NotifierCatchUpError(`The catch-up query failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      if (error.fatal) {
        // The same query would be refused again (and at every reconnect): end the subscription once
        // rather than retry for ever or go on without the catch-up that makes delivery complete.
        if (mode === 'background') this.reportError(error);
        this.unsubscribe();
        if (mode === 'sync') throw error;
        return;
      }
      if (mode === 'sync') {
        // Notifications let go of during this pass are delivered by the next one: start it, with
        // its background retries, rather than wait for a later gap or call to sync().
        if (this.heldOverflow) this.catchUpQueued = true;
        throw error;
      }
      if (!this.active) return;
      this.catchUpFailures += 1;
      const delay = this.deps.backoff.delay(this.catchUpFailures);
      this.reportError(error);
      this.deps.logger.debug('catch-up failed; retrying', { attempt: this.catchUpFailures, retryInMs: delay });
      this.catchUpTimer = this.deps.timers.setTimeout(() => {
        this.catchUpTimer = undefined;
        this.catchUp();
      }, delay);
    } finally {
      this.heldOverflow = false;
      // Released on failure too: live delivery must not wait for a retry.
      const held = this.held;
      this.held = undefined;
      for (const notification of held?.values() ?? []) this.deliver(notification, 'live');
    }
  }

  /** Fetches pages from the position until the server has no more, delivering them when `deliver` (or bounded by `since`). */
  private async fetchPages(deliver: boolean): Promise<void> {
    for (;;) {
      const page = await this.deps.fetchPage(this.position);
      if (!this.active) return;
      if (page.cursorExpired && deliver) {
        this.reportError(
          new NotifierCatchUpError(
            'The catch-up position is older than the retention window: notifications before the oldest retained one are no longer available',
          ),
        );
      }
      // Read per page: a gap may begin while a silent pass is between pages.
      const bounded = !deliver && this.gapBeforeSync;
      if (deliver || bounded) {
        for (const item of page.items) {
          if (bounded && createdAtMs(item) < this.since) continue;
          this.held?.delete(item.id);
          this.deliver(item, 'catch-up');
        }
      }
      const previous = this.position;
      this.position = page.cursor ?? this.position;
      // A server that says "more" without moving the cursor would loop forever.
      if (!page.hasMore || this.position === previous) break;
    }
  }

  // ------------------------------------------------------------------ callbacks

  private reportError(error: NotifierClientError): void {
    if (!this.active) return;
    if (this.options.onError) {
      this.call('onError', () => this.options.onError?.(error));
    } else {
      this.deps.logger.warn(error.message, { name: error.name });
    }
  }

  /** Runs a caller's callback; a throwing callback must not break the connection's state machine. */
  private call(name: string, callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.deps.logger.error(`The ${name} callback threw`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  }
}

/**
 * The message of a GraphQL `ValidationError` the catch-up query was answered with (looked for along the
 * error's causes), or undefined: such a refusal is about the query itself, so retrying cannot help.
 */
function validationErrorOf(err: unknown): string | undefined {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const entries = (current as { errors?: unknown }).errors;
    if (!Array.isArray(entries)) continue;
    const entry = (entries as { errorType?: unknown; message?: unknown }[]).find((e) => e?.errorType === 'ValidationError');
    if (entry) return `ValidationError: ${typeof entry.message === 'string' ? entry.message : 'no message'}`;
  }
  return undefined;
}

/** A notification's `createdAt` in epoch ms; one that cannot be read counts as new, so it is not dropped. */
function createdAtMs(notification: Notification): number {
  const ms = Date.parse(notification.createdAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}
