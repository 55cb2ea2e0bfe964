// Mutation -> N subscribers: throughput and latency of this package's server against
// amplify-appsync-simulator, measured in the same run on equivalent work (the deployed schema,
// `notifyModelReady` on a NONE data source, subscribers on `onModelReady` selecting every field).
//
// Both servers run in child processes; this process is the driver (subscribers and the mutation
// sender), so both are measured through the same client code. The simulator is installed on demand
// outside the workspace (in the OS temp folder), so a normal install stays lean.
//
// Each result line carries the CPU time the server process and this driver process used during the
// measured window, so a reader sees which one was saturated (or that the machine was busy with
// something else: then both are far below 100% of a core).
//
// Usage: pnpm --filter @notifier/appsync-local bench   (exit 0 unless something crashed)
//   BENCH_ONLY=appsync-local|amplify-appsync-simulator and BENCH_SCENARIO=throughput|paced|wide narrow a run;
//   BENCH_ROUNDS=n throughput rounds per server (default 7); BENCH_PROFILE=<dir> V8 CPU profiles of the
//   servers (profile the driver with `node --cpu-prof --import tsx bench/fanout.bench.ts`).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { schemaPath } from '@notifier/schema/paths';
import { NotifyModelReadyDocument, OnModelReadyDocument } from '@notifier/schema';
import { signPost, type TestCredentials } from '../test/helpers/signing';
import { NONE_MUTATION_VTL_REQUEST, NONE_MUTATION_VTL_RESPONSE } from './bench-model';

const SIMULATOR = 'amplify-appsync-simulator@2.4.1';
const REGION = 'us-east-1';
const REALTIME_HEADERS = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };

interface Endpoints {
  graphqlUrl: string;
  realtimeUrl: string;
  mutator?: TestCredentials;
  subscriber?: TestCredentials;
}

interface Server {
  name: string;
  endpoints: Endpoints;
  child: ChildProcess;
  /** CPU time (user + system) the server process has used so far. */
  cpuMs(): Promise<number>;
}

interface ScenarioResult {
  mutations: number;
  subscribers: number;
  expected: number;
  delivered: number;
  elapsedMs: number;
  mutationsPerSecond: number;
  deliveriesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  httpErrors: number;
  /** Data frames that were not the expected message (see SAMPLE_EVERY). */
  malformed: number;
  /** CPU time of the server process during the measured window. */
  serverCpuMs: number;
  /** CPU time of this (driver) process during the measured window. */
  driverCpuMs: number;
}

// Fake credentials for the simulator (it accepts any signature; it gets signed requests all the same).
const ANY_CREDENTIALS: TestCredentials = { accessKeyId: 'ASIABENCHBENCHBENCH0', secretAccessKey: 'bench'.repeat(8), sessionToken: 'bench-token' };

function ensureSimulator(): string {
  const prefix = path.join(os.tmpdir(), 'notifier-bench');
  if (!existsSync(path.join(prefix, 'node_modules/amplify-appsync-simulator/package.json'))) {
    console.log(`installing ${SIMULATOR} into ${prefix} (outside the workspace) ...`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', prefix, SIMULATOR], { stdio: 'inherit' });
  }
  const pkg = JSON.parse(readFileSync(path.join(prefix, 'node_modules/amplify-appsync-simulator/package.json'), 'utf8')) as { version: string; license: string };
  console.log(`baseline: amplify-appsync-simulator ${pkg.version} (licence ${pkg.license})`);
  return prefix;
}

async function startChild(name: string, args: string[]): Promise<Server> {
  // Node itself, no wrapper process: the child's CPU time is the server's, and BENCH_PROFILE=<dir>
  // writes V8 CPU profiles of each server into <dir>/<name> when it stops (one per thread: the
  // largest is the main thread's).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_PROFILE, name)}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], { cwd: path.resolve(__dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const cpuWaiters: ((ms: number) => void)[] = [];
  const endpoints = await new Promise<Endpoints>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as Endpoints | { cpu: NodeJS.CpuUsage };
      if ('cpu' in message) cpuWaiters.shift()?.((message.cpu.user + message.cpu.system) / 1000);
      else resolve(message);
    });
  });
  const cpuMs = (): Promise<number> =>
    new Promise((resolve) => {
      cpuWaiters.push(resolve);
      child.stdin!.write('cpu\n');
    });
  return { name, endpoints, child, cpuMs };
}

