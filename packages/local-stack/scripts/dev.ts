// `pnpm dev`: the local stack stays up with the web page, printing its endpoints and how to sign in.
import { ensureSynthesized, repositoryRoot, writeContractFile } from './support';

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContract } from '../src/contract';
import { scheduleIntervalMs } from '../src/schedule';
import { startLocalStack } from '../src/stack';
import { serveWebPage, webConfigFor } from '../src/web-server';

const TEST_USER = { email: 'test.user@example.com', password: 'Notifier-Local-1!' };
// Session credentials last an hour: sign in again and rewrite the contract file well before.
const REFRESH_MS = 30 * 60_000;

async function main(): Promise<void> {
  const root = repositoryRoot();
  const assemblyDir = resolve(root, 'infra/cdk.out');
  ensureSynthesized(root, assemblyDir);
  const webDist = join(root, 'apps/web/dist');
  if (!existsSync(join(webDist, 'index.html'))) execFileSync('pnpm', ['--filter', '@notifier/web', 'build'], { cwd: root, stdio: 'inherit' });

  const logs = process.argv.includes('--logs');
  const stack = await startLocalStack({ assemblyDir, onLog: logs ? (line, source) => console.log(`[${source}] ${line}`) : undefined });
  const web = await serveWebPage(webDist, webConfigFor(stack), { port: Number(process.env.PORT ?? 0) });
  await stack.createUser(TEST_USER.email, TEST_USER.password, { name: 'Test User' });
  let session = await stack.signIn(TEST_USER.email, TEST_USER.password);
  let removeContract = writeContractFile(root, buildContract(stack, session, TEST_USER.password, web.url));
  // Scheduled rules (the transcription sweep) run on their rate, as EventBridge would run them.
  const schedules = stack.routes.schedules.map((schedule) =>
    setInterval(() => {
      void stack.runSchedule(schedule.name).catch((error: unknown) => console.error(`schedule ${schedule.name} failed: ${String(error)}`));
    }, scheduleIntervalMs(schedule.expression)),
  );
  const refresh = setInterval(() => {
    void stack.signIn(TEST_USER.email, TEST_USER.password).then((fresh) => {
      session = fresh;
      removeContract = writeContractFile(root, buildContract(stack, session, TEST_USER.password, web.url));
    });
  }, REFRESH_MS);

  console.log(`
notifier local stack is up (Ctrl-C to stop)

  web page        ${web.url}
  sign in with    ${TEST_USER.email} / ${TEST_USER.password}   (or create users: see .notifier/local-stack.json)
  AppSync         ${stack.appsync.graphqlUrl}   real-time ${stack.appsync.realtimeUrl}
  AppSync (TLS)   ${stack.appsync.tlsGraphqlUrl ?? '-'}
  S3              ${stack.s3Endpoint}   buckets ${Object.entries(stack.buckets).map(([k, v]) => `${k}=${v}`).join(' ')}
  user pool       ${stack.cognito.userPoolEndpoint}   pool ${stack.cognito.userPoolId}, client ${stack.cognito.userPoolClientId}
  identity pool   ${stack.cognito.identityPoolEndpoint}   ${stack.cognito.identityPoolId}
  contract        .notifier/local-stack.json (endpoints, ids and per-role credentials for tools)
  schedules       ${stack.routes.schedules.map((s) => `${s.name.split('/').pop()} ${s.expression}`).join(', ') || 'none'}
  listen          pnpm --filter @notifier/cli notifier listen --local
${logs ? '' : '\n  handler logs: pnpm dev --logs\n'}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(refresh);
    for (const timer of schedules) clearInterval(timer);
    removeContract();
    await web.stop();
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`pnpm dev failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
