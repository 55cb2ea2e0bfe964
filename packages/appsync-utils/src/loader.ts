// Evaluates a bundled APPSYNC_JS file the way AppSync does: an ES module whose only import is
// `@aws-appsync/utils`, run in an isolated context with no Node globals (no process, require,
// Buffer, timers) and no code generation from strings (eval / new Function).
import { transformSync } from 'esbuild';
import * as vm from 'node:vm';
import { AppSyncUtilsError, ResolverExecutionError, ResolverModuleError } from './errors';
import type { AppSyncUtilsModule, InvocationRuntime, ResolverModule } from './types';

/** The module specifier resolver code may import. */
export const APPSYNC_UTILS_MODULE = '@aws-appsync/utils';

/** Options of {@link loadResolverModule}. */
export interface LoadResolverModuleOptions {
  /**
   * Name shown in stack traces and errors.
   * @default 'resolver.js'
   */
  filename?: string;
}

const commonJsCache = new Map<string, string>();
/** What the transformed code calls instead of `require`, so resolver code sees no `require` global. */
const IMPORT_FUNCTION = '__appsyncImport';

function toCommonJs(code: string, filename: string): string {
  const cached = commonJsCache.get(code);
  if (cached !== undefined) return cached;
  let output: string;
  try {
    output = transformSync(code, { format: 'cjs', loader: 'js', target: 'es2022', sourcefile: filename, logLevel: 'silent' }).code;
  } catch (error) {
    throw new ResolverModuleError(`${filename}: cannot be parsed as an APPSYNC_JS module: ${(error as Error).message}`, { cause: error });
  }
  const specifiers = [...output.matchAll(/\brequire\(("(?:[^"\\]|\\.)*")\)/g)].map((m) => JSON.parse(m[1] as string) as string);
  const foreign = specifiers.filter((specifier) => specifier !== APPSYNC_UTILS_MODULE);
  if (foreign.length > 0) {
    throw new ResolverModuleError(
      `${filename}: imports ${foreign.map((s) => JSON.stringify(s)).join(', ')}; APPSYNC_JS code may import only ${APPSYNC_UTILS_MODULE} (bundle everything else)`,
    );
  }
  output = output.replace(/\brequire\("@aws-appsync\/utils"\)/g, `${IMPORT_FUNCTION}("${APPSYNC_UTILS_MODULE}")`);
  if (commonJsCache.size > 500) commonJsCache.clear();
  commonJsCache.set(code, output);
  return output;
}

function isInvocationRuntime(value: InvocationRuntime | AppSyncUtilsModule): value is InvocationRuntime {
  return 'module' in value && 'state' in value;
}

/** AppSync hands data sources and GraphQL the JSON of what a handler returns. */
function serialise(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function wrap(name: 'request' | 'response', handler: (ctx: unknown) => unknown, filename: string): (ctx: unknown) => unknown {
  return (ctx: unknown) => {
    let result: unknown;
    try {
      result = handler(ctx);
    } catch (error) {
      if (error instanceof AppSyncUtilsError) throw error;
      const message = error instanceof Object && 'message' in error ? String((error as { message: unknown }).message) : String(error);
      throw new ResolverExecutionError(`${filename} ${name}: ${message}`, { cause: error });
    }
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      throw new ResolverExecutionError(`${filename} ${name}: returned a Promise (APPSYNC_JS handlers are synchronous)`);
    }
    return serialise(result);
  };
}

/**
 * Loads one bundled APPSYNC_JS resolver or function file against one invocation's runtime.
 *
 * @example
 * const rt = createInvocationRuntime({ typeName: 'Query', fieldName: 'me' });
 * const { request, response } = loadResolverModule(readFileSync('dist/resolvers/Query.me.js', 'utf8'), rt);
 * const getItem = request(ctx);
 */
export function loadResolverModule(
  code: string,
  runtimeModule: InvocationRuntime | AppSyncUtilsModule,
  options: LoadResolverModuleOptions = {},
): ResolverModule {
  const filename = options.filename ?? 'resolver.js';
  const utils = isInvocationRuntime(runtimeModule) ? runtimeModule.module : runtimeModule;
  const sandboxConsole = isInvocationRuntime(runtimeModule) ? runtimeModule.console : undefined;
  const commonJs = toCommonJs(code, filename);

  // The utilities are also globals in AppSync's runtime (the type definitions declare them so).
  const context = vm.createContext(
    { console: sandboxConsole, util: utils.util, extensions: utils.extensions, runtime: utils.runtime },
    { name: filename, codeGeneration: { strings: false, wasm: false } },
  );
  let factory: (exports: object, importModule: (id: string) => unknown, module: { exports: object }) => void;
  try {
    factory = vm.runInContext(`(function (exports, ${IMPORT_FUNCTION}, module) {${commonJs}\n})`, context, { filename });
  } catch (error) {
    throw new ResolverModuleError(`${filename}: cannot be compiled: ${(error as Error).message}`, { cause: error });
  }
  const requireModule = (): unknown => utils;
  const module = { exports: {} as Record<string, unknown> };
  try {
    factory(module.exports, requireModule, module);
  } catch (error) {
    if (error instanceof AppSyncUtilsError) throw error;
    throw new ResolverModuleError(`${filename}: failed while loading: ${(error as Error).message}`, { cause: error });
  }
  const { request, response } = module.exports as { request?: unknown; response?: unknown };
  if (typeof request !== 'function' || typeof response !== 'function') {
    throw new ResolverModuleError(`${filename}: must export both request and response functions`);
  }
  return {
    request: wrap('request', request as (ctx: unknown) => unknown, filename),
    response: wrap('response', response as (ctx: unknown) => unknown, filename),
  };
}
