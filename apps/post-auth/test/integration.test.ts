// Integration: the esbuild bundle of the handler, run as Lambda runs it (fresh Node process, the
// function role's credentials in its environment), against the local AppSync serving the synthesized
// template (real resolvers on dynalite, SigV4 and IAM checks, real-time subscriptions).
import { join } from 'node:path';
import { createNotifierClient, type NotifierClientOptions, type UserUpdate } from '@notifier/client';
import { bundledFunctionFixture, eventually, runBundledHandler, signedInUser } from '@notifier/lambda-kit/testing';
import { AppSyncHttpError, createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyDatasetRefreshedDocument } from '@notifier/schema';
import WebSocket from 'ws';
import signIn from './events/cognito/post-authentication.json';

const ROLE = 'post-auth';

describe('Function: handler (bundled, against the local AppSync)', () => {
  const fn = bundledFunctionFixture({ appDir: join(__dirname, '..'), role: ROLE });

  it('publishes one profile update for repeated sign-ins and another only when the profile changes', async () => {
    // Prepare
    const watcher = signedInUser(fn.appsync, 1);
    const updates: UserUpdate[] = [];
    let subscribed = false;
    const client = createNotifierClient({
      graphqlUrl: fn.appsync.graphqlUrl,
      region: fn.appsync.region,
      credentials: watcher.credentials,
      WebSocket: WebSocket as unknown as NotifierClientOptions['WebSocket'],
    });
    const sub = signIn.request.userAttributes.sub;
    client.subscribe({ kinds: ['MODEL_READY'], onNotification: () => undefined, onUserUpdate: (u) => updates.push(u), userUpdatesFor: sub, onSubscribed: () => (subscribed = true) });
    await eventually(() => subscribed, { what: 'the subscription' });
    const renamed = structuredClone(signIn);
    renamed.request.userAttributes.name = 'Ada King';

    try {
      // Act
      const runs = [];
      for (const event of [signIn, signIn, signIn]) {
        runs.push(await runBundledHandler({ bundle: fn.bundle, event: structuredClone(event), env: fn.env(), functionName: ROLE, remainingMs: 5000 }));
      }
      await eventually(() => updates.length > 0, { what: 'the first profile update' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const afterRepeats = updates.length;
      runs.push(await runBundledHandler({ bundle: fn.bundle, event: renamed, env: fn.env(), functionName: ROLE, remainingMs: 5000 }));
      await eventually(() => updates.length > afterRepeats, { what: 'the changed profile' });

      // Assess
      expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
      expect(runs[0]?.result).toEqual(signIn);
      expect(runs.map((r) => r.logs.find((l) => l.level === 'INFO')?.message)).toEqual([
        'user profile stored',
        'user profile unchanged',
        'user profile unchanged',
        'user profile stored',
      ]);
      expect(afterRepeats).toBe(1);
      expect(updates).toEqual([
        expect.objectContaining({ id: sub, displayName: 'Ada Lovelace', picture: 'https://cdn.example.com/avatars/ada.png', locale: 'en-GB' }),
        expect.objectContaining({ id: sub, displayName: 'Ada King' }),
      ]);
    } finally {
      client.close();
    }
  });

  it('still lets the sign-in through, logging the cause, when AppSync is unreachable', async () => {
    // Prepare
    const env = { ...fn.env(), GRAPHQL_URL: 'http://127.0.0.1:9/graphql' };

    // Act
    const started = Date.now();
    const run = await runBundledHandler({ bundle: fn.bundle, event: structuredClone(signIn), env, functionName: ROLE, remainingMs: 5000 });

    // Assess
    expect(run.error).toBeUndefined();
    expect(run.result).toEqual(signIn);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.logs.find((l) => l.message === 'user profile not stored; sign-in continues')).toMatchObject({
      level: 'ERROR',
      userName: signIn.userName,
      userPoolId: signIn.userPoolId,
    });
  });

  it("denies this function's role another app's mutation", async () => {
    // Prepare
    const client = createAppSyncClient({ url: fn.appsync.graphqlUrl, region: fn.appsync.region, credentials: fn.appsync.mintForRole(ROLE) });

    // Act
    const call = client.mutate(NotifyDatasetRefreshedDocument, {
      input: { idempotencyKey: 'sales#denied', dataset: 'sales', version: 'denied', recordCount: 1, completedAt: '2026-11-27T09:00:00Z' },
    });

    // Assess
    await expect(call).rejects.toBeInstanceOf(AppSyncHttpError);
    await expect(call).rejects.toMatchObject({ status: 401, errorType: 'UnauthorizedException' });
  });
});
