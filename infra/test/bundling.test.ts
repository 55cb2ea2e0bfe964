// Real esbuild bundling (as `pnpm synth` does it) of two handlers, then loading each bundle in Node
// with the environment the function gets: proves the ESM output, the createRequire banner and the
// bundled AWS SDK work together, without deploying anything.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readStageConfig } from '../lib/config';
import { bindMutation, NotifierFunction } from '../lib/constructs/notifier-function';
import { FEATURE_FLAGS } from '../lib/feature-flags';

const API = {
  arn: 'arn:aws:appsync:eu-west-1:123456789012:apis/abcdefghijklmnopqrstuvwxyz',
  graphqlUrl: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql',
};

let outdir: string;
let assembly: ReturnType<App['synth']>;
let stack: Stack;
const functions: Record<string, NotifierFunction> = {};

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'notifier-bundling-'));
  const app = new App({ outdir, context: FEATURE_FLAGS });
  stack = new Stack(app, 'Bundles');
  const config = readStageConfig(app.node);
  functions['bulk-load-notice'] = new NotifierFunction(stack, 'BulkLoadNotice', {
    app: 'bulk-load-notice',
    handler: 'handler',
    description: 'bundling test',
    timeout: Duration.seconds(10),
    api: API,
    config,
  });
  bindMutation(functions['bulk-load-notice'], 'notifyDatasetRefreshed');
  functions['image-tagger'] = new NotifierFunction(stack, 'ImageTagger', {
    app: 'image-tagger',
    handler: 'handler',
    description: 'bundling test',
    timeout: Duration.seconds(10),
    api: API,
    config,
    environment: { MAX_LABELS: '10', MIN_CONFIDENCE: '75' },
  });
  bindMutation(functions['image-tagger'], 'notifyImageTagged');
  assembly = app.synth();
}, 120_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The staged asset directory and environment of one function. */
function bundleOf(app: string): { dir: string; env: Record<string, string> } {
  const fn = functions[app]!;
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Properties: Record<string, unknown> }> };
  const props = template.Resources[stack.getLogicalId(fn.function.node.defaultChild as never)]!.Properties;
  const key = (props.Code as { S3Key: string }).S3Key;
  const dir = path.join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
  return { dir, env: (props.Environment as { Variables: Record<string, string> }).Variables };
}

describe('Class: NotifierFunction bundling', () => {
  it.each(['bulk-load-notice', 'image-tagger'])('bundles %s to one ESM file with a linked source map', (app) => {
    // Prepare
    const { dir } = bundleOf(app);

    // Act
    const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');

    // Assess
    expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
    expect(code.startsWith("import { createRequire as __notifierCreateRequire } from 'node:module';")).toBe(true);
    expect(/export\s*\{[^}]*\bhandler\s*\}/.test(code)).toBe(true);
    expect(code.includes('//# sourceMappingURL=index.mjs.map')).toBe(true);
  });

  it('bundles the AWS SDK clients into the image-tagger instead of using the runtime copy', () => {
    // Act
    const code = readFileSync(path.join(bundleOf('image-tagger').dir, 'index.mjs'), 'utf8');

    // Assess
    expect(/from\s*["']@aws-sdk\//.test(code)).toBe(false);
    expect(code.includes('DetectLabels')).toBe(true);
  });

  it.each(['bulk-load-notice', 'image-tagger'])('loads the %s bundle in Node with the function environment', (app) => {
    // Prepare
    const { dir, env } = bundleOf(app);
    const script = `import(${JSON.stringify(pathToFileURL(path.join(dir, 'index.mjs')).href)}).then((m) => process.stdout.write(typeof m.handler))`;

    // Act
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        AWS_REGION: 'eu-west-1',
        AWS_LAMBDA_FUNCTION_NAME: app,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });

    // Assess
    expect(output).toBe('function');
  });
});
