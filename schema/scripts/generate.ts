// Generates src/generated/*.ts from schema.graphql + operations/*.graphql (GraphQL Code Generator),
// then post-processes the output:
// - a header saying the file is generated,
// - `/* @__PURE__ */` on every `new TypedDocumentString(...)`, so esbuild drops the documents a bundle
//   does not import (each carries the full NotificationFields fragment: ~1.3 KB apiece).
// `tsx scripts/generate.ts` writes the files; `--check` exits 1 when the committed files are stale.
import { generate } from '@graphql-codegen/cli';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import config from '../codegen';

const packageDir = path.resolve(__dirname, '..');

const HEADER =
  '/* eslint-disable */\n' +
  '// Generated from schema.graphql and operations/*.graphql by scripts/generate.ts: do not edit.\n' +
  '// Regenerate with `pnpm --filter @notifier/schema build`.\n';

/** One generated file: its absolute path and its content. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** Runs GraphQL Code Generator in memory and returns the post-processed files (nothing written). */
export async function generateSources(): Promise<GeneratedFile[]> {
  const cwd = process.cwd();
  process.chdir(packageDir);
  try {
    const outputs: Array<{ filename: string; content: string }> = await generate({ ...config, cwd: packageDir, silent: true, verbose: false }, false);
    return outputs.map((output) => ({
      path: path.resolve(packageDir, output.filename),
      content: postProcess(output.content),
    }));
  } finally {
    process.chdir(cwd);
  }
}

function postProcess(content: string): string {
  const body = content.replace(/= new TypedDocumentString\(/g, '= /* @__PURE__ */ new TypedDocumentString(');
  return HEADER + body.trimEnd() + '\n';
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const files = await generateSources();
  const stale: string[] = [];
  for (const file of files) {
    const current = await readFile(file.path, 'utf8').catch(() => undefined);
    if (current === file.content) continue;
    if (check) {
      stale.push(path.relative(packageDir, file.path));
    } else {
      await mkdir(path.dirname(file.path), { recursive: true });
      await writeFile(file.path, file.content);
      console.log(`generated ${path.relative(packageDir, file.path)}`);
    }
  }
  if (stale.length > 0) {
    console.error(`stale generated files (run pnpm --filter @notifier/schema build): ${stale.join(', ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
