// The shape of dist/resolvers.json: what infra deploys and the local AppSync executes.

/** Data sources the API defines (infra creates them with these names). */
export type DataSourceName = 'users' | 'notifications' | 'none';

/** One function of a PIPELINE resolver. */
export interface PipelineFunctionEntry {
  /** Function name, unique in the API (AppSync function configuration name). */
  name: string;
  dataSource: DataSourceName;
  /** Bundled APPSYNC_JS file, relative to `dist/` (e.g. `functions/queryOwnerFeed.js`). */
  file: string;
}

/** One resolver: a field of Query, Mutation or Subscription. */
export interface ResolverManifestEntry {
  typeName: 'Query' | 'Mutation' | 'Subscription';
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** Data source of a UNIT resolver (absent for PIPELINE). */
  dataSource?: DataSourceName;
  /** Functions of a PIPELINE resolver, in execution order. */
  functions?: PipelineFunctionEntry[];
  /** Bundled APPSYNC_JS file, relative to `dist/` (for PIPELINE: the before/after handlers). */
  file: string;
}

/**
 * The content of `dist/resolvers.json`.
 *
 * @example
 * const manifest: ResolverManifest = JSON.parse(await readFile(resolversManifestPath, 'utf8'));
 */
export interface ResolverManifest {
  resolvers: ResolverManifestEntry[];
}
