// Integration: the client against the local AppSync (@notifier/appsync-local) serving the
// synthesized template: real resolvers, dynalite, SigV4 and IAM checks, subscription filters.
import { createServer, Socket, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { eventually, signedInUser, startLocalAppSyncStack, type LocalAppSyncStack, type SignedInUser } from '@notifier/appsync-local/testing';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyImageTaggedDocument, NotifyModelReadyDocument } from '@notifier/schema';
import WebSocket from 'ws';
import { createNotifierClient, type Notification, type NotificationSource, type NotifierClient, type NotifierClientOptions } from '../src';

/** A TCP proxy the test can cut: drops every connection and refuses new ones until restored. */
class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private readonly server: Server;
  public port = 0;

  public constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      if (this.cut) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      upstream.connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  public async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  public cutAll(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  public restore(): void {
    this.cut = false;
  }

  public async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Listener {
  client: NotifierClient;
  delivered: { notification: Notification; source: NotificationSource }[];
  subscribed: number;
  errors: Error[];
}

describe('Class: NotifierClient (against the local AppSync)', () => {
  let stack: LocalAppSyncStack;
  let alice: SignedInUser;
  let bob: SignedInUser;
  const listeners: Listener[] = [];
  let sequence = 0;

  const listen = (user: SignedInUser, options: Partial<NotifierClientOptions> = {}): Listener => {
    const listener: Listener = {
      client: createNotifierClient({
        graphqlUrl: stack.appsync.graphqlUrl,
        region: stack.appsync.region,
        credentials: user.credentials,
        WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
        backoff: { initialDelayMs: 50, maxDelayMs: 200 },
        ...options,
      }),
      delivered: [],
      subscribed: 0,
      errors: [],
    };
    listener.client.subscribe({
      onNotification: (notification, meta) => listener.delivered.push({ notification, source: meta.source }),
      onSubscribed: () => {
        listener.subscribed += 1;
      },
      onError: (error) => listener.errors.push(error),
    });
    listeners.push(listener);
    return listener;
  };

  const publishImageTagged = async (owner: SignedInUser): Promise<string> => {
    sequence += 1;
    const signer = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('image-tagger') });
    const result = await signer.mutate(NotifyImageTaggedDocument, {
      input: {
        idempotencyKey: `image-${sequence}-${Date.now()}`,
        ownerId: owner.identityId,
        bucket: 'media',
        key: `private/${owner.identityId}/cat-${sequence}.jpg`,
        status: 'TAGGED',
        labels: [{ name: 'Cat', confidence: 98.5 }],
      },
    });
    if (result.outcome !== 'delivered' || !result.data.notifyImageTagged) throw new Error('notifyImageTagged was not delivered');
    return result.data.notifyImageTagged.id;
  };

  const publishModelReady = async (): Promise<string> => {
    sequence += 1;
    const signer = createAppSyncClient({ url: stack.appsync.graphqlUrl, region: stack.appsync.region, credentials: stack.appsync.mintForRole('model-ready-notice') });
    const result = await signer.mutate(NotifyModelReadyDocument, {
      input: {
        idempotencyKey: `model-${sequence}-${Date.now()}`,
        modelName: 'churn',
        version: `v${sequence}`,
        artifactLocation: `s3://models/churn/v${sequence}/model.tar.gz`,
        metrics: [{ name: 'auc', value: 0.91 }],
      },
    });
    if (result.outcome !== 'delivered' || !result.data.notifyModelReady) throw new Error('notifyModelReady was not delivered');
    return result.data.notifyModelReady.id;
  };

  beforeAll(async () => {
    stack = await startLocalAppSyncStack();
    alice = signedInUser(stack.appsync, 1);
    bob = signedInUser(stack.appsync, 2);
  }, 180_000);

  afterEach(() => {
    for (const listener of listeners.splice(0)) listener.client.close();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("delivers a private notification to its owner only and a broadcast to everyone", async () => {
    // Prepare
    const a = listen(alice);
    const b = listen(bob, { authTransport: 'subprotocol' });
    await eventually(() => a.subscribed === 1 && b.subscribed === 1, { what: 'both subscriptions' });

    // Act
    const privateId = await publishImageTagged(alice);
    const broadcastId = await publishModelReady();
    await eventually(() => a.delivered.length === 2 && b.delivered.length === 1, { what: 'the deliveries' });
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Assess
    expect(a.delivered.map((d) => [d.notification.id, d.notification.kind, d.source])).toEqual([
      [privateId, 'IMAGE_TAGGED', 'live'],
      [broadcastId, 'MODEL_READY', 'live'],
    ]);
    expect(a.delivered[0]?.notification).toMatchObject({ audience: 'PRIVATE', ownerId: alice.identityId, imageTagged: { status: 'TAGGED' } });
    expect(b.delivered.map((d) => d.notification.id)).toEqual([broadcastId]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('catches up through the notifications query with what each caller may read', async () => {
    // Prepare
    const privateId = await publishImageTagged(alice);
    const broadcastId = await publishModelReady();
    const a = listen(alice);
    const b = listen(bob);

    // Act
    const forAlice = await a.client.catchUp(null);
    const forBob = await b.client.catchUp(null);

    // Assess
    const aliceIds = forAlice.items.map((n) => n.id);
    const bobIds = forBob.items.map((n) => n.id);
    expect(aliceIds).toEqual(expect.arrayContaining([privateId, broadcastId]));
    expect(bobIds).toContain(broadcastId);
    expect(bobIds).not.toContain(privateId);
    expect(forBob.items.every((n) => n.audience === 'BROADCAST' || n.ownerId === bob.identityId)).toBe(true);
    expect(forAlice.cursor).toEqual(expect.any(String));
  });

  it('signs later starts and catch-ups with refreshed credentials, which the local AppSync accepts', async () => {
    // Prepare
    const minted: string[] = [];
    // 900 s credentials (STS's shortest) reported as expiring after 600 ms: refreshed at half that
    // lifetime, every 300 ms.
    const provider = async () => {
      const user = signedInUser(stack.appsync, 3, { durationSeconds: 900 });
      minted.push(user.credentials.accessKeyId);
      return { ...user.credentials, expiration: new Date(Date.now() + 600) };
    };
    const client = createNotifierClient({
      graphqlUrl: stack.appsync.graphqlUrl,
      region: stack.appsync.region,
      credentials: provider,
      credentialRefreshMinDelayMs: 100,
      WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
    });
    const delivered: string[] = [];
    const errors: Error[] = [];
    let subscribed = 0;
    const options = {
      onNotification: (n: Notification) => delivered.push(n.id),
      onSubscribed: () => {
        subscribed += 1;
      },
      onError: (e: Error) => errors.push(e),
    };

    // Act
    try {
      client.subscribe(options);
      await eventually(() => subscribed === 1, { what: 'the first subscription' });
      await eventually(() => minted.length >= 3, { what: 'two refreshes' });
      client.subscribe(options);
      await eventually(() => subscribed === 2, { what: 'the second subscription, signed with refreshed credentials' });
      const id = await publishModelReady();
      await eventually(() => delivered.length === 2, { what: 'the broadcast on both subscriptions' });
      const page = await client.catchUp(null);

      // Assess
      expect(new Set(minted).size).toBe(minted.length);
      expect(delivered).toEqual([id, id]);
      expect(page.items.map((n) => n.id)).toContain(id);
      expect(errors).toEqual([]);
    } finally {
      client.close();
    }
  });

  it.each([
    ['slow', -10 * 60_000],
    ['fast', 10 * 60_000],
  ])('subscribes and delivers with a device clock 10 minutes %s, once a refused signature has taught it the offset', async (_, offsetMs) => {
    // Prepare
    const warnings: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (message: string) => warnings.push(message), error: () => undefined };
    const slow = listen(alice, { now: () => Date.now() + offsetMs, logger });

    // Act
    await eventually(() => slow.subscribed >= 1, { what: 'the subscription despite the skewed clock' });
    const id = await publishModelReady();
    await eventually(() => slow.delivered.some((d) => d.notification.id === id), { what: 'the notification' });

    // Assess
    expect(slow.errors.filter((e) => (e as { fatal?: boolean }).fatal)).toEqual([]);
    expect(slow.delivered.filter((d) => d.notification.id === id)).toHaveLength(1);
    expect(warnings).toEqual(['real-time connect refused for its signing date: correcting the clock']);
  });

  it('gives up with a fatal error when the local AppSync does not know the credentials', async () => {
    // Prepare
    const errors: { name: string; fatal?: boolean; message: string }[] = [];
    const client = createNotifierClient({
      graphqlUrl: stack.appsync.graphqlUrl,
      region: stack.appsync.region,
      credentials: { accessKeyId: 'ASIAUNKNOWNKEY000000', secretAccessKey: 'nope', sessionToken: 'nope' },
      WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
    });

    // Act
    try {
      client.subscribe({ onNotification: () => undefined, onError: (e) => errors.push(e as never) });
      await eventually(() => errors.length === 1, { what: 'the refusal' });

      // Assess
      expect(errors[0]).toMatchObject({ name: 'NotifierConnectionError', fatal: true });
      expect(errors[0]?.message).toMatch(/UnauthorizedException/);
    } finally {
      client.close();
    }
  });

  it('delivers once, through catch-up, a notification sent while its connection was cut', async () => {
    // Prepare
    const proxy = await new CuttableProxy(Number(new URL(stack.appsync.graphqlUrl).port)).start();
    try {
      const a = listen(alice, { graphqlUrl: `http://127.0.0.1:${proxy.port}/graphql` });
      await eventually(() => a.subscribed === 1, { what: 'the subscription' });
      const before = await publishModelReady();
      await eventually(() => a.delivered.length === 1, { what: 'the first notification' });

      // Act
      proxy.cutAll();
      const missed = await publishImageTagged(alice);
      await new Promise((resolve) => setTimeout(resolve, 300));
      proxy.restore();
      await eventually(() => a.subscribed === 2, { what: 'the resubscription' });
      await eventually(() => a.delivered.length === 2, { what: 'the missed notification' });
      const after = await publishModelReady();
      await eventually(() => a.delivered.length === 3, { what: 'the next live notification' });
      await new Promise((resolve) => setTimeout(resolve, 200));

      // Assess
      expect(a.delivered.map((d) => [d.notification.id, d.source])).toEqual([
        [before, 'live'],
        [missed, 'catch-up'],
        [after, 'live'],
      ]);
    } finally {
      await proxy.stop();
    }
  });
});
