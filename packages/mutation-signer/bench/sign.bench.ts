// Signing speed and bundle size of @notifier/mutation-signer.
//
// 1. Microseconds per SigV4 sign of a realistic AppSync mutation body, in one process and interleaved
//    rounds (median of rounds after a warm-up), for: the package's signing path (node:crypto and
//    sha256-js), aws4, and the minimal node:crypto reference of bench/reference-sigv4.ts (the baseline;
//    its signing key is cached per day like the others do, a second row derives it on every sign), plus
//    @smithy/signature-v4 with its defaults (which add and sign an x-amz-content-sha256 header) to show
//    what `applyChecksum: false` saves. Target: the package's Node path <= 5x the baseline.
// 2. Size of bench/minimal-handler.ts bundled by esbuild for Lambda (ESM, minified, node20, everything
//    bundled) with ESM entry points (`mainFields: ['module','main']`, `conditions: ['module']`) against
//    the 40 KB target, and with esbuild's default CommonJS-first resolution for comparison.
// 3. That a browser bundle picks @aws-crypto/sha256-js and leaves node:crypto out.
//
// Prints PASS/FAIL per target; exits 0 unless something crashed.
import { Sha256 as Sha256Js } from '@aws-crypto/sha256-js';
import aws4 from 'aws4';
import { build, type BuildOptions } from 'esbuild';
import { createHash, createHmac } from 'node:crypto';
import path from 'node:path';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createRequestSigner } from '../src/signer';
import { Sha256 as Sha256Node } from '../src/sha256.node';
import { deriveSigningKey, referenceSign, toAmzDate, type ReferenceCredentials } from './reference-sigv4';

const SIGN_TARGET_RATIO = 5;
const BUNDLE_TARGET_KB = 40;
const WARMUP_ITERATIONS = 3_000;
const ROUNDS = 9;
const ITERATIONS_PER_ROUND = 4_000;

const URL_STRING = 'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql';
const REGION = 'eu-west-1';
const SERVICE = 'appsync';
const CREDENTIALS: ReferenceCredentials = {
  accessKeyId: 'ASIAEXAMPLE0000TEMP',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // Lambda session tokens are long; the header is part of the canonical request.
  sessionToken: `IQoJb3JpZ2luX2VjE${'A'.repeat(1000)}==`,
};

// The NotifyDatasetRefreshed operation as generated (operation + NotificationFields fragment) and one input.
const DOCUMENT = `mutation NotifyDatasetRefreshed($input: DatasetRefreshedInput!) {
  notifyDatasetRefreshed(input: $input) {
    ...NotificationFields
  }
}
fragment NotificationFields on Notification {
  id kind audience ownerId createdAt
  imageTagged { bucket key status labels { name confidence } reason }
  transcriptReady { mediaKey status reason languageCode excerpt transcriptLocation }
  datasetRefreshed { dataset version recordCount completedAt }
  modelReady { modelName version artifactLocation metrics { name value } }
}`;
const BODY = new TextEncoder().encode(
  JSON.stringify({
    query: DOCUMENT,
    variables: {
      input: {
        idempotencyKey: 'bulk-load/2026-11-27/orders/v42',
        dataset: 'orders',
        version: 'v42',
        recordCount: 1250,
        completedAt: '2026-11-27T14:00:00.000Z',
      },
    },
  }),
);
const url = new URL(URL_STRING);
const HEADERS = { 'content-type': 'application/json' };

