// Synthesizes the infrastructure's cloud assembly in-process, without bundling Lambda code (the
// local AppSync reads only the API, tables and roles), into the directory given as argument.
// Usage: tsx scripts/synth-assembly.ts <outdir>
import { App } from 'aws-cdk-lib';

// Loaded untyped on purpose: this package's typecheck must not depend on infra's sources.
/* eslint-disable @typescript-eslint/no-require-imports */
const { FEATURE_FLAGS } = require('@notifier/infra/lib/feature-flags') as { FEATURE_FLAGS: Record<string, unknown> };
const { createNotifierStacks } = require('@notifier/infra/lib/notifier-app') as { createNotifierStacks(app: App): unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: synth-assembly <outdir>');
  process.exit(2);
}
const app = new App({ outdir, context: { ...FEATURE_FLAGS, 'aws:cdk:bundling-stacks': [] } });
createNotifierStacks(app);
app.synth();
console.log(`synthesized ${outdir}`);
