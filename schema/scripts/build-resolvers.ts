// Bundles each APPSYNC_JS resolver and pipeline function (resolvers/*.ts, resolvers/functions/*.ts)
// to one ES module under dist/, and writes dist/resolvers.json (the manifest infra deploys and the
// local AppSync executes). `@aws-appsync/utils` stays external: AppSync provides it.
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DataSourceName, ResolverManifest, ResolverManifestEntry } from '../src/manifest';

const packageDir = path.resolve(__dirname, '..');
const distDir = path.join(packageDir, 'dist');

/** AppSync's limit on the code of one resolver or function. */
export const APPSYNC_CODE_LIMIT_BYTES = 32 * 1024;

type UnitDefinition = { typeName: ResolverManifestEntry['typeName']; fieldName: string; dataSource: DataSourceName };
type PipelineDefinition = {
  typeName: ResolverManifestEntry['typeName'];
  fieldName: string;
  functions: Array<{ name: string; dataSource: DataSourceName }>;
};

/** Every resolver of the API; the entry is `resolvers/<Type>.<field>.ts`. */
export const UNIT_RESOLVERS: UnitDefinition[] = [
  { typeName: 'Query', fieldName: 'me', dataSource: 'users' },
  { typeName: 'Mutation', fieldName: 'updateUser', dataSource: 'users' },
  { typeName: 'Mutation', fieldName: 'notifyImageTagged', dataSource: 'notifications' },
  { typeName: 'Mutation', fieldName: 'notifyTranscriptReady', dataSource: 'notifications' },
  { typeName: 'Mutation', fieldName: 'notifyDatasetRefreshed', dataSource: 'notifications' },
  { typeName: 'Mutation', fieldName: 'notifyModelReady', dataSource: 'notifications' },
  { typeName: 'Subscription', fieldName: 'userUpdates', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onImageTagged', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onTranscriptReady', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onDatasetRefreshed', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onModelReady', dataSource: 'none' },
  { typeName: 'Subscription', fieldName: 'onNotification', dataSource: 'none' },
];

/** Pipeline resolvers; function entries are `resolvers/functions/<name>.ts`. */
export const PIPELINE_RESOLVERS: PipelineDefinition[] = [
  {
    typeName: 'Mutation',
    fieldName: 'addUser',
    functions: [
      { name: 'readUser', dataSource: 'users' },
      { name: 'writePoolProfile', dataSource: 'users' },
    ],
  },
  {
    typeName: 'Query',
    fieldName: 'notifications',
    functions: [
      { name: 'queryOwnerFeed', dataSource: 'notifications' },
      { name: 'queryBroadcastFeed', dataSource: 'notifications' },
    ],
  },
];

function bundle(entry: string, outfile: string): void {
  const result = buildSync({
    entryPoints: [path.join(packageDir, entry)],
    outfile: path.join(distDir, outfile),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@aws-appsync/utils'],
    sourcemap: false,
    minify: false,
    treeShaking: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed for ${entry}: ${result.errors.map((e) => e.text).join('; ')}`);
  const size = statSync(path.join(distDir, outfile)).size;
  if (size > APPSYNC_CODE_LIMIT_BYTES) throw new Error(`${outfile} is ${size} bytes: AppSync accepts at most ${APPSYNC_CODE_LIMIT_BYTES}`);
}

/** Bundles everything and returns the manifest it wrote. */
export function buildResolvers(): ResolverManifest {
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(distDir, { recursive: true });
  const resolvers: ResolverManifestEntry[] = [];
  for (const r of UNIT_RESOLVERS) {
    const file = `resolvers/${r.typeName}.${r.fieldName}.js`;
    bundle(`resolvers/${r.typeName}.${r.fieldName}.ts`, file);
    resolvers.push({ typeName: r.typeName, fieldName: r.fieldName, kind: 'UNIT', dataSource: r.dataSource, file });
  }
  for (const r of PIPELINE_RESOLVERS) {
    const file = `resolvers/${r.typeName}.${r.fieldName}.js`;
    bundle(`resolvers/${r.typeName}.${r.fieldName}.ts`, file);
    const functions = r.functions.map((f) => {
      const functionFile = `functions/${f.name}.js`;
      bundle(`resolvers/functions/${f.name}.ts`, functionFile);
      return { name: f.name, dataSource: f.dataSource, file: functionFile };
    });
    resolvers.push({ typeName: r.typeName, fieldName: r.fieldName, kind: 'PIPELINE', functions, file });
  }
  const manifest: ResolverManifest = { resolvers };
  writeFileSync(path.join(distDir, 'resolvers.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (require.main === module) {
  const manifest = buildResolvers();
  console.log(`bundled ${manifest.resolvers.length} resolvers into ${path.relative(process.cwd(), distDir) || 'dist'}`);
}