/** The reference with the one cache every practical signer keeps: the signing key of the day. */
const cachedReference = (): ((date: Date) => string) => {
  let cache: { scope: string; key: Buffer } | undefined;
  return (date) => {
    const amzDate = toAmzDate(date);
    const shortDate = amzDate.slice(0, 8);
    const scope = `${shortDate}/${REGION}/${SERVICE}/aws4_request`;
    if (cache?.scope !== scope) {
      cache = { scope, key: deriveSigningKey(CREDENTIALS.secretAccessKey, shortDate, REGION, SERVICE) };
    }
    const headers: Record<string, string> = { ...HEADERS, host: url.host, 'x-amz-date': amzDate };
    if (CREDENTIALS.sessionToken) headers['x-amz-security-token'] = CREDENTIALS.sessionToken;
    const names = Object.keys(headers).sort();
    const canonicalRequest = [
      'POST',
      url.pathname,
      '',
      names.map((name) => `${name}:${headers[name]}\n`).join(''),
      names.join(';'),
      createHash('sha256').update(BODY).digest('hex'),
    ].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    const signature = createHmac('sha256', cache.key).update(stringToSign).digest('hex');
    return `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  };
};

interface Variant {
  name: string;
  sign: (date: Date) => unknown;
  baseline?: boolean;
  target?: boolean;
}

const packageNode = createRequestSigner({ url, region: REGION, sha256: Sha256Node });
const packageJs = createRequestSigner({ url, region: REGION, sha256: Sha256Js });
const reference = cachedReference();
// What @smithy/signature-v4 does with its defaults: also computes and signs an x-amz-content-sha256 header.
const smithyDefaults = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: SERVICE, sha256: Sha256Node });

const VARIANTS: Variant[] = [
  { name: 'reference (node:crypto, key cached per day)', sign: reference, baseline: true },
  {
    name: 'reference (node:crypto, key derived per sign)',
    sign: (date) =>
      referenceSign({ method: 'POST', host: url.host, path: url.pathname, headers: HEADERS, body: BODY, credentials: CREDENTIALS, region: REGION, service: SERVICE, date }),
  },
  {
    name: 'aws4 1.x',
    sign: () =>
      aws4.sign(
        { method: 'POST', host: url.host, path: url.pathname, service: SERVICE, region: REGION, headers: { ...HEADERS }, body: Buffer.from(BODY) },
        CREDENTIALS,
      ),
  },
  { name: '@notifier/mutation-signer (node:crypto)', sign: (date) => packageNode.sign(CREDENTIALS, BODY, date), target: true },
  { name: '@notifier/mutation-signer (sha256-js, browser path)', sign: (date) => packageJs.sign(CREDENTIALS, BODY, date) },
  {
    name: '@smithy/signature-v4 defaults (+x-amz-content-sha256)',
    sign: (date) =>
      smithyDefaults.sign(
        new HttpRequest({ method: 'POST', protocol: url.protocol, hostname: url.hostname, path: url.pathname, headers: { ...HEADERS, host: url.host }, body: BODY }),
        { signingDate: date },
      ),
  },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const runFor = async (variant: Variant, iterations: number): Promise<number> => {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await variant.sign(new Date());
  return Number(process.hrtime.bigint() - started) / iterations / 1_000;
};

const benchSigning = async (): Promise<boolean> => {
  // Every variant must produce the same signature as the reference before its speed means anything.
  const date = new Date('2026-11-27T14:05:09Z');
  const expected = reference(date);
  const fromNode = (await packageNode.sign(CREDENTIALS, BODY, date)).authorization;
  const fromJs = (await packageJs.sign(CREDENTIALS, BODY, date)).authorization;
  const fromAws4 = aws4.sign(
    { method: 'POST', host: url.host, path: url.pathname, service: SERVICE, region: REGION, headers: { ...HEADERS, 'X-Amz-Date': toAmzDate(date) }, body: Buffer.from(BODY) },
    CREDENTIALS,
  ).headers?.Authorization;
  // aws4 also signs the content-length header it adds.
  const expectedAws4 = referenceSign({
    method: 'POST',
    host: url.host,
    path: url.pathname,
    headers: { ...HEADERS, 'content-length': String(BODY.byteLength) },
    body: BODY,
    credentials: CREDENTIALS,
    region: REGION,
    service: SERVICE,
    date,
  }).authorization;
  for (const [name, value, want] of [
    ['package (node:crypto)', fromNode, expected],
    ['package (sha256-js)', fromJs, expected],
    ['aws4', fromAws4, expectedAws4],
  ] as const) {
    if (value !== want) throw new Error(`${name} signs differently from the reference:\n  ${String(value)}\n  ${want}`);
  }

  for (const variant of VARIANTS) await runFor(variant, WARMUP_ITERATIONS);
  const samples = new Map<Variant, number[]>(VARIANTS.map((variant) => [variant, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no variant always runs right after a GC-heavy one.
    for (let i = 0; i < VARIANTS.length; i++) {
      const variant = VARIANTS[(i + round) % VARIANTS.length] as Variant;
      samples.get(variant)?.push(await runFor(variant, ITERATIONS_PER_ROUND));
    }
  }
  const baseline = median(samples.get(VARIANTS.find((variant) => variant.baseline) as Variant) ?? []);

  console.log(`\nSigV4 sign of a ${BODY.byteLength}-byte AppSync mutation with a session token`);
  console.log(`(${ROUNDS} rounds x ${ITERATIONS_PER_ROUND} signs after ${WARMUP_ITERATIONS} warm-up; median of rounds; Node ${process.version})\n`);
  const width = Math.max(...VARIANTS.map((variant) => variant.name.length));
  console.log(`${'signer'.padEnd(width)}  ${'µs/sign'.padStart(8)}  ${'vs reference'.padStart(12)}`);
  let pass = true;
  for (const variant of VARIANTS) {
    const micros = median(samples.get(variant) ?? []);
    const ratio = micros / baseline;
    console.log(`${variant.name.padEnd(width)}  ${micros.toFixed(2).padStart(8)}  ${`${ratio.toFixed(2)}x`.padStart(12)}`);
    if (variant.target) pass = ratio <= SIGN_TARGET_RATIO;
  }
  const target = VARIANTS.find((variant) => variant.target) as Variant;
  const ratio = median(samples.get(target) ?? []) / baseline;
  console.log(`\n${pass ? 'PASS' : 'FAIL'} sign: ${target.name} is ${ratio.toFixed(2)}x the reference (target <= ${SIGN_TARGET_RATIO}x)`);
  return pass;
};

const HANDLER = path.resolve(__dirname, 'minimal-handler.ts');

const bundle = async (options: BuildOptions): Promise<{ bytes: number; inputs: string[] }> => {
  const result = await build({
    entryPoints: [HANDLER],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...options,
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error('esbuild produced no output');
  return { bytes: output.contents.byteLength, inputs: Object.keys(result.metafile?.inputs ?? {}) };
};

const benchBundle = async (): Promise<boolean> => {
  const esm = await bundle({ platform: 'node', mainFields: ['module', 'main'], conditions: ['module'] });
  const cjs = await bundle({ platform: 'node' });
  const browser = await bundle({ platform: 'browser', mainFields: ['module', 'main'], conditions: ['module'] });
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

  console.log('\nBundle of bench/minimal-handler.ts (esbuild, bundle everything, minify, esm, node20)');
  console.log(`  mainFields module,main + conditions module : ${kb(esm.bytes)}`);
  console.log(`  esbuild default resolution (CommonJS first) : ${kb(cjs.bytes)}  (${(cjs.bytes / esm.bytes).toFixed(1)}x)`);
  const pass = esm.bytes <= BUNDLE_TARGET_KB * 1024;
  console.log(`${pass ? 'PASS' : 'FAIL'} bundle: ${kb(esm.bytes)} (target <= ${BUNDLE_TARGET_KB} KB)`);

  const jsHash = browser.inputs.some((input) => input.includes('@aws-crypto/sha256-js'));
  const nodeHash = browser.inputs.some((input) => input.includes('hash-node'));
  const browserPass = jsHash && !nodeHash && !esm.inputs.some((input) => input.includes('@aws-crypto/sha256-js'));
  console.log(
    `${browserPass ? 'PASS' : 'FAIL'} hashing by condition: browser bundle ${kb(browser.bytes)} uses ` +
      `${jsHash ? '@aws-crypto/sha256-js' : 'no sha256-js'}${nodeHash ? ' AND hash-node' : ''}; Node bundle uses node:crypto only`,
  );
  return pass && browserPass;
};

const main = async (): Promise<void> => {
  const signing = await benchSigning();
  const bundled = await benchBundle();
  console.log(`\n${signing && bundled ? 'All targets met.' : 'Some targets missed (see FAIL lines).'}`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