async function stopChild(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.stdin!.end();
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// Counting deliveries must cost the driver little, or at 50,000 frames/s it measures itself: a
// frame is recognized and its mutation found by byte search (the version is unique per mutation),
// and one frame in SAMPLE_EVERY is parsed in full to check that search against the real message.
const SAMPLE_EVERY = 16;
const DATA_MARK = Buffer.from('"type":"data"');
const VERSION_MARK = Buffer.from('"version":"');
const QUOTE = 0x22;

interface Subscribers {
  sockets: WebSocket[];
  /** Sampled frames whose full parse disagreed with the byte search, or data frames without a version. */
  malformed(): number;
}

async function openSubscribers(endpoints: Endpoints, count: number, onData: (version: string) => void): Promise<Subscribers> {
  const credentials = endpoints.subscriber ?? ANY_CREDENTIALS;
  const connectHeaders = await signPost({ url: `${endpoints.graphqlUrl}/connect`, body: '{}', credentials, region: REGION, headers: REALTIME_HEADERS });
  const header = Buffer.from(JSON.stringify({ ...connectHeaders, Authorization: connectHeaders.authorization })).toString('base64');
  const data = JSON.stringify({ query: String(OnModelReadyDocument), variables: {} });
  const startAuth = await signPost({ url: endpoints.graphqlUrl, body: data, credentials, region: REGION, headers: REALTIME_HEADERS });
  // Each subscription has its own id, as real clients give them (aws-amplify: a UUID each).
  const startMessage = (id: string) =>
    JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization: { ...startAuth, Authorization: startAuth.authorization } } } });
  const sockets: WebSocket[] = [];
  let frames = 0;
  let malformed = 0;
  const check = (raw: Buffer, id: string, version: string): void => {
    type DataMessage = { id?: string; type?: string; payload?: { data?: { onModelReady?: { modelReady?: { version?: string } } | null }; errors?: unknown } };
    const message = JSON.parse(raw.toString('utf8')) as DataMessage;
    if (message.type !== 'data' || message.id !== id || message.payload?.errors || message.payload?.data?.onModelReady?.modelReady?.version !== version) {
      malformed++;
      if (malformed === 1) console.log(`  first malformed frame: ${raw.toString('utf8').slice(0, 300)}`);
    }
  };
  const openOne = (id: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      // The simulator and this server both refuse permessage-deflate; say so up front all the same.
      const ws = new WebSocket(`${endpoints.realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws'], { perMessageDeflate: false });
      const timer = setTimeout(() => reject(new Error('subscriber did not start within 10 s')), 10000);
      ws.on('error', reject);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.on('message', (raw: Buffer) => {
        if (raw.indexOf(DATA_MARK) >= 0) {
          // From the end: `modelReady` is the last field selected, so the version sits near it.
          const at = raw.lastIndexOf(VERSION_MARK);
          if (at < 0) {
            malformed++;
            return;
          }
          const from = at + VERSION_MARK.length;
          const version = raw.toString('utf8', from, raw.indexOf(QUOTE, from));
          if (++frames % SAMPLE_EVERY === 0) check(raw, id, version);
          onData(version);
          return;
        }
        const text = raw.toString('utf8');
        const message = JSON.parse(text) as { type: string; payload?: unknown };
        if (message.type === 'connection_ack') ws.send(startMessage(id));
        else if (message.type === 'start_ack') {
          clearTimeout(timer);
          resolve(ws);
        } else if (message.type === 'error' || message.type === 'connection_error') {
          clearTimeout(timer);
          reject(new Error(`subscriber refused: ${text}`));
        }
      });
    });
  for (let i = 0; i < count; i += 50) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => openOne(`sub-${i + j}`)))));
  }
  return { sockets, malformed: () => malformed };
}

// One keep-alive connection per mutation in flight, through node:http: the WHATWG fetch of Node 20
// costs the driver about 0.3 ms per request, which counts when it shares two cores with the server.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close();
        }),
    ),
  );
}

async function scenario(
  server: Server,
  options: { subscribers: number; mutations: number; concurrency?: number; ratePerSecond?: number; prefix: string },
): Promise<ScenarioResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let delivered = 0;
  const expected = options.subscribers * options.mutations;
  let allDelivered: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  const endpoints = server.endpoints;
  const subscribers = await openSubscribers(endpoints, options.subscribers, (version) => {
    const sent = sentAt.get(version);
    if (sent === undefined) return;
    latencies.push(performance.now() - sent);
    if (++delivered === expected) allDelivered();
  });
  const credentials = endpoints.mutator ?? ANY_CREDENTIALS;
  const graphqlUrl = new URL(endpoints.graphqlUrl);
  let httpErrors = 0;
  const send = async (i: number): Promise<void> => {
    const version = `${options.prefix}-${i}`;
    const body = JSON.stringify({
      query: String(NotifyModelReadyDocument),
      variables: { input: { idempotencyKey: version, modelName: 'bench', version, artifactLocation: 's3://bench/model', metrics: [{ name: 'auc', value: 0.9 }] } },
    });
    const headers = await signPost({ url: endpoints.graphqlUrl, body, credentials, region: REGION });
    sentAt.set(version, performance.now());
    const response = await post(graphqlUrl, headers, body);
    let failed = response.status !== 200;
    try {
      failed ||= (JSON.parse(response.text) as { errors?: unknown }).errors !== undefined;
    } catch {
      failed = true;
    }
    if (failed) {
      httpErrors++;
      if (httpErrors === 1) console.log(`  first failed mutation: ${response.status} ${response.text.slice(0, 300)}`);
    }
  };
  const serverCpuBefore = await server.cpuMs();
  const driverCpuBefore = process.cpuUsage();
  const started = performance.now();
  if (options.ratePerSecond) {
    const interval = 1000 / options.ratePerSecond;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < options.mutations; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      pending.push(send(i));
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < options.mutations) await send(next++);
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  }
  // Wait for every delivery; give up only when nothing has arrived for 10 s (then it is loss).
  let seen = -1;
  while (delivered < expected && delivered !== seen) {
    seen = delivered;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((r) => (timer = setTimeout(r, 10000)))]);
    clearTimeout(timer);
  }
  const elapsedMs = performance.now() - started;
  const driverCpu = process.cpuUsage(driverCpuBefore);
  const serverCpuMs = (await server.cpuMs()) - serverCpuBefore;
  await closeAll(subscribers.sockets);
  latencies.sort((a, b) => a - b);
  return {
    mutations: options.mutations,
    subscribers: options.subscribers,
    expected,
    delivered,
    elapsedMs,
    mutationsPerSecond: (options.mutations / elapsedMs) * 1000,
    deliveriesPerSecond: (delivered / elapsedMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    httpErrors,
    malformed: subscribers.malformed(),
    serverCpuMs,
    driverCpuMs: (driverCpu.user + driverCpu.system) / 1000,
  };
}

function cpuShare(cpuMs: number, elapsedMs: number): string {
  return `${(cpuMs / 1000).toFixed(2)} s (${((cpuMs / elapsedMs) * 100).toFixed(0)}%)`;
}

function show(name: string, r: ScenarioResult | Error): string {
  if (r instanceof Error) return `  ${name.padEnd(44)} failed: ${r.message}`;
  return (
    `  ${name.padEnd(44)} ${r.mutationsPerSecond.toFixed(0).padStart(5)} mut/s ${r.deliveriesPerSecond.toFixed(0).padStart(7)} deliveries/s  ` +
    `p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  max ${r.max.toFixed(1).padStart(6)} ms  ` +
    `delivered ${r.delivered}/${r.expected}${r.httpErrors ? `  http errors ${r.httpErrors}` : ''}${r.malformed ? `  malformed frames ${r.malformed}` : ''}\n` +
    `  ${''.padEnd(44)} wall ${(r.elapsedMs / 1000).toFixed(2)} s, CPU (share of one core): server ${cpuShare(r.serverCpuMs, r.elapsedMs)}, driver ${cpuShare(r.driverCpuMs, r.elapsedMs)}; ` +
    `CPU per mutation: server ${(r.serverCpuMs / r.mutations).toFixed(2)} ms, driver ${(r.driverCpuMs / r.mutations).toFixed(2)} ms`
  );
}

async function attempt(run: () => Promise<ScenarioResult>): Promise<ScenarioResult | Error> {
  try {
    return await run();
  } catch (error) {
    return error as Error;
  }
}

function median(results: ScenarioResult[]): ScenarioResult {
  const sorted = [...results].sort((a, b) => a.deliveriesPerSecond - b.deliveriesPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const THROUGHPUT = { subscribers: 100, mutations: 400, concurrency: 16 };

async function main(): Promise<void> {
  const prefix = ensureSimulator();
  const roundCount = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 7));
  // Latency figures are only meaningful on an otherwise idle machine: say how busy it was.
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`machine: ${os.cpus().length} cores, Node ${process.version}, load average ${load()}`);

  const results: Record<string, Record<string, ScenarioResult | Error>> = {};
  const servers: [string, () => Promise<Server>][] = [
    ['appsync-local', () => startChild('appsync-local', ['--import', 'tsx', path.join(__dirname, 'serve-local.ts')])],
    [
      'amplify-appsync-simulator',
      () =>
        startChild('amplify-appsync-simulator', [
          path.join(__dirname, 'serve-simulator.cjs'),
          prefix,
          schemaPath,
          JSON.stringify([NONE_MUTATION_VTL_REQUEST, NONE_MUTATION_VTL_RESPONSE]),
        ]),
    ],
  ];
  const want = (key: string) => !process.env.BENCH_SCENARIO || process.env.BENCH_SCENARIO === key;
  const running: Server[] = [];
  try {
    for (const [name, start] of servers) {
      if (process.env.BENCH_ONLY && !name.startsWith(process.env.BENCH_ONLY)) continue;
      running.push(await start());
      results[name] = {};
    }
    // Warm-up (JIT, connection pools): two unreported throughput rounds, the same work for both servers
    // (this server's rate still climbs through the first one).
    for (const server of running) {
      for (const round of [0, 1]) await attempt(() => scenario(server, { ...THROUGHPUT, prefix: `warm${round}` }));
    }

    if (want('throughput')) {
      // The servers take turns round by round, so a change in the machine's load (this machine is
      // shared) falls on both rather than on whichever ran second; each reports its median round.
      console.log(
        `\nthroughput: ${THROUGHPUT.subscribers} subscribers, ${THROUGHPUT.concurrency} mutations in flight, ${THROUGHPUT.mutations} mutations a round, ` +
          `${roundCount} rounds each, servers taking turns (load average ${load()})`,
      );
      const rounds = new Map<Server, ScenarioResult[] | Error>(running.map((server) => [server, []]));
      for (let round = 0; round < roundCount; round++) {
        for (const server of running) {
          const done = rounds.get(server)!;
          if (done instanceof Error) continue;
          const r = await attempt(() => scenario(server, { ...THROUGHPUT, prefix: `tp${round}` }));
          if (r instanceof Error) rounds.set(server, r);
          else done.push(r);
        }
      }
      for (const server of running) {
        const done = rounds.get(server)!;
        const r = (results[server.name]!.throughput = done instanceof Error ? done : median(done));
        console.log(show(`${server.name}, median round`, r));
        if (!(done instanceof Error)) console.log(`  ${''.padEnd(44)} rounds: ${done.map((x) => x.mutationsPerSecond.toFixed(0)).join(', ')} mut/s`);
      }
    }

    const single: [string, string, Parameters<typeof scenario>[1]][] = [
      ['paced', '200 mut/s, 100 subs, 3 s', { subscribers: 100, mutations: 600, ratePerSecond: 200, prefix: 'paced' }],
      ['wide', '1000 subs x 100 mutations', { subscribers: 1000, mutations: 100, concurrency: 4, prefix: 'wide' }],
    ];
    for (const server of running) {
      if (!single.some(([key]) => want(key))) break;
      console.log(`\n${server.name} (load average ${load()})`);
      for (const [key, label, options] of single) {
        if (!want(key)) continue;
        results[server.name]![key] = await attempt(() => scenario(server, options));
        console.log(show(label, results[server.name]![key]!));
      }
    }
  } finally {
    for (const server of running) await stopChild(server);
  }

  const ours = results['appsync-local'] ?? {};
  const base = results['amplify-appsync-simulator'] ?? {};
  console.log('\nratios (appsync-local / amplify-appsync-simulator, same run, same driver)');
  for (const key of ['throughput', 'paced', 'wide']) {
    const a = ours[key];
    const b = base[key];
    if (a instanceof Error || b instanceof Error || !a || !b) {
      console.log(`  ${key.padEnd(12)} n/a (${a instanceof Error ? `ours failed: ${a.message}` : ''}${b instanceof Error ? `baseline failed: ${b.message}` : ''})`);
      continue;
    }
    console.log(
      `  ${key.padEnd(12)} throughput x${(a.deliveriesPerSecond / b.deliveriesPerSecond).toFixed(2)}   p99 ${a.p99.toFixed(1)} ms vs ${b.p99.toFixed(1)} ms   ` +
        `server CPU per mutation ${(a.serverCpuMs / a.mutations).toFixed(2)} ms vs ${(b.serverCpuMs / b.mutations).toFixed(2)} ms (x${(b.serverCpuMs / b.mutations / (a.serverCpuMs / a.mutations)).toFixed(1)} less)   ` +
        `delivered ${a.delivered}/${a.expected} vs ${b.delivered}/${b.expected}`,
    );
  }
  const tp = ours.throughput;
  const paced = ours.paced;
  const wide = ours.wide;
  const baseTp = base.throughput;
  console.log('\ntargets');
  if (!(tp instanceof Error) && tp && !(baseTp instanceof Error) && baseTp) {
    const ratio = tp.deliveriesPerSecond / baseTp.deliveriesPerSecond;
    console.log(`  >= 3x the simulator's throughput:            x${ratio.toFixed(2)} ${ratio >= 3 ? 'met' : 'NOT met'}`);
  }
  if (!(paced instanceof Error) && paced) console.log(`  p99 <= 15 ms at 200 mut/s with 100 subs:     ${paced.p99.toFixed(1)} ms ${paced.p99 <= 15 ? 'met' : 'NOT met'}`);
  if (!(wide instanceof Error) && wide) {
    console.log(`  1000 subs x 100 mutations, zero loss:        ${wide.expected - wide.delivered} lost ${wide.delivered === wide.expected ? 'met' : 'NOT met'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
