// `pnpm dev`: the local stack stays up with the web page, printing its endpoints and how to sign in.
import { assertContractFree, cleanupOnce, ensureSynthesized, repositoryRoot, runCleanupOnExit, writeContractFile } from './support';

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContract } from '../src/contract';
import { ContractInUseError } from '../src/errors';
import { scheduleIntervalMs } from '../src/schedule';
import { startLocalStack, type LocalStack } from '../src/stack';
import { serveWebPage, webConfigFor, type WebServer } from '../src/web-server';

const TEST_USER = { email: 'test.user@example.com', password: 'Notifier-Local-1!' };
// Session credentials last an hour: sign in again and rewrite the contract file well before.
const REFRESH_MS = 30 * 60_000;

// Everything started so far, stopped once whichever way the process ends.
const timers: ReturnType<typeof setInterval>[] = [];
let removeContract: (() => void) | undefined;
let web: WebServer | undefined;
let starting: Promise<LocalStack> | undefined;
const stopAll = cleanupOnce(
  () => timers.forEach((timer) => clearInterval(timer)),
  () => removeContract?.(),
  () => web?.stop(),
  // A stack still starting is stopped once it is up: its temporary folder must not be left behind.
  async () => (await starting?.catch(() => undefined))?.stop(),
);
// Ctrl-C is how `pnpm dev` is meant to stop: exit 0.
const exit = runCleanupOnExit({ name: 'pnpm dev', cleanup: stopAll, signalExitCodes: { SIGINT: 0, SIGTERM: 0 } });

async function main(): Promise<void> {
  const root = repositoryRoot();
  // Before any work: a second `pnpm dev` must not replace the running one's contract file.
  assertContractFree(root);
  const assemblyDir = resolve(root, 'infra/cdk.out');
  ensureSynthesized(root, assemblyDir);
  const webDist = join(root, 'apps/web/dist');
  if (!existsSync(join(webDist, 'index.html'))) execFileSync('pnpm', ['--filter', '@notifier/web', 'build'], { cwd: root, stdio: 'inherit' });

  const logs = process.argv.includes('--logs');
  starting = startLocalStack({ assemblyDir, onLog: logs ? (line, source) => console.log(`[${source}] ${line}`) : undefined });
  const stack = await starting;
  const page = await serveWebPage(webDist, webConfigFor(stack), { port: Number(process.env.PORT ?? 0) });
  web = page;
  await stack.createUser(TEST_USER.email, TEST_USER.password, { name: 'Test User' });
  let session = await stack.signIn(TEST_USER.email, TEST_USER.password);
  removeContract = writeContractFile(root, buildContract(stack, session, TEST_USER.password, page.url));
  // Scheduled rules (the transcription sweep) run on their rate, as EventBridge would run them.
  for (const schedule of stack.routes.schedules) {
    timers.push(
      setInterval(() => {
        void stack
          .runSchedule(schedule.name)
          .then((outcomes) => {
            // A run that failed every attempt is dead-lettered, as the deployed function's EventInvokeConfig does it.
            for (const o of outcomes.filter((x) => x.status === 'dead-lettered')) {
              console.error(`schedule ${schedule.name}: ${o.functionName} failed ${o.attempts} attempt(s), dead-lettered: ${o.error ?? 'unknown error'}`);
            }
          })
          .catch((error: unknown) => console.error(`schedule ${schedule.name} failed: ${String(error)}`));
      }, scheduleIntervalMs(schedule.expression)),
    );
  }
  timers.push(
    setInterval(() => {
      stack
        .signIn(TEST_USER.email, TEST_USER.password)
        .then((fresh) => {
          removeContract = writeContractFile(root, buildContract(stack, fresh, TEST_USER.password, page.url));
          session = fresh;
        })
        .catch((error: unknown) => {
          const expires = session.credentials.expiration?.toISOString() ?? 'unknown';
          console.error(
            `pnpm dev: refreshing the test user's credentials failed (those in .notifier/local-stack.json expire at ${expires}; next attempt in ${REFRESH_MS / 60_000} min): ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    }, REFRESH_MS),
  );

  console.log(`
notifier local stack is up (Ctrl-C to stop)

  web page        ${page.url}
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
}

main().catch((error: unknown) => {
  // Another stack running is an expected refusal: its message says what to do, a stack trace would not help.
  const detail = error instanceof ContractInUseError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`pnpm dev failed: ${detail}`);
  void exit(1);
});
