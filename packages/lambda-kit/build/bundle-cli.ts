// Usage (from an app folder): tsx node_modules/@notifier/lambda-kit/build/bundle-cli.ts [entry...]
// Bundles each entry (default src/handler.ts) to dist/<name>.mjs with the shared Lambda settings.
import { bundleLambda } from './bundle';

async function main(): Promise<void> {
  const entries = process.argv.slice(2);
  const bundles = await bundleLambda({ entries: entries.length > 0 ? entries : ['src/handler.ts'] });
  for (const b of bundles) console.log(`${b.outfile}  ${(b.bytes / 1024).toFixed(1)} KiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
