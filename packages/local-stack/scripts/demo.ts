// `pnpm demo`: the whole notifier flow offline, on this machine, in well under a minute.
import { assertContractFree, cleanupOnce, ensureSynthesized, repositoryRoot, runCleanupOnExit, writeContractFile } from './support';

import { join, resolve } from 'node:path';
import { buildContract } from '../src/contract';
import { runDemo } from '../src/demo';
import { ContractInUseError } from '../src/errors';
import { startLocalStack, type LocalStack } from '../src/stack';

// Everything started so far, stopped once whichever way the process ends (Ctrl-C included).
let removeContract: (() => void) | undefined;
let starting: Promise<LocalStack> | undefined;
const stopAll = cleanupOnce(
  () => removeContract?.(),
  // A stack still starting is stopped once it is up: its temporary folder must not be left behind.
  async () => (await starting?.catch(() => undefined))?.stop(),
);
const exit = runCleanupOnExit({ name: 'pnpm demo', cleanup: stopAll });

async function main(): Promise<number> {
  const root = repositoryRoot();
  // Before any work: the demo must not replace a running `pnpm dev`'s contract file.
  assertContractFree(root);
  const assemblyDir = resolve(root, 'infra/cdk.out');
  ensureSynthesized(root, assemblyDir);
  const t0 = Date.now();
  // `--faults`: a fifth of AppSync requests answered 5xx/429 and some real-time connections dropped.
  const faults = process.argv.includes('--faults') ? { errorRate: 0.1, throttleRate: 0.1, dropConnectionRate: 0.2, seed: Date.now() % 1000 } : undefined;
  try {
    starting = startLocalStack({ assemblyDir, ...(faults ? { faults } : {}), onLog: process.env.NOTIFIER_DEMO_LOGS ? (line, source) => console.error(`[${source}] ${line}`) : undefined });
    const stack = await starting;
    console.log(`local stack up in ${Date.now() - t0} ms: AppSync ${stack.appsync.graphqlUrl}, ${stack.functions.size} functions from ${join('infra', 'cdk.out')}`);
    if (faults) console.log(`fault injection on: ${faults.errorRate * 100}% of AppSync requests answered 5xx, ${faults.throttleRate * 100}% 429, ${faults.dropConnectionRate * 100}% of real-time messages drop the connection`);
    console.log('');
    // While the demo runs, tools outside the project can find the stack (its own signed-in user included).
    const contractUser = { email: `contract.${Date.now()}@example.com`, password: `Contract-${Date.now()}-Aa1!` };
    await stack.createUser(contractUser.email, contractUser.password);
    removeContract = writeContractFile(root, buildContract(stack, await stack.signIn(contractUser.email, contractUser.password), contractUser.password));
    const tty = process.stdout.isTTY;
    let lastProgress = 0;
    const result = await runDemo({
      stack,
      onProgress: (missing, ms) => {
        const line = `  … waiting for ${missing.join(', ')} (${(ms / 1000).toFixed(1)} s)`;
        if (tty) process.stdout.write(`\r${line}\x1b[K`);
        else if (ms - lastProgress >= 2_000) {
          lastProgress = ms;
          console.log(line);
        }
      },
      // Under injected faults a user update (which has no catch-up) may be lost with a dropped connection.
      requireUserUpdate: !faults,
      print: (line) => {
        if (tty) process.stdout.write('\r\x1b[K');
        console.log(line);
      },
    });
    if (tty) process.stdout.write('\r\x1b[K');
    const latencies = result.arrivals.map((a) => a.latencyMs).sort((a, b) => a - b);
    console.log(
      `${result.arrivals.length} notifications in ${(result.elapsedMs / 1000).toFixed(1)} s; end-to-end latency median ${latencies[Math.floor(latencies.length / 2)] ?? '-'} ms, max ${latencies.at(-1) ?? '-'} ms`,
    );
    const f = result.injectedFaults;
    console.log(
      `retries: ${f.errors + f.throttles} injected AppSync errors retried by the signer, ${result.invocationRetries} Lambda invocations retried, ${result.reconnects} real-time reconnects, ${result.deadLettered} dead-lettered`,
    );
    if (!result.ok) {
      console.error(`\nDEMO FAILED:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
      return 1;
    }
    console.log('\nDEMO PASSED: every expected notification arrived exactly once, and replayed triggers added none.');
    return 0;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => void exit(code),
  (error: unknown) => {
    // Another stack running is an expected refusal: its message says what to do, a stack trace would not help.
    const detail = error instanceof ContractInUseError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`\nDEMO FAILED: ${detail}`);
    void exit(1);
  },
);
