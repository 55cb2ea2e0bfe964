import { build, type BuildOptions, type Metafile } from 'esbuild';
import { basename, extname, join, resolve } from 'node:path';

/**
 * The esbuild options of every notifier Lambda bundle, identical to what infra's `NodejsFunction`
 * bundling uses: ESM `.mjs`, platform node, target node20, `mainFields: ['module', 'main']`,
 * `conditions: ['module']`, minified, linked source map without sources, the AWS SDK v3 bundled
 * (nothing external), the same `createRequire` banner.
 *
 * The banner gives bundled CommonJS dependencies a real `require` for Node built-ins, which an ESM
 * bundle otherwise lacks ("Dynamic require of ... is not supported").
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  mainFields: ['module', 'main'],
  conditions: ['module'],
  minify: true,
  // Linked source map next to the bundle, without the sources, as infra ships it (`--enable-source-maps`).
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  external: [],
  banner: {
    js: "import { createRequire as __notifierCreateRequire } from 'node:module'; const require = __notifierCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Options of {@link bundleLambda}. */
export interface BundleLambdaOptions {
  /** Entry files (e.g. `src/handler.ts`), relative to `cwd`. */
  entries: readonly string[];
  /**
   * Folder the bundles are written to: `<outdir>/<entry base name>.mjs`.
   * @default `dist`
   */
  outdir?: string;
  /**
   * Folder `entries` and `outdir` are relative to.
   * @default `process.cwd()`
   */
  cwd?: string;
}

/** One written bundle. */
export interface LambdaBundle {
  /** The entry file, absolute. */
  readonly entry: string;
  /** The written `.mjs` file, absolute. */
  readonly outfile: string;
  /** Its size in bytes. */
  readonly bytes: number;
}

/**
 * Bundles Lambda handler entry files with {@link LAMBDA_BUNDLE_OPTIONS}.
 *
 * @example
 * ```ts
 * const [bundle] = await bundleLambda({ entries: ['src/handler.ts'] }); // dist/handler.mjs
 * ```
 */
export async function bundleLambda(options: BundleLambdaOptions): Promise<LambdaBundle[]> {
  const cwd = options.cwd ?? process.cwd();
  const outdir = resolve(cwd, options.outdir ?? 'dist');
  const entries = options.entries.map((entry) => resolve(cwd, entry));
  const result = await build({
    ...LAMBDA_BUNDLE_OPTIONS,
    entryPoints: entries,
    outdir,
    absWorkingDir: cwd,
    metafile: true,
  });
  return entries.map((entry) => {
    const outfile = join(outdir, `${basename(entry, extname(entry))}.mjs`);
    return { entry, outfile, bytes: outputBytes(result.metafile, outfile, cwd) };
  });
}

function outputBytes(metafile: Metafile, outfile: string, cwd: string): number {
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (resolve(cwd, path) === outfile) return output.bytes;
  }
  throw new Error(`esbuild wrote no ${outfile}`);
}
