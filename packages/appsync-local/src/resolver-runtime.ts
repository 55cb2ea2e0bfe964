import {
  EarlyReturnSignal,
  ResolverError,
  createInvocationRuntime,
  loadResolverModule,
  type AppendedError,
  type InvocationRuntime,
  type ResolverModule,
} from '@notifier/appsync-utils';
import type { DataSourceOutcome } from './dynamodb-data-source';
import type { AppSyncModel, FunctionModel, ResolverModel } from './types';
import { ModelLoadError } from './errors';

/** Invokes a data source by name with the request object a handler returned. */
export type DataSourceInvoker = (dataSourceName: string, request: unknown) => Promise<DataSourceOutcome>;

/** The `ctx` object APPSYNC_JS handlers receive. */
export interface ResolverContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  stash: Record<string, unknown>;
  prev: { result: unknown } | undefined;
  result: unknown;
  error: { message: string; type: string } | undefined;
  info: {
    fieldName: string;
    parentTypeName: string;
    variables: Record<string, unknown>;
    selectionSetList: string[];
    selectionSetGraphQL: string;
  };
  request: { headers: Record<string, string>; domainName: string | null };
  env: Record<string, string>;
}

/** What one field's resolver produced. */
export interface ResolverOutcome {
  /** The field's value (null when `error` is set). */
  value: unknown;
  /** `util.error` / `util.unauthorized`, when thrown. */
  error?: ResolverError;
  /** `util.appendError` calls, in order. */
  appendedErrors: AppendedError[];
  /** The last `extensions.setSubscriptionFilter` filter (subscription resolvers). */
  subscriptionFilter: unknown;
}

interface LoadedHandlers {
  runtime: InvocationRuntime;
  handlers: ResolverModule;
}

interface HandlerCall {
  returned: unknown;
  early?: EarlyReturnSignal;
}

/** Options of {@link createResolverRunner}. */
export interface ResolverRunnerOptions {
  model: AppSyncModel;
  invokeDataSource: DataSourceInvoker;
  /** Clock (epoch ms) for `util.time.*`. */
  now: () => number;
}

/**
 * Runs the APPSYNC_JS resolvers and pipeline functions of a model with `@notifier/appsync-utils`:
 * unit resolvers (request -> data source -> response) and pipelines (before -> functions -> after,
 * `ctx.stash`, `ctx.prev.result`, `runtime.earlyReturn`).
 *
 * Each resolver's code is loaded once; handler calls are synchronous, so the runtime's recorded
 * side effects are read and cleared right around each call and never mix between requests.
 *
 * @example
 * ```ts
 * const runner = createResolverRunner({ model, invokeDataSource, now: Date.now });
 * const outcome = await runner.run(resolver, ctx);
 * ```
 */
export function createResolverRunner(options: ResolverRunnerOptions): {
  run(resolver: ResolverModel, ctx: ResolverContext): Promise<ResolverOutcome>;
} {
  const { model, invokeDataSource, now } = options;
  const functionsById = new Map<string, FunctionModel>(model.functions.map((f) => [f.id, f]));
  const loaded = new Map<string, LoadedHandlers>();

  const load = (key: string, code: string, typeName: string, fieldName: string): LoadedHandlers => {
    let entry = loaded.get(key);
    if (!entry) {
      const runtime = createInvocationRuntime({ typeName, fieldName, now });
      const handlers = loadResolverModule(code, runtime, { filename: `${key}.js` });
      entry = { runtime, handlers };
      loaded.set(key, entry);
    }
    return entry;
  };

  const call = (entry: LoadedHandlers, which: 'request' | 'response', ctx: ResolverContext, outcome: ResolverOutcome): HandlerCall => {
    const state = entry.runtime.state;
    state.errors.length = 0;
    state.subscriptionFilter = null;
    state.earlyReturn = undefined;
    state.logs.length = 0;
    try {
      const returned = entry.handlers[which](ctx);
      return { returned };
    } catch (error) {
      if (error instanceof EarlyReturnSignal) return { returned: error.value, early: error };
      throw error;
    } finally {
      outcome.appendedErrors.push(...state.errors);
      if (state.subscriptionFilter) outcome.subscriptionFilter = state.subscriptionFilter;
    }
  };

  const runUnit = async (
    entry: LoadedHandlers,
    dataSourceName: string,
    ctx: ResolverContext,
    outcome: ResolverOutcome,
  ): Promise<{ value: unknown; skipToEnd: boolean }> => {
    ctx.result = undefined;
    ctx.error = undefined;
    const req = call(entry, 'request', ctx, outcome);
    if (req.early) return { value: req.returned, skipToEnd: req.early.skipTo === 'END' };
    const ds = await invokeDataSource(dataSourceName, req.returned);
    ctx.result = ds.result;
    ctx.error = ds.error;
    const res = call(entry, 'response', ctx, outcome);
    return { value: res.returned, skipToEnd: res.early?.skipTo === 'END' };
  };

  async function run(resolver: ResolverModel, ctx: ResolverContext): Promise<ResolverOutcome> {
    const outcome: ResolverOutcome = { value: null, appendedErrors: [], subscriptionFilter: null };
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    try {
      const entry = load(key, resolver.code, resolver.typeName, resolver.fieldName);
      if (resolver.kind === 'UNIT') {
        if (!resolver.dataSourceName) throw new ModelLoadError(`Unit resolver ${key} has no data source`);
        outcome.value = (await runUnit(entry, resolver.dataSourceName, ctx, outcome)).value;
        return outcome;
      }
      const before = call(entry, 'request', ctx, outcome);
      if (before.early) {
        outcome.value = before.returned;
        return outcome;
      }
      ctx.prev = { result: before.returned };
      for (const id of resolver.functionIds ?? []) {
        const fn = functionsById.get(id);
        if (!fn) throw new ModelLoadError(`Pipeline resolver ${key} references unknown function ${id}`);
        const fnEntry = load(`${key}/${fn.name}`, fn.code, resolver.typeName, resolver.fieldName);
        const step = await runUnit(fnEntry, fn.dataSourceName, ctx, outcome);
        ctx.prev = { result: step.value };
        if (step.skipToEnd) break;
      }
      ctx.result = ctx.prev.result;
      ctx.error = undefined;
      const after = call(entry, 'response', ctx, outcome);
      outcome.value = after.returned;
      return outcome;
    } catch (error) {
      if (error instanceof ResolverError) {
        outcome.value = null;
        outcome.error = error;
        return outcome;
      }
      throw error;
    }
  }

  return { run };
}
