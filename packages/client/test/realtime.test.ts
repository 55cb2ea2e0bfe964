import { eventually } from '@notifier/appsync-local/testing';
import WebSocket from 'ws';
import {
  createNotifierClient,
  NotifierCatchUpError,
  NotifierConnectionError,
  NotifierSubscriptionError,
  type ConnectionStatus,
  type Notification,
  type NotificationSource,
  type NotifierClient,
  type NotifierClientError,
  type NotifierClientOptions,
  type SubscribeOptions,
  type Timers,
} from '../src';
import { AppSyncPeer, notification, PEER_REGION, type PeerCredentials } from '../testing';

const CREDENTIALS_A: PeerCredentials = {
  accessKeyId: 'ASIAPEERTESTKEYAAAA',
  secretAccessKey: 'secret/a/0123456789abcdefghijklmnopqrstuv',
  sessionToken: 'session-token-a',
};
const CREDENTIALS_B: PeerCredentials = {
  accessKeyId: 'ASIAPEERTESTKEYBBBB',
  secretAccessKey: 'secret/b/0123456789abcdefghijklmnopqrstuv',
  sessionToken: 'session-token-b',
};

interface Recorder {
  delivered: { notification: Notification; source: NotificationSource }[];
  statuses: ConnectionStatus[];
  errors: NotifierClientError[];
  options: SubscribeOptions;
}

function recorder(extra: Partial<SubscribeOptions> = {}): Recorder {
  const r: Recorder = {
    delivered: [],
    statuses: [],
    errors: [],
    options: undefined as unknown as SubscribeOptions,
  };
  r.options = {
    onNotification: (n, meta) => r.delivered.push({ notification: n, source: meta.source }),
    onStatus: (s) => r.statuses.push(s),
    onError: (e) => r.errors.push(e),
    ...extra,
  };
  return r;
}

/**
 * Timers and a clock that move only when told: the socket talks to the peer for real while every
 * timer of the client waits for `advance`.
 */
class ManualClock implements Timers {
  public now = Date.now();
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; ms: number; callback: () => void }>();

  public setTimeout = (callback: () => void, ms: number): unknown => {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.now + ms, ms, callback });
    return handle;
  };

  public clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Delays (as requested) of the timers not yet fired or cleared. */
  public pending(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  /** Moves the clock forward, firing each timer that falls due on the way, in order. */
  public advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = target;
  }
}


/**
 * A fetch held until `release()`: `request` sends nothing before it; `response` lets the server answer (so the
 * page reflects the feed at that moment) but hands the answer to the client only then.
 */
