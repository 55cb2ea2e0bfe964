import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddUserDocument, NotifyModelReadyDocument } from '@notifier/schema';
import { signedInUser, startLocalAppSyncStack, type LocalAppSyncStack } from '../testing';
import { signedGraphQL } from './helpers/signing';

interface ChildEvent {
  event: string;
  [key: string]: unknown;
}

describe('Function: startLocalAppSync (official aws-amplify v6 client)', () => {
  let stack: LocalAppSyncStack;
  let tmp: string;

  beforeAll(async () => {
    stack = await startLocalAppSyncStack({ tls: true });
    tmp = mkdtempSync(path.join(os.tmpdir(), 'appsync-local-ca-'));
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('queries, mutates and subscribes over HTTPS and WSS with IAM credentials', async () => {
    // Prepare
    const user = signedInUser(stack.appsync, 7);
    const caFile = path.join(tmp, 'ca.pem');
    writeFileSync(caFile, stack.appsync.caCertPem!);
    // The post-authentication trigger creates the profile that updateUser changes.
    await signedGraphQL(stack.appsync.graphqlUrl, stack.appsync.mintForRole('post-auth'), stack.appsync.region, {
      query: String(AddUserDocument),
      variables: { userId: user.sub, userDetails: { displayName: 'Before' } },
    });
    const config = {
      endpoint: stack.appsync.tlsGraphqlUrl,
      region: stack.appsync.region,
      identityId: user.identityId,
      sub: user.sub,
      credentials: { ...user.credentials, expiration: user.credentials.expiration.toISOString() },
    };
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', path.join(__dirname, 'fixtures/amplify-client.mjs')], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, AMPLIFY_TEST_CONFIG: JSON.stringify(config) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const events: ChildEvent[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    let buffered = '';
    const onEvent = new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        buffered += String(d);
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          const event = JSON.parse(line) as ChildEvent;
          events.push(event);
          if (event.event === 'ready') resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

    // Act
    await Promise.race([onEvent, exited]);
    child.stdin.write('update\n');
    const published = await signedGraphQL(stack.appsync.graphqlUrl, stack.appsync.mintForRole('model-ready-notice'), stack.appsync.region, {
      query: String(NotifyModelReadyDocument),
      variables: { input: { idempotencyKey: 'amplify-1', modelName: 'vision', version: '3', artifactLocation: 's3://m/v3', metrics: [] } },
    });
    const code = await exited;

    // Assess
    expect({ code, stderr: code === 0 ? '' : stderr, errors: events.filter((e) => e.event === 'error') }).toEqual({ code: 0, stderr: '', errors: [] });
    const result = events.find((e) => e.event === 'result') as unknown as { me: Record<string, unknown>; received: Record<string, unknown> };
    const notification = (published.body.data as { notifyModelReady: { id: string } }).notifyModelReady;
    expect(result.received).toEqual({
      userUpdates: { id: user.sub, displayName: 'Amplify User' },
      onModelReady: { id: notification.id, kind: 'MODEL_READY', modelReady: { modelName: 'vision', version: '3' } },
    });
    expect(result.me).toEqual({ id: user.sub, displayName: 'Amplify User', identityId: user.identityId });
  });
});
