// Node-only locations of the schema's files (separate subpath `@notifier/schema/paths`, so browser
// and Lambda bundles importing `@notifier/schema` never pull in `node:path` / `node:fs`).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ResolversManifestError } from './errors';
import type { ResolverManifest } from './manifest';

/** The `schema/` package folder. */
export const packageDir = path.resolve(__dirname, '..');

/**
 * The deployed schema (what AppSync receives).
 *
 * @example
 * new appsync.GraphqlApi(this, 'Api', { definition: Definition.fromFile(schemaPath) });
 */
export const schemaPath = path.join(packageDir, 'schema.graphql');

/** Declarations of AppSync's scalars and directives, for tooling only (never deployed). */
export const appsyncDeclarationsPath = path.join(packageDir, 'appsync.graphql');

/** Operation documents (`*.graphql`). */
export const operationsDir = path.join(packageDir, 'operations');

/** Build output: bundled resolvers, functions and the manifest. */
export const distDir = path.join(packageDir, 'dist');

/** Bundled resolver files (`<Type>.<field>.js`). */
export const resolversDir = path.join(distDir, 'resolvers');

/** Bundled pipeline function files (`<name>.js`). */
export const functionsDir = path.join(distDir, 'functions');

/**
 * The resolver manifest (`dist/resolvers.json`); its `file` paths are relative to {@link distDir}.
 *
 * @example
 * const manifest = readResolversManifest();
 * const code = readFileSync(resolveDistFile(manifest.resolvers[0].file), 'utf8');
 */
export const resolversManifestPath = path.join(distDir, 'resolvers.json');

/**
 * Absolute path of a manifest `file` entry.
 *
 * @example
 * resolveDistFile('resolvers/Query.me.js') // '<repo>/schema/dist/resolvers/Query.me.js'
 */
export function resolveDistFile(file: string): string {
  return path.join(distDir, file);
}

/**
 * Reads and parses `dist/resolvers.json` (run `pnpm --filter @notifier/schema build` first);
 * throws {@link ResolversManifestError} when it is missing or malformed.
 *
 * @example
 * for (const r of readResolversManifest().resolvers) console.log(r.typeName, r.fieldName);
 */
export function readResolversManifest(): ResolverManifest {
  let text: string;
  try {
    text = readFileSync(resolversManifestPath, 'utf8');
  } catch (error) {
    throw new ResolversManifestError(
      `${resolversManifestPath} is missing: run \`pnpm --filter @notifier/schema build\` first`,
      { cause: error },
    );
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new ResolversManifestError(`${resolversManifestPath} is not JSON`, { cause: error });
  }
  if (typeof manifest !== 'object' || manifest === null || !Array.isArray((manifest as ResolverManifest).resolvers)) {
    throw new ResolversManifestError(`${resolversManifestPath} has no "resolvers" array`);
  }
  return manifest as ResolverManifest;
}

/**
 * The schema with AppSync's scalar and directive declarations prepended: a complete SDL that
 * graphql-js `buildSchema` accepts (AppSync itself provides the declarations).
 *
 * @example
 * const schema = buildSchema(readSchemaWithAppSyncDeclarations());
 */
export function readSchemaWithAppSyncDeclarations(): string {
  return `${readFileSync(appsyncDeclarationsPath, 'utf8')}\n${readFileSync(schemaPath, 'utf8')}`;
}
