import path from 'node:path';
import { AppSyncHttpError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument } from '@notifier/schema';
import {
  eventually,
  functionEnvironment,
  notificationFeed,
  startLocalFunctionStack,
  subscribeNotifications,
  type LocalFunctionStack,
} from '../testing';

describe('Function: startLocalFunctionStack', () => {
  let stack: LocalFunctionStack;

  beforeAll(async () => {
    stack = await startLocalFunctionStack({ appRoot: path.join(__dirname, '..'), buckets: ['uploads'] });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('runs a bundle as its role: the owner receives its notification live and in the feed, another user nothing', async () => {
    // Prepare
    const owner = stack.user(1);
    const other = stack.user(2);
    const fn = await stack.lambda('test/fixtures/notify-owner.ts', 'image-tagger', { GRAPHQL_URL: stack.appsync.graphqlUrl, EXTRA: 'given' });
    const ownerLive = await subscribeNotifications(stack.appsync, owner.credentials, ['IMAGE_TAGGED']);
    const otherLive = await subscribeNotifications(stack.appsync, other.credentials, ['IMAGE_TAGGED']);

    try {
      // Act
      const result = (await fn.invoke({ ownerId: owner.identityId, key: `private/${owner.identityId}/a b+c.png` })) as Record<string, unknown>;
      await eventually(() => ownerLive.received.length > 0, { what: 'the live notification' });
      const ownerFeed = await notificationFeed(stack.appsync, owner.credentials);
      const otherFeed = await notificationFeed(stack.appsync, other.credentials);

      // Assess
      expect(result).toEqual({ outcome: 'delivered', notificationId: expect.any(String), s3Endpoint: stack.s3.endpoint, service: 'image-tagger', extra: 'given' });
      expect(ownerLive.received.map((r) => [r.notification.kind, r.notification.id, r.source])).toEqual([['IMAGE_TAGGED', result.notificationId, 'live']]);
      expect(ownerFeed.map((n) => n.id)).toEqual([result.notificationId]);
      expect(otherLive.received).toEqual([]);
      expect(otherFeed).toEqual([]);
    } finally {
      ownerLive.stop();
      otherLive.stop();
    }
  });

  it("gives a function's environment credentials that its role's policy limits", async () => {
    // Prepare
    const env = functionEnvironment(stack.appsync, 'image-tagger');
    const client = createAppSyncClient({
      url: env.GRAPHQL_URL!,
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, sessionToken: env.AWS_SESSION_TOKEN },
      retry: { maxAttempts: 1 },
    });

    // Act
    const call = client.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: 'm#1', modelName: 'm', version: '1', artifactLocation: 's3://m/models/m/1/', metrics: [] },
    });

    // Assess
    expect(env).toMatchObject({ GRAPHQL_URL: stack.appsync.graphqlUrl, AWS_REGION: 'us-east-1', POWERTOOLS_SERVICE_NAME: 'image-tagger', LOG_LEVEL: 'INFO' });
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
  });
});
