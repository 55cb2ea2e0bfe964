import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatColdStartReport,
  formatTargetVerdict,
  LAMBDA_RUNTIME_MODULES,
  measureColdStart,
  startStubAppSync,
  type ColdStartFigures,
  type StubAppSync,
  type TimingFigures,
} from '../build';
import { createAppSyncClient } from '@notifier/mutation-signer';
import { NotifyModelReadyDocument } from '@notifier/schema';
import { loadEvent } from './helpers';

/** Figures of one subject, for the report functions. */
function figure(name: string, medianMs: number, medianCpuMs: number): ColdStartFigures {
  return { name, file: `/x/${name}`, bytes: 2048, gzipBytes: 1024, medianMs, p90Ms: medianMs * 2, minMs: medianMs / 2, medianCpuMs, samplesMs: [medianMs] };
}

function timing(medianMs: number, medianCpuMs: number): TimingFigures {
  return { medianMs, p90Ms: medianMs * 2, minMs: medianMs / 2, medianCpuMs, samplesMs: [medianMs] };
}

/** Figures of a subject measured with a first invocation. */
function invokedFigure(name: string, load: [number, number], invocation: [number, number]): ColdStartFigures {
  return {
    ...figure(name, ...load),
    firstInvocation: timing(...invocation),
    firstResponse: timing(load[0] + invocation[0], load[1] + invocation[1]),
    signedRequests: 1,
  };
}

// A handler as the apps write it: signs (here: only looks signed), POSTs one mutation to GRAPHQL_URL, reads
// the answer, logs JSON lines to stdout. The last line it prints looks like the figures a child reports.
const SIGNED_POST = `
  const response = await fetch(process.env.GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=ASIATEST/20261127/eu-west-1/appsync/aws4_request, SignedHeaders=host, Signature=00' },
    body: JSON.stringify({ query: 'mutation N($input: DatasetRefreshedInput!) { notifyDatasetRefreshed(input: $input) { id kind } }', variables: { input: { idempotencyKey: event.id } } }),
  });
  const body = await response.json();
  if (body.data?.notifyDatasetRefreshed?.kind !== 'DATASET_REFRESHED') throw new Error('not delivered: ' + JSON.stringify(body));
  console.log(JSON.stringify({ level: 'INFO', message: 'notified', id: body.data.notifyDatasetRefreshed.id }));
  console.log('[0.001, 0.001]');
`;

describe('Function: measureColdStart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-kit-bench-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads ESM and CommonJS subjects in fresh processes and reports size and times per subject', async () => {
    // Prepare
    writeFileSync(join(dir, 'a.mjs'), `export const env = process.env.BENCH_MARK; if (env !== 'on') throw new Error('env not passed');\n`);
    writeFileSync(join(dir, 'b.cjs'), `module.exports = require('node:path').sep;\n`);

    // Act
    const figures = await measureColdStart(
      [
        { name: 'esm', file: join(dir, 'a.mjs') },
        { name: 'cjs', file: join(dir, 'b.cjs') },
      ],
      { samples: 3, env: { ...process.env, BENCH_MARK: 'on' } },
    );

    // Assess
    expect(figures.map((f) => [f.name, f.samplesMs.length])).toEqual([
      ['esm', 3],
      ['cjs', 3],
    ]);
    for (const f of figures) {
      expect(f.medianMs).toBeGreaterThan(0);
      expect(f.medianCpuMs).toBeGreaterThan(0);
      expect(f.minMs).toBeLessThanOrEqual(f.medianMs);
      expect(f.p90Ms).toBeGreaterThanOrEqual(f.medianMs);
    }
    expect(figures[1]?.bytes).toBe(Buffer.byteLength(`module.exports = require('node:path').sep;\n`));
  });

  it('loads the built-ins of Lambda\'s runtime before the clock starts, unless told otherwise', async () => {
    // Prepare: a subject that fails when node:http or node:assert has not been loaded before it
    const check = `const loaded = process.moduleLoadList; for (const m of ['http', 'assert']) if (!loaded.includes('NativeModule ' + m)) throw new Error('node:' + m + ' not preloaded');\n`;
    writeFileSync(join(dir, 'needs-runtime.cjs'), check);

    // Act
    const [preloaded] = await measureColdStart([{ name: 'runtime', file: join(dir, 'needs-runtime.cjs') }], { samples: 1 });
    const bare = measureColdStart([{ name: 'bare', file: join(dir, 'needs-runtime.cjs') }], { samples: 1, preload: [] });

    // Assess
    expect(LAMBDA_RUNTIME_MODULES).toEqual(expect.arrayContaining(['node:http', 'node:net', 'node:assert']));
    expect(preloaded?.samplesMs).toHaveLength(1);
    await expect(bare).rejects.toThrow(/^bare: cannot be loaded: [\s\S]*node:http not preloaded/);
  });

  it('fails, naming the subject, when a subject cannot be loaded', async () => {
    // Prepare
    writeFileSync(join(dir, 'bad.mjs'), `throw new Error('broken at load');\n`);

    // Act
    const run = measureColdStart([{ name: 'bad', file: join(dir, 'bad.mjs') }], { samples: 1 });

    // Assess
    await expect(run).rejects.toThrow(/^bad: cannot be loaded: [\s\S]*broken at load/);
  });
});