function gatedFetch(hold: 'request' | 'response'): { fetch: NotifierClientOptions['fetch']; release: () => void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const fetch: NotifierClientOptions['fetch'] = async (input, init) => {
    if (hold === 'request') await gate;
    const response = await globalThis.fetch(input, init);
    if (hold === 'response') await gate;
    return response;
  };
  return { fetch, release: () => release() };
}
describe('Class: NotifierClient (real-time protocol against a scripted AppSync peer)', () => {
  let peer: AppSyncPeer;
  let client: NotifierClient | undefined;

  const makeClient = (options: Partial<NotifierClientOptions> = {}): NotifierClient => {
    client = createNotifierClient({
      graphqlUrl: peer.graphqlUrl,
      region: PEER_REGION,
      credentials: CREDENTIALS_A,
      WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
      backoff: { initialDelayMs: 40, maxDelayMs: 200 },
      random: () => 0.5,
      ...options,
    });
    return client;
  };

  beforeEach(async () => {
    peer = await new AppSyncPeer().start();
    peer.allow(CREDENTIALS_A);
    peer.allow(CREDENTIALS_B);
  });

  afterEach(async () => {
    client?.close();
    client = undefined;
    await peer.stop();
  });

  it('connects with a signed header, starts onNotification with a signed start and delivers data', async () => {
    // Prepare
    const r = recorder();
    const live = notification('MODEL_READY');
    makeClient();

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    connection.sendNotification(start, live);
    await eventually(() => r.delivered.length === 1, { what: 'the notification' });

    // Assess
    expect(connection.transport).toBe('query');
    expect(connection.connectCheck).toMatchObject({ ok: true, accessKeyId: CREDENTIALS_A.accessKeyId });
    expect(connection.connectCheck.signedHeaders).toEqual(
      expect.arrayContaining(['accept', 'content-encoding', 'content-type', 'host', 'x-amz-date', 'x-amz-security-token']),
    );
    expect(connection.connectHeaders.host).toBe(new URL(peer.graphqlUrl).host);
    expect(connection.received[0]).toEqual({ type: 'connection_init' });
    const data = JSON.parse(start.payload?.data ?? '{}') as { query: string; variables: unknown };
    expect(data.query).toContain('subscription OnNotification');
    expect(data.variables).toEqual({});
    expect(peer.checks.every((c) => c.ok)).toBe(true);
    expect(r.delivered).toEqual([{ notification: live, source: 'live' }]);
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
    expect(r.errors).toEqual([]);
  });

  it('carries the signed header in a header-<base64url> subprotocol when asked', async () => {
    // Prepare
    const r = recorder();
    makeClient({ authTransport: 'subprotocol' });

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    await connection.acceptStart(peer);

    // Assess
    expect(connection.transport).toBe('subprotocol');
    expect(connection.socket.protocol).toBe('graphql-ws');
    expect(connection.connectCheck.ok).toBe(true);
  });

  it('subscribes to userUpdates with its variables when onUserUpdate is given', async () => {
    // Prepare
    const updates: unknown[] = [];
    const r = recorder({ onUserUpdate: (u) => updates.push(u), userUpdatesFor: 'user-1' });
    makeClient();

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const first = await connection.acceptStart(peer);
    const second = await connection.acceptStart(peer);
    const userStart = [first, second].find((s) => s.payload?.data.includes('userUpdates'));
    const update = { id: 'user-1', displayName: 'Ada', picture: null, locale: 'en', updatedAt: '2026-11-27T14:00:00.000Z' };
    connection.send({ type: 'data', id: userStart?.id, payload: { data: { userUpdates: update } } });
    await eventually(() => updates.length === 1, { what: 'the user update' });

    // Assess
    expect(JSON.parse(userStart?.payload?.data ?? '{}').variables).toEqual({ id: 'user-1' });
    expect(updates).toEqual([update]);
  });

  it('reconnects when no keep-alive arrives within connectionTimeoutMs, and stays up while ka flows', async () => {
    // Prepare
    const r = recorder();
    makeClient();

    // Act
    client?.subscribe(r.options);
    const first = await peer.connection(0);
    await first.ack(500);
    await first.acceptStart(peer);
    // Keep-alives every 50 ms for 1 s: twice connectionTimeoutMs, yet no reconnect. The margin between
    // keep-alives (450 ms) keeps the test meaningful on a loaded machine whose timers run late.
    for (let i = 0; i < 20; i += 1) {
      first.send({ type: 'ka' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const connectionsWhileKa = peer.connections.length;
    const second = await peer.connection(1);
    await second.ack();
    await second.acceptStart(peer);

    // Assess
    expect(connectionsWhileKa).toBe(1);
    await eventually(() => first.closed, { what: 'the stale socket to close' });
    const disconnected = r.statuses.find((s) => s.state === 'disconnected');
    expect(disconnected).toMatchObject({ attempt: 1, retryInMs: 20, reason: 'keep-alive timeout' });
    expect(r.errors.some((e) => e instanceof NotifierConnectionError && /keep-alive/.test(e.message))).toBe(true);
  });

  it('refreshes the credentials and reconnects after a connection_error refusing them', async () => {
    // Prepare
    const r = recorder();
    const provider = jest
      .fn()
      .mockResolvedValueOnce({ ...CREDENTIALS_A, expiration: new Date(Date.now() + 3_600_000) })
      .mockResolvedValue({ ...CREDENTIALS_B, expiration: new Date(Date.now() + 3_600_000) });
    makeClient({ credentials: provider });

    // Act
    client?.subscribe(r.options);
    const first = await peer.connection(0);
    await first.next('connection_init');
    first.send({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', errorCode: 401 }] } });
    const second = await peer.connection(1);
    await second.ack();
    await second.acceptStart(peer);

    // Assess
    expect(provider).toHaveBeenCalledTimes(2);
    expect(second.connectCheck).toMatchObject({ ok: true, accessKeyId: CREDENTIALS_B.accessKeyId });
    const [error] = r.errors;
    expect(error).toBeInstanceOf(NotifierConnectionError);
    expect(error).toMatchObject({ fatal: false, errors: [{ errorType: 'UnauthorizedException', errorCode: 401 }] });
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'disconnected', 'connecting', 'connected']);
  });

  it('gives up with a fatal error when static credentials are refused', async () => {
    // Prepare
    const r = recorder();
    makeClient();

    // Act
    client?.subscribe(r.options);
    const first = await peer.connection(0);
    await first.next('connection_init');
    first.send({ type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', errorCode: 401 }] } });
    await eventually(() => r.statuses.some((s) => s.state === 'closed'), { what: 'the client to give up' });
    await new Promise((resolve) => setTimeout(resolve, 150));

    // Assess
    expect(peer.connections).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(NotifierConnectionError);
    expect((r.errors[0] as NotifierConnectionError).fatal).toBe(true);
    expect(r.errors[0]?.message).toContain('UnauthorizedException 401');
  });

  it('retries a connection_error that is not about credentials with backoff', async () => {
    // Prepare
    const r = recorder();
    makeClient();

    // Act
    client?.subscribe(r.options);
    const first = await peer.connection(0);
    await first.next('connection_init');
    first.send({ type: 'connection_error', payload: { errors: [{ errorType: 'InternalFailure', errorCode: 500 }] } });
    const second = await peer.connection(1);
    await second.ack();
    await second.acceptStart(peer);

    // Assess
    expect(r.errors[0]).toMatchObject({ fatal: false });
    expect(r.statuses.find((s) => s.state === 'disconnected')).toMatchObject({ attempt: 1, reason: 'connection_error' });
  });

  it('reports a refused start as a fatal subscription error and closes the idle socket', async () => {
    // Prepare
    const r = recorder();
    makeClient();

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.next('start');
    connection.send({
      type: 'error',
      id: start.id,
      payload: { errors: [{ errorType: 'ValidationError', message: "Validation error of type FieldUndefined: Field 'onNothing' in type 'Subscription' is undefined" }] },
    });
    await eventually(() => connection.closed, { what: 'the socket to close' });

    // Assess
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(NotifierSubscriptionError);
    expect(r.errors[0]).toMatchObject({ operation: 'onNotification', fatal: true });
    expect(r.statuses.at(-1)?.state).toBe('closed');
    expect(peer.connections).toHaveLength(1);
  });

  it('retries a start refused for its credentials once, signed with fresh credentials', async () => {
    // Prepare
    const r = recorder();
    const provider = jest
      .fn()
      .mockResolvedValueOnce({ ...CREDENTIALS_A, expiration: new Date(Date.now() + 3_600_000) })
      .mockResolvedValue({ ...CREDENTIALS_B, expiration: new Date(Date.now() + 3_600_000) });
    makeClient({ credentials: provider });

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const refused = await connection.next('start');
    connection.send({ type: 'error', id: refused.id, payload: { errors: [{ errorType: 'UnauthorizedException', message: 'The security token included in the request is expired' }] } });
    const retried = await connection.acceptStart(peer);

    // Assess
    expect(retried.id).not.toBe(refused.id);
    expect(peer.checks.at(-1)).toMatchObject({ what: 'start', ok: true, accessKeyId: CREDENTIALS_B.accessKeyId });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ fatal: false, operation: 'onNotification' });
  });

  it('starts a subscription again, and catches up, when the server ends it unasked', async () => {
    // Prepare
    const r = recorder();
    makeClient().subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const first = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    const missed = notification('MODEL_READY');

    // Act
    connection.send({ type: 'complete', id: first.id });
    peer.feed.push(missed);
    const second = await connection.acceptStart(peer);
    await eventually(() => r.delivered.length === 1, { what: 'the catch-up after the restart' });

    // Assess
    expect(second.id).not.toBe(first.id);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ name: 'NotifierSubscriptionError', fatal: false, operation: 'onNotification' });
    expect(r.delivered).toEqual([{ notification: missed, source: 'catch-up' }]);
    expect(peer.connections).toHaveLength(1);
    expect(connection.received.filter((m) => m.type === 'stop')).toEqual([]);
  });

  it('reconnects after the server closes the socket and catches up on what it missed, once', async () => {
    // Prepare
    const r = recorder();
    const before = notification('DATASET_REFRESHED');
    const live = notification('IMAGE_TAGGED');
    const missed = notification('TRANSCRIPT_READY');
    peer.feed.push(before);
    const subscription = makeClient().subscribe(r.options);

    // Act
    const first = await peer.connection(0);
    await first.ack();
    const firstStart = await first.acceptStart(peer);
    await eventually(() => subscription.cursor() === 'c1', { what: 'the initial position' });
    peer.feed.push(live);
    first.sendNotification(firstStart, live);
    await eventually(() => r.delivered.length === 1, { what: 'the live notification' });
    first.close(1001, 'server going away');
    peer.feed.push(missed);
    const second = await peer.connection(1);
    await second.ack();
    await second.acceptStart(peer);
    await eventually(() => r.delivered.length === 2, { what: 'the missed notification' });
    await eventually(() => peer.catchUpRequests.length === 2, { what: 'the second catch-up' });

    // Assess
    expect(r.delivered).toEqual([
      { notification: live, source: 'live' },
      { notification: missed, source: 'catch-up' },
    ]);
    expect(peer.catchUpRequests.map((c) => c.after)).toEqual([null, 'c1']);
    expect(peer.catchUpRequests.every((c) => c.accessKeyId === CREDENTIALS_A.accessKeyId)).toBe(true);
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(r.statuses[2]).toMatchObject({ attempt: 1, retryInMs: 20, reason: 'socket closed (1001 server going away)' });
    expect(subscription.cursor()).toBe('c3');
    expect(peer.checks.every((c) => c.ok)).toBe(true);
  });

  it('delivers each notification once after a reconnect when more live notifications than dedupeCapacity arrived', async () => {
    // Prepare
    const r = recorder();
    const live = Array.from({ length: 25 }, () => notification('MODEL_READY'));
    const missed = Array.from({ length: 15 }, () => notification('DATASET_REFRESHED'));
    const subscription = makeClient({ dedupeCapacity: 10 }).subscribe({ ...r.options, after: null });
    const first = await peer.connection(0);
    await first.ack();
    const firstStart = await first.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });

    // Act
    for (const n of live) {
      peer.feed.push(n);
      first.sendNotification(firstStart, n);
    }
    await eventually(() => r.delivered.length === live.length, { what: 'the live notifications' });
    first.close(1001, 'server going away');
    peer.feed.push(...missed);
    const second = await peer.connection(1);
    await second.ack();
    await second.acceptStart(peer);
    await eventually(() => r.delivered.length >= live.length + missed.length, { what: 'the missed notifications' });
    const cursor = await subscription.sync();

    // Assess
    expect(r.delivered.map((d) => d.notification.id)).toEqual([...live, ...missed].map((n) => n.id));
    expect(r.delivered.slice(live.length).map((d) => d.source)).toEqual(missed.map(() => 'catch-up'));
    expect(cursor).toBe('c40');
  });

  it('delivers live notifications held during a catch-up once, even when the catch-up delivered more than dedupeCapacity', async () => {
    // Prepare
    const r = recorder();
    const backlog = Array.from({ length: 20 }, () => notification('MODEL_READY'));
    const fresh = [notification('DATASET_REFRESHED'), notification('DATASET_REFRESHED')];
    peer.feed.push(...backlog, ...fresh);
    const { fetch, release } = gatedFetch('request');
    const subscription = makeClient({ dedupeCapacity: 10, fetch }).subscribe({ ...r.options, after: null });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);

    // Act
    for (const n of [...backlog.slice(8), ...fresh]) connection.sendNotification(start, n);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deliveredWhileCatchingUp = r.delivered.length;
    release();
    await eventually(() => r.delivered.length >= backlog.length + fresh.length, { what: 'the backlog and the live notifications' });
    await subscription.sync();

    // Assess
    expect(deliveredWhileCatchingUp).toBe(0);
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual([...backlog, ...fresh].map((n) => [n.id, 'catch-up']));
  });

  it('holds at most catchUpHoldCapacity live notifications during a stalled catch-up, then delivers every one once through the catch-up', async () => {
    // Prepare
    const r = recorder();
    const warnings: { message: string; context?: Record<string, unknown> }[] = [];
    const logger: NotifierClientOptions['logger'] = {
      debug: () => undefined,
      info: () => undefined,
      warn: (message, context) => warnings.push({ message, context }),
      error: (message, context) => warnings.push({ message, context }),
    };
    const backlog = Array.from({ length: 5 }, () => notification('MODEL_READY'));
    const burst = Array.from({ length: 8 }, () => notification('IMAGE_TAGGED'));
    peer.feed.push(...backlog);
    // The first page is answered at once but reaches the client only when released: the burst is
    // stored and published after the page was read, so that page cannot contain it.
    const { fetch, release } = gatedFetch('response');
    const subscription = makeClient({ catchUpHoldCapacity: 3, fetch, logger }).subscribe({ ...r.options, after: null });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the first page to be read' });

    // Act
    for (const n of burst) {
      peer.feed.push(n);
      connection.sendNotification(start, n);
    }
    // The same id again, live, while no longer held.
    connection.sendNotification(start, burst[0] as Notification);
    await eventually(() => warnings.length === 1, { what: 'the hold capacity to be reached' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deliveredWhileCatchingUp = r.delivered.length;
    release();
    await eventually(() => r.delivered.length >= backlog.length + burst.length, { what: 'the backlog and the burst' });
    const cursor = await subscription.sync();

    // Assess
    expect(deliveredWhileCatchingUp).toBe(0);
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual([...backlog, ...burst].map((n) => [n.id, 'catch-up']));
    // The stalled pass, its further round for what it did not hold, then sync().
    expect(peer.catchUpRequests.map((c) => c.after)).toEqual([null, 'c5', 'c13']);
    expect(cursor).toBe('c13');
    expect(warnings).toEqual([
      {
        message: 'More live notifications arrived during a catch-up than catchUpHoldCapacity: the catch-up delivers them instead',
        context: { catchUpHoldCapacity: 3 },
      },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('delivers the live notifications held during a catch-up after it, in arrival order, while they fit catchUpHoldCapacity', async () => {
    // Prepare
    const r = recorder();
    const backlog = Array.from({ length: 4 }, () => notification('MODEL_READY'));
    const burst = Array.from({ length: 3 }, () => notification('IMAGE_TAGGED'));
    peer.feed.push(...backlog);
    const { fetch, release } = gatedFetch('response');
    const subscription = makeClient({ catchUpHoldCapacity: 3, fetch }).subscribe({ ...r.options, after: null });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the first page to be read' });

    // Act
    for (const n of burst) {
      peer.feed.push(n);
      connection.sendNotification(start, n);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const deliveredWhileCatchingUp = r.delivered.length;
    release();
    await eventually(() => r.delivered.length >= backlog.length + burst.length, { what: 'the backlog and the burst' });
    await subscription.sync();

    // Assess
    expect(deliveredWhileCatchingUp).toBe(0);
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual([
      ...backlog.map((n) => [n.id, 'catch-up']),
      ...burst.map((n) => [n.id, 'live']),
    ]);
    // No further round: the held ones were delivered live; the next request is sync()'s.
    expect(peer.catchUpRequests.map((c) => c.after)).toEqual([null, 'c4']);
  });

  it('moves the catch-up position along with live delivery, one query per half of dedupeCapacity', async () => {
    // Prepare
    const r = recorder();
    const live = Array.from({ length: 12 }, () => notification('MODEL_READY'));
    const subscription = makeClient({ dedupeCapacity: 10 }).subscribe({ ...r.options, after: null });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    const send = async (batch: Notification[]): Promise<void> => {
      for (const n of batch) {
        peer.feed.push(n);
        connection.sendNotification(start, n);
      }
      await eventually(() => r.delivered.length === peer.feed.length, { what: 'the live notifications' });
    };

    // Act
    await send(live.slice(0, 5));
    await eventually(() => subscription.cursor() === 'c5', { what: 'the catch-up after five', timeoutMs: 2_000 });
    await send(live.slice(5, 10));
    await eventually(() => subscription.cursor() === 'c10', { what: 'the catch-up after ten', timeoutMs: 2_000 });
    await send(live.slice(10));
    const cursor = await subscription.sync();

    // Assess
    expect(peer.catchUpRequests.map((c) => c.after)).toEqual([null, null, 'c5', 'c10']);
    expect(cursor).toBe('c12');
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual(live.map((n) => [n.id, 'live']));
  });

  it('shows a notification received both from catch-up and live only once', async () => {
    // Prepare
    const r = recorder();
    const twice = notification('MODEL_READY');
    makeClient().subscribe({ ...r.options, after: null });

    // Act
    const connection = await peer.connection(0);
    peer.feed.push(twice);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => r.delivered.length === 1, { what: 'the catch-up delivery' });
    connection.sendNotification(start, twice);
    connection.sendNotification(start, structuredClone(twice));
    const after = notification('MODEL_READY');
    connection.sendNotification(start, after);
    await eventually(() => r.delivered.length === 2, { what: 'the next notification' });

    // Assess
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual([
      [twice.id, 'catch-up'],
      [after.id, 'live'],
    ]);
  });

  it('reports errors delivered with subscription data and still delivers the data', async () => {
    // Prepare
    const r = recorder();
    const partial = notification('MODEL_READY');
    const errors = [{ errorType: 'MappingTemplate', message: 'field modelReady.metrics could not be resolved' }];
    makeClient();

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    connection.send({ type: 'data', id: start.id, payload: { data: { onNotification: partial }, errors } });
    connection.send({ type: 'data', id: start.id, payload: { data: { onNotification: null }, errors } });
    await eventually(() => r.errors.length === 2, { what: 'both error reports' });

    // Assess
    expect(r.delivered.map((d) => d.notification)).toEqual([partial]);
    expect(r.errors[0]).toBeInstanceOf(NotifierSubscriptionError);
    expect(r.errors[0]).toMatchObject({ operation: 'onNotification', errors });
    expect(r.errors[0]?.message).toBe('onNotification delivered errors: MappingTemplate field modelReady.metrics could not be resolved');
    expect(r.statuses.at(-1)?.state).toBe('connected');
  });

  it('passes through a notification of a kind it does not know', async () => {
    // Prepare
    const r = recorder();
    const unknown = { ...notification('PODCAST_PUBLISHED'), podcastPublished: { episode: 12 } } as Notification;
    makeClient();

    // Act
    client?.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    connection.sendNotification(start, unknown);
    await eventually(() => r.delivered.length === 1, { what: 'the unknown kind' });

    // Assess
    expect(r.delivered[0]?.notification).toEqual(unknown);
    expect(r.delivered[0]?.notification.kind).toBe('PODCAST_PUBLISHED');
    expect(r.errors).toEqual([]);
  });

  it('delivers only the chosen kinds, from catch-up and live alike', async () => {
    // Prepare
    const r = recorder({ kinds: ['MODEL_READY', 'PODCAST_PUBLISHED'] });
    const history = [notification('MODEL_READY'), notification('IMAGE_TAGGED')];
    peer.feed.push(...history);
    makeClient();

    // Act
    client?.subscribe({ ...r.options, after: null });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    const live = [notification('DATASET_REFRESHED'), notification('PODCAST_PUBLISHED'), notification('MODEL_READY')];
    for (const n of live) connection.sendNotification(start, n);
    await eventually(() => r.delivered.length === 3, { what: 'the chosen kinds' });

    // Assess
    expect(r.delivered.map((d) => d.notification.kind)).toEqual(['MODEL_READY', 'PODCAST_PUBLISHED', 'MODEL_READY']);
  });

  it('fetches new credentials before the current ones expire and signs later requests with them', async () => {
    // Prepare
    const r = recorder();
    const provider = jest
      .fn()
      .mockImplementationOnce(async () => ({ ...CREDENTIALS_A, expiration: new Date(Date.now() + 1_300) }))
      .mockImplementation(async () => ({ ...CREDENTIALS_B, expiration: new Date(Date.now() + 3_600_000) }));
    const c = makeClient({ credentials: provider, credentialRefreshMarginMs: 1_000, credentialRefreshMinDelayMs: 100 });

    // Act
    c.subscribe(r.options);
    const first = await peer.connection(0);
    await first.ack();
    await first.acceptStart(peer);
    const callsBeforeRefresh = provider.mock.calls.length;
    await eventually(() => provider.mock.calls.length === 2, { what: 'the early refresh', timeoutMs: 2_000 });
    c.subscribe(recorder().options);
    await first.acceptStart(peer);
    first.close(1001, 'server going away');
    const second = await peer.connection(1);

    // Assess
    expect(callsBeforeRefresh).toBe(1);
    expect(peer.checks.filter((k) => k.what === 'start').map((k) => k.accessKeyId)).toEqual([
      CREDENTIALS_A.accessKeyId,
      CREDENTIALS_B.accessKeyId,
    ]);
    expect(second.connectCheck).toMatchObject({ ok: true, accessKeyId: CREDENTIALS_B.accessKeyId });
  });

  it('refreshes credentials issued for less than the margin at half their lifetime, not in a loop', async () => {
    // Prepare
    const r = recorder();
    const delays: number[] = [];
    const timers: NotifierClientOptions['timers'] = {
      setTimeout: (callback, ms) => {
        delays.push(ms);
        return setTimeout(callback, ms);
      },
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    const provider = jest.fn(async () => ({ ...CREDENTIALS_A, expiration: new Date(Date.now() + 240_000) }));
    makeClient({ credentials: provider, timers }).subscribe(r.options);

    // Act
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const live = notification('MODEL_READY');
    connection.sendNotification(start, live);
    await eventually(() => r.delivered.length === 1, { what: 'the live notification' });

    // Assess
    expect(provider).toHaveBeenCalledTimes(1);
    // The refresh is planned at half the 240 s lifetime (less the few ms the connect took).
    expect(delays.filter((ms) => ms > 100_000 && ms <= 120_000)).toHaveLength(1);
    expect(r.errors).toEqual([]);
  });

  it('retries a failed scheduled credential refresh with growing, jittered delays until one succeeds, then refreshes on schedule again', async () => {
    // Prepare
    const r = recorder();
    const clock = new ManualClock();
    const provider = jest
      .fn()
      .mockImplementationOnce(async () => ({ ...CREDENTIALS_A, expiration: new Date(clock.now + 600_000) }))
      .mockRejectedValueOnce(new Error('TooManyRequestsException: Rate exceeded'))
      .mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND cognito-identity.eu-west-1.amazonaws.com'))
      .mockImplementation(async () => ({ ...CREDENTIALS_B, expiration: new Date(clock.now + 3_600_000) }));
    makeClient({ credentials: provider, timers: clock, now: () => clock.now, random: () => 0.5 }).subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack(3_600_000);
    await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    const scheduled = clock.pending();

    // Act
    clock.advance(300_000);
    await eventually(() => r.errors.length === 1, { what: 'the first failed refresh' });
    const afterFirstFailure = clock.pending();
    clock.advance(10_019);
    const callsBeforeFirstRetry = provider.mock.calls.length;
    clock.advance(1);
    await eventually(() => r.errors.length === 2, { what: 'the second failed refresh' });
    const afterSecondFailure = clock.pending();
    clock.advance(10_040);
    await eventually(() => provider.mock.calls.length === 4, { what: 'the successful retry' });
    await eventually(() => clock.pending().includes(3_300_000), { what: 'the next scheduled refresh' });
    const afterSuccess = clock.pending();
    client?.close();

    // Assess
    // Keep-alive watchdog (the ack's 3,600,000 ms) and the refresh at 600 s - the 300 s margin.
    expect(scheduled.sort((a, b) => a - b)).toEqual([300_000, 3_600_000]);
    // credentialRefreshMinDelayMs (10 s) plus backoff.delay(n) = 0.5 * 40 * 2^(n-1).
    expect(afterFirstFailure).toContain(10_020);
    expect(callsBeforeFirstRetry).toBe(2);
    expect(afterSecondFailure).toContain(10_040);
    expect(afterSuccess.sort((a, b) => a - b)).toEqual([3_300_000, 3_600_000]);
    expect(r.errors.map((e) => [e.name, e.message])).toEqual([
      ['NotifierCredentialsError', 'The credentials provider failed: TooManyRequestsException: Rate exceeded'],
      ['NotifierCredentialsError', 'The credentials provider failed: getaddrinfo ENOTFOUND cognito-identity.eu-west-1.amazonaws.com'],
    ]);
    expect(clock.pending()).toEqual([]);
  });

  it('never retries a failed credential refresh sooner than one second, even with no minimum delay and no jitter', async () => {
    // Prepare
    const r = recorder();
    const clock = new ManualClock();
    const provider = jest
      .fn()
      .mockImplementationOnce(async () => ({ ...CREDENTIALS_A, expiration: new Date(clock.now + 600_000) }))
      .mockRejectedValue(new Error('TooManyRequestsException: Rate exceeded'));
    makeClient({ credentials: provider, timers: clock, now: () => clock.now, random: () => 0, credentialRefreshMinDelayMs: 0 }).subscribe(
      r.options,
    );
    const connection = await peer.connection(0);
    await connection.ack(3_600_000);
    await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });

    // Act
    clock.advance(300_000);
    await eventually(() => r.errors.length === 1, { what: 'the failed refresh' });
    clock.advance(999);
    const callsAfter999Ms = provider.mock.calls.length;
    clock.advance(1);
    await eventually(() => r.errors.length === 2, { what: 'the retried refresh' });

    // Assess
    expect(callsAfter999Ms).toBe(2);
    expect(provider).toHaveBeenCalledTimes(3);
    expect(clock.pending()).toContain(1_000);
  });

  it('leaves no timer after close, whether a refresh retry is waiting or a refresh is in flight', async () => {
    // Prepare
    const clock = new ManualClock();
    let fail: (err: Error) => void = () => undefined;
    const provider = jest
      .fn()
      .mockImplementationOnce(async () => ({ ...CREDENTIALS_A, expiration: new Date(clock.now + 600_000) }))
      .mockRejectedValueOnce(new Error('TooManyRequestsException: Rate exceeded'))
      .mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    const r = recorder();
    const c = makeClient({ credentials: provider, timers: clock, now: () => clock.now });
    c.subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack(3_600_000);
    await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    clock.advance(300_000);
    await eventually(() => r.errors.length === 1, { what: 'the failed refresh' });

    // Act
    clock.advance(20_000);
    await eventually(() => provider.mock.calls.length === 3, { what: 'the retry in flight' });
    const pendingWhileInFlight = clock.pending();
    c.close();
    const pendingAfterClose = clock.pending();
    fail(new Error('TooManyRequestsException: Rate exceeded'));
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Assess
    expect(pendingWhileInFlight).toEqual([3_600_000]);
    expect(pendingAfterClose).toEqual([]);
    expect(clock.pending()).toEqual([]);
    expect(provider).toHaveBeenCalledTimes(3);
    expect(r.errors).toHaveLength(1);
  });

  it('stops a subscription with stop and closes the socket when none is left', async () => {
    // Prepare
    const r = recorder();
    const subscription = makeClient().subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);

    // Act
    subscription.unsubscribe();
    await eventually(() => connection.closed, { what: 'the socket to close' });
    connection.sendNotification(start, notification('MODEL_READY'));

    // Assess
    expect(connection.received.at(-1)).toEqual({ type: 'stop', id: start.id });
    expect(r.delivered).toEqual([]);
  });

  it('syncs on demand: delivers what live delivery missed and returns a cursor past everything delivered', async () => {
    // Prepare
    const r = recorder();
    const subscribed: boolean[] = [];
    const subscription = makeClient().subscribe({ ...r.options, onSubscribed: (info) => subscribed.push(info.reconnect) });
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    const live = notification('MODEL_READY');
    const notLive = notification('DATASET_REFRESHED');
    peer.feed.push(live, notLive);
    connection.sendNotification(start, live);
    await eventually(() => r.delivered.length === 1, { what: 'the live notification' });

    // Act
    const cursor = await subscription.sync();

    // Assess
    expect(cursor).toBe('c2');
    expect(subscription.cursor()).toBe('c2');
    expect(r.delivered.map((d) => [d.notification.id, d.source])).toEqual([
      [live.id, 'live'],
      [notLive.id, 'catch-up'],
    ]);
    expect(subscribed).toEqual([false]);
  });

  it('rejects sync with a catch-up error when the query fails', async () => {
    // Prepare
    const r = recorder();
    const subscription = makeClient().subscribe(r.options);
    const connection = await peer.connection(0);
    await connection.ack();
    await connection.acceptStart(peer);
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the initial catch-up' });
    peer.catchUpFailure = 500;

    // Act and Assess
    await expect(subscription.sync()).rejects.toMatchObject({ name: 'NotifierCatchUpError' });
  });

  it('delivers a notification sent during a disconnect that came before any catch-up succeeded', async () => {
    // Prepare
    const r = recorder();
    const history = notification('DATASET_REFRESHED', { createdAt: new Date(Date.now() - 3_600_000).toISOString() });
    peer.feed.push(history);
    peer.catchUpFailure = 503;
    const subscription = makeClient().subscribe(r.options);
    const first = await peer.connection(0);
    await first.ack();
    await first.acceptStart(peer);
    await eventually(() => r.errors.some((e) => e.name === 'NotifierCatchUpError'), { what: 'the failed first catch-up' });

    // Act
    first.close(1001, 'server going away');
    const missed = notification('MODEL_READY', { createdAt: new Date().toISOString() });
    peer.feed.push(missed);
    const second = await peer.connection(1);
    peer.catchUpFailure = undefined;
    await second.ack();
    await second.acceptStart(peer);
    await eventually(() => r.delivered.length === 1, { what: 'the missed notification' });
    const cursor = await subscription.sync();

    // Assess
    expect(r.delivered).toEqual([{ notification: missed, source: 'catch-up' }]);
    expect(cursor).toBe('c2');
  });

  it('delivers a notification sent during a disconnect when the first catch-up to succeed runs before the reconnect', async () => {
    // Prepare
    const r = recorder();
    const history = notification('DATASET_REFRESHED', { createdAt: new Date(Date.now() - 3_600_000).toISOString() });
    peer.feed.push(history);
    peer.catchUpFailure = 503;
    makeClient().subscribe(r.options);
    const first = await peer.connection(0);
    await first.ack();
    await first.acceptStart(peer);
    await eventually(() => r.errors.some((e) => e.name === 'NotifierCatchUpError'), { what: 'the failed first catch-up' });

    // Act
    first.close(1001, 'server going away');
    await eventually(() => r.statuses.some((s) => s.state === 'disconnected'), { what: 'the disconnect' });
    const missed = notification('MODEL_READY', { createdAt: new Date().toISOString() });
    peer.feed.push(missed);
    peer.catchUpFailure = undefined;
    await eventually(() => peer.catchUpRequests.length === 1, { what: 'the retried catch-up' });
    await eventually(() => r.delivered.length === 1, { what: 'the missed notification' });

    // Assess
    expect(r.delivered).toEqual([{ notification: missed, source: 'catch-up' }]);
    expect(r.statuses.filter((s) => s.state === 'connected')).toHaveLength(1);
  });

  it('retries a failing catch-up query with backoff and delivers once it succeeds', async () => {
    // Prepare
    const r = recorder();
    const old = notification('MODEL_READY');
    peer.feed.push(old);
    peer.catchUpFailure = 503;
    makeClient().subscribe({ ...r.options, after: null });

    // Act
    const connection = await peer.connection(0);
    await connection.ack();
    await connection.acceptStart(peer);
    await eventually(() => r.errors.length >= 1, { what: 'the catch-up failure' });
    peer.catchUpFailure = undefined;
    await eventually(() => r.delivered.length === 1, { what: 'the retried catch-up' });

    // Assess
    expect(r.errors[0]?.name).toBe('NotifierCatchUpError');
    expect(r.delivered[0]).toEqual({ notification: old, source: 'catch-up' });
  });

  it('ends the subscription with one fatal catch-up error, not retried, when AppSync refuses the after cursor', async () => {
    // Prepare
    const r = recorder();
    makeClient().subscribe({ ...r.options, after: 'garbage' });
    const catchUps = (): number => peer.checks.filter((c) => c.what === 'catch-up').length;

    // Act
    const connection = await peer.connection(0);
    await connection.ack();
    const start = await connection.acceptStart(peer);
    await eventually(() => r.errors.length === 1, { what: 'the refused catch-up' });
    // Several times the longest backoff (200 ms): a retry would have run by now.
    await new Promise((done) => setTimeout(done, 600));
    connection.sendNotification(start, notification('MODEL_READY'));

    // Assess
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBeInstanceOf(NotifierCatchUpError);
    expect(r.errors[0]).toMatchObject({
      fatal: true,
      message: 'AppSync refused the catch-up query: ValidationError: after is not a cursor returned by notifications',
    });
    expect(catchUps()).toBe(1);
    expect(r.delivered).toEqual([]);
    await eventually(() => connection.closed, { what: 'the idle socket to close' });
  });
});