describe('Function: measureColdStart (first invocation)', () => {
  let dir: string;
  let appSync: StubAppSync;
  beforeAll(async () => {
    appSync = await startStubAppSync();
  });
  afterAll(async () => {
    await appSync.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lambda-kit-bench-invoke-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('calls each handler once after the load with the event and a Lambda context, times the call on its own and counts its signed request', async () => {
    // Prepare
    const event = loadEvent('eventbridge/s3-object-created.json');
    writeFileSync(
      join(dir, 'handler.mjs'),
      `const burn = (ms) => { const start = process.cpuUsage(); for (;;) { const used = process.cpuUsage(start); if (used.user + used.system >= ms * 1000) return; } };
      burn(200);
      export const handler = async (event, context) => {
        if (event.source !== 'aws.s3' || !context.awsRequestId || context.functionName !== 'bench-test') throw new Error('wrong event or context');
        if (!(context.getRemainingTimeInMillis() > 25000)) throw new Error('no time left: ' + context.getRemainingTimeInMillis());
        burn(30);
        ${SIGNED_POST}
      };\n`,
    );
    writeFileSync(
      join(dir, 'baseline.cjs'),
      `const http = require('node:http');
      exports.handler = (event) => new Promise((resolve, reject) => {
        const body = JSON.stringify({ query: 'mutation AddUser($userId: ID!) { addUser(userId: $userId, userDetails: {}) { id updatedAt } }', variables: { userId: event.id } });
        const request = http.request(process.env.GRAPHQL_URL, { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x', 'content-length': Buffer.byteLength(body) } }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => (JSON.parse(text).data.addUser.id === event.id ? resolve() : reject(new Error(text))));
        });
        request.on('error', reject);
        request.end(body);
      });\n`,
    );
    writeFileSync(join(dir, 'empty.mjs'), 'export {};\n');
    const before = appSync.signedRequests;

    // Act
    const figures = await measureColdStart(
      [
        { name: 'app', file: join(dir, 'handler.mjs') },
        { name: 'floor', file: join(dir, 'empty.mjs'), invoke: false },
        { name: 'baseline', file: join(dir, 'baseline.cjs') },
      ],
      { samples: 2, invoke: { event, appSync, functionName: 'bench-test' } },
    );

    // Assess
    const [app, floor, baseline] = figures;
    expect(appSync.signedRequests - before).toBe(4);
    expect([app?.signedRequests, floor?.signedRequests, baseline?.signedRequests]).toEqual([2, undefined, 2]);
    expect(floor?.firstInvocation).toBeUndefined();
    expect(floor?.firstResponse).toBeUndefined();
    for (const f of [app!, baseline!]) {
      expect(f.firstInvocation?.samplesMs).toHaveLength(2);
      expect(f.firstInvocation?.medianCpuMs).toBeGreaterThan(0);
      f.firstResponse?.samplesMs.forEach((ms, i) => expect(ms).toBeCloseTo(f.samplesMs[i]! + f.firstInvocation!.samplesMs[i]!, 6));
    }
    // The app burns 200 ms of CPU at load and 30 ms in its handler: each clock sees its own part only. CPU time
    // tells them apart on a busy machine too, where the handler's request alone can take longer than 200 ms of wall time.
    expect(app?.medianCpuMs).toBeGreaterThanOrEqual(200);
    expect(app?.minMs).toBeGreaterThanOrEqual(150);
    expect(app?.firstInvocation?.medianCpuMs).toBeGreaterThanOrEqual(30);
    expect(app?.firstInvocation?.medianCpuMs).toBeLessThan(app!.medianCpuMs);
  });

  it('fails, naming the subject and showing its error, when the handler throws', async () => {
    // Prepare
    writeFileSync(join(dir, 'thrower.mjs'), `export const handler = async () => { console.log('{"level":"INFO","message":"about to fail"}'); throw new Error('broken at first call'); };\n`);

    // Act
    const run = measureColdStart([{ name: 'thrower', file: join(dir, 'thrower.mjs') }], { samples: 1, invoke: { event: {}, appSync } });

    // Assess
    await expect(run).rejects.toThrow(/^thrower: first invocation failed: Error: broken at first call[\s\S]*about to fail/);
  });

  it('fails, naming the subject, when the handler makes no request', async () => {
    // Prepare
    writeFileSync(join(dir, 'idle.mjs'), `export const handler = async () => { console.log('{"level":"INFO","message":"nothing to do"}'); };\n`);

    // Act
    const run = measureColdStart([{ name: 'idle', file: join(dir, 'idle.mjs') }], { samples: 2, invoke: { event: {}, appSync } });

    // Assess
    await expect(run).rejects.toThrow(/^idle: sample 1: the first invocation made 0 signed request\(s\) to the stub AppSync, expected exactly 1: [^\n]*\n[\s\S]*nothing to do/);
  });

  it('fails when the handler sends an unsigned request', async () => {
    // Prepare
    writeFileSync(
      join(dir, 'unsigned.mjs'),
      `export const handler = async () => { await fetch(process.env.GRAPHQL_URL, { method: 'POST', body: JSON.stringify({ query: 'mutation { notifyModelReady(input: {}) { id } }' }) }); };\n`,
    );

    // Act
    const run = measureColdStart([{ name: 'unsigned', file: join(dir, 'unsigned.mjs') }], { samples: 1, invoke: { event: {}, appSync } });

    // Assess
    await expect(run).rejects.toThrow(/^unsigned: sample 1: the first invocation made 0 signed request\(s\) to the stub AppSync and 1 rejected one\(s\) \(last: unsigned request/);
  });

  it('fails when the module has no handler', async () => {
    // Prepare
    writeFileSync(join(dir, 'library.mjs'), `export const version = 1;\n`);

    // Act
    const run = measureColdStart([{ name: 'library', file: join(dir, 'library.mjs') }], { samples: 1, invoke: { event: {}, appSync } });

    // Assess
    await expect(run).rejects.toThrow(/^library: first invocation failed: Error: the module exports no handler function/);
  });
});

describe('Function: startStubAppSync', () => {
  let appSync: StubAppSync;
  const signed = { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=ASIATEST/20261127/eu-west-1/appsync/aws4_request' };
  beforeAll(async () => {
    appSync = await startStubAppSync({ now: () => new Date('2026-11-27T09:00:00.000Z') });
  });
  afterAll(async () => {
    await appSync.close();
  });

  it('answers a signed trigger mutation with a delivered broadcast notification of its kind', async () => {
    // Prepare
    const before = appSync.signedRequests;
    const query = 'mutation NotifyModelReady($input: ModelReadyInput!) {\n  notifyModelReady(input: $input) {\n    ...NotificationFields\n  }\n}\nfragment NotificationFields on Notification { id }';
    const input = { idempotencyKey: 'churn#3', modelName: 'churn', version: '3', artifactLocation: 's3://m/churn/3/', metrics: [] };

    // Act
    const response = await fetch(appSync.url, { method: 'POST', headers: signed, body: JSON.stringify({ query, variables: { input } }) });

    // Assess
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { notifyModelReady: Record<string, unknown> } };
    expect(body.data.notifyModelReady).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'MODEL_READY',
      audience: 'BROADCAST',
      ownerId: null,
      createdAt: '2026-11-27T09:00:00.000Z',
      imageTagged: null,
      transcriptReady: null,
      datasetRefreshed: null,
      modelReady: { modelName: 'churn', version: '3', artifactLocation: 's3://m/churn/3/', metrics: [] },
    });
    expect(appSync.signedRequests - before).toBe(1);
  });

  it('answers a signed addUser with the stored profile', async () => {
    // Prepare
    const query = 'fragment UserProfileFields on UserProfile { id }\nmutation AddUser($userId: ID!, $userDetails: AddUserInput!) { addUser(userId: $userId, userDetails: $userDetails) { ...UserProfileFields } }';
    const variables = { userId: 'u-1', userDetails: { displayName: 'Ada', picture: null, locale: 'en-GB', email: 'ada@example.com', phoneNumber: null } };

    // Act
    const response = await fetch(appSync.url, { method: 'POST', headers: signed, body: JSON.stringify({ query, variables }) });

    // Assess
    expect(await response.json()).toEqual({ data: { addUser: { id: 'u-1', displayName: 'Ada', picture: null, locale: 'en-GB', updatedAt: '2026-11-27T09:00:00.000Z' } } });
  });

  it.each([
    ['no authorization', { 'content-type': 'application/json' }, JSON.stringify({ query: 'mutation { addUser { id } }' }), 403, /unsigned request/],
    ['a body that is not JSON', signed, 'mutation { addUser { id } }', 400, /body is not JSON/],
    ['no query', signed, JSON.stringify({ variables: {} }), 400, /no GraphQL query/],
  ])('rejects and counts a request with %s', async (_case, headers, body, status, reason) => {
    // Prepare
    const before = { signed: appSync.signedRequests, rejected: appSync.rejectedRequests };

    // Act
    const response = await fetch(appSync.url, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(status);
    await response.text();
    expect(appSync.signedRequests - before.signed).toBe(0);
    expect(appSync.rejectedRequests - before.rejected).toBe(1);
    expect(appSync.lastRejection).toMatch(reason);
  });
});

describe('Function: formatColdStartReport', () => {
  it('prints every subject with its ratio to the baseline', () => {
    // Prepare
    const figures = [figure('app', 10, 5), figure('baseline', 400, 200)];

    // Act
    const report = formatColdStartReport(figures, 'baseline');

    // Assess
    const [header, app, baseline] = report.split('\n');
    expect(header).toMatch(/^subject\s+KiB\s+gzip KiB\s+median ms\s+p90 ms\s+median cpu ms\s+ratio \(wall\)\s+ratio \(cpu\)$/);
    expect(app?.split(/\s{2,}/).map((c) => c.trim()).filter(Boolean)).toEqual(['app', '2.0', '1.0', '10.00', '20.00', '5.00', '40.0x', '40.0x']);
    expect(baseline?.split(/\s{2,}/).map((c) => c.trim()).filter(Boolean)).toEqual(['baseline', '2.0', '1.0', '400.00', '800.00', '200.00', '-', '-']);
  });
});

describe('Function: formatColdStartReport (first invocation)', () => {
  it('adds the first invocation and load + first invocation with its ratios, and dashes for subjects not invoked', () => {
    // Prepare
    const figures = [invokedFigure('app', [10, 5], [30, 20]), figure('floor', 2, 2), invokedFigure('baseline', [400, 200], [20, 50])];

    // Act
    const report = formatColdStartReport(figures, 'baseline');

    // Assess
    const [header, app, floor, baseline] = report.split('\n').map((line) => line.split(/\s{2,}/).map((c) => c.trim()));
    expect(header?.slice(8)).toEqual(['1st call ms', '1st call cpu ms', 'load+1st ms', 'load+1st cpu ms', 'ratio load+1st (wall)', 'ratio load+1st (cpu)']);
    expect(app).toEqual(['app', '2.0', '1.0', '10.00', '20.00', '5.00', '40.0x', '40.0x', '30.00', '20.00', '40.00', '25.00', '10.5x', '10.0x']);
    expect(floor?.slice(8)).toEqual(['-', '-', '-', '-', '-', '-']);
    expect(baseline?.slice(6)).toEqual(['-', '-', '20.00', '50.00', '420.00', '250.00', '-', '-']);
  });
});

describe('Function: formatTargetVerdict', () => {
  it('states the target, the time it allows, the floor and each subject\'s ratio and verdict', () => {
    // Prepare
    const figures = [figure('fast.mjs', 4, 3), figure('slow.mjs', 20, 16), figure('empty', 2.5, 2.5), figure('signer', 5, 4), figure('baseline', 160, 150)];

    // Act
    const verdict = formatTargetVerdict(figures, { baselineName: 'baseline', subjects: ['fast.mjs', 'slow.mjs'], floorNames: ['empty', 'signer'] });

    // Assess
    expect(verdict.split('\n')).toEqual([
      "target: cold load <= 1/40 of the baseline's, i.e. <= 4.00 ms (baseline 160.00 ms wall, 150.00 ms CPU, median)",
      'empty: loaded the same way, takes 2.50 ms = 1/64.0 of the baseline: no bundle that contains it can do better than 1/64.0 here',
      'signer: loaded the same way, takes 5.00 ms = 1/32.0 of the baseline: already over the 4.00 ms allowed, so no bundle that contains it can meet the target here',
      'fast.mjs: 4.00 ms = 1/40.0 of the baseline (CPU 3.00 ms = 1/50.0); target 1/40: met',
      'slow.mjs: 20.00 ms = 1/8.0 of the baseline (CPU 16.00 ms = 1/9.4); target 1/40: MISSED (5.0x over the 4.00 ms allowed)',
    ]);
  });

  it('refuses figures without the baseline', () => {
    // Act & Assess
    expect(() => formatTargetVerdict([figure('app', 1, 1)], { baselineName: 'baseline', subjects: ['app'] })).toThrow('no figures for the baseline baseline');
  });
});

describe('Function: formatTargetVerdict (first invocation)', () => {
  it('keeps the verdict on the cold load and states each subject\'s cold start to first response and its ratio', () => {
    // Prepare
    const figures = [invokedFigure('fast.mjs', [4, 3], [36, 30]), invokedFigure('slow.mjs', [20, 16], [400, 300]), invokedFigure('baseline', [160, 150], [20, 30])];

    // Act
    const verdict = formatTargetVerdict(figures, { baselineName: 'baseline', subjects: ['fast.mjs', 'slow.mjs'] });

    // Assess
    expect(verdict.split('\n')).toEqual([
      "target: cold load <= 1/40 of the baseline's, i.e. <= 4.00 ms (baseline 160.00 ms wall, 150.00 ms CPU, median)",
      'fast.mjs: 4.00 ms = 1/40.0 of the baseline (CPU 3.00 ms = 1/50.0); target 1/40: met',
      'slow.mjs: 20.00 ms = 1/8.0 of the baseline (CPU 16.00 ms = 1/9.4); target 1/40: MISSED (5.0x over the 4.00 ms allowed)',
      'cold start to first response (load + first invocation in the same process; reported, not judged against the target): baseline 180.00 ms wall, 180.00 ms CPU (median)',
      "fast.mjs: cold start to first response 40.00 ms = 1/4.5 of the baseline's (CPU 33.00 ms = 1/5.5); medians: load 4.00 ms, first invocation 36.00 ms",
      "slow.mjs: cold start to first response 420.00 ms = 2.3x of the baseline's (CPU 316.00 ms = 1.8x); medians: load 20.00 ms, first invocation 400.00 ms",
    ]);
  });

  it('refuses a subject without first-invocation figures when the baseline has them', () => {
    // Prepare
    const figures = [figure('app.mjs', 4, 3), invokedFigure('baseline', [160, 150], [20, 30])];

    // Act & Assess
    expect(() => formatTargetVerdict(figures, { baselineName: 'baseline', subjects: ['app.mjs'] })).toThrow('no first-invocation figures for app.mjs, but the baseline has some');
  });
});

describe('Function: startStubAppSync (verifying signatures)', () => {
  const credentials = { accessKeyId: 'ASIABENCHTEST', secretAccessKey: 'bench-test-secret', sessionToken: 'bench-test-token' };
  let appSync: StubAppSync;
  beforeAll(async () => {
    appSync = await startStubAppSync({ credentials, region: 'eu-west-1' });
  });
  afterAll(async () => {
    await appSync.close();
  });

  it('counts a request whose SigV4 signature verifies with the given credentials', async () => {
    // Prepare
    const client = createAppSyncClient({ url: appSync.url, region: 'eu-west-1', credentials });
    const before = appSync.signedRequests;

    // Act
    const result = await client.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: 'churn#3', modelName: 'churn', version: '3', artifactLocation: 's3://m/churn/3/', metrics: [] },
    });

    // Assess
    expect(result.outcome).toBe('delivered');
    expect(appSync.signedRequests - before).toBe(1);
  });

  it('rejects a request signed with another secret', async () => {
    // Prepare
    const client = createAppSyncClient({ url: appSync.url, region: 'eu-west-1', credentials: { ...credentials, secretAccessKey: 'wrong' }, retry: { maxAttempts: 1 } });
    const before = { signed: appSync.signedRequests, rejected: appSync.rejectedRequests };

    // Act
    const call = client.mutate(NotifyModelReadyDocument, {
      input: { idempotencyKey: 'churn#4', modelName: 'churn', version: '4', artifactLocation: 's3://m/churn/4/', metrics: [] },
    });

    // Assess
    await expect(call).rejects.toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    expect(appSync.signedRequests).toBe(before.signed);
    expect(appSync.rejectedRequests - before.rejected).toBe(1);
    expect(appSync.lastRejection).toMatch(/^signature does not verify/);
  });
});
