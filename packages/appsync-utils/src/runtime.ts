// One resolver invocation's `@aws-appsync/utils` module and the side effects it records.
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding';
import { EarlyReturnSignal, ResolverError, UnauthorizedError, UnsupportedUtilityError, UtilityArgumentError } from './errors';
import { ksuid, ulid, uuid } from './ids';
import { createDynamoDBUtil } from './dynamodb';
import { epochMsToISO8601, formatEpochMs, parseFormatted, parseISO8601 } from './time';
import { createTransformUtil } from './transform';
import type { AppendedError, InvocationRuntime, InvocationRuntimeOptions, InvocationState, LogEntry, SubscriptionFilter } from './types';

function isSubscriptionFilter(value: unknown): value is SubscriptionFilter {
  if (typeof value !== 'object' || value === null) return false;
  const groups = (value as { filterGroup?: unknown }).filterGroup;
  return Array.isArray(groups) && groups.every((g) => typeof g === 'object' && g !== null && Array.isArray((g as { filters?: unknown }).filters));
}

function unsupported(path: string, names: string[]): Record<string, () => never> {
  return Object.fromEntries(names.map((name) => [name, () => {
    throw new UnsupportedUtilityError(`${path}.${name}`);
  }]));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * Creates the `@aws-appsync/utils` module for one resolver invocation (request or response
 * handler of one field), plus the state its side effects land in.
 *
 * @example
 * const { module, state } = createInvocationRuntime({ typeName: 'Query', fieldName: 'me' });
 * const resolver = loadResolverModule(code, module);
 * const request = resolver.request(ctx);
 * // state.errors, state.subscriptionFilter, ...
 */
export function createInvocationRuntime(options: InvocationRuntimeOptions): InvocationRuntime {
  const now = options.now ?? Date.now;
  const autoId = options.autoId ?? uuid;
  const randomBytes = options.randomBytes;
  const random = options.random ?? Math.random;
  const log = options.log;
  const state: InvocationState = {
    errors: [],
    subscriptionFilter: null,
    subscriptionInvalidationFilter: null,
    invalidations: [],
    cacheEvictions: [],
    responseHeaders: {},
    earlyReturn: undefined,
    logs: [],
  };

  const requireNumber = (name: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new UtilityArgumentError(`${name} expects a number`);
    return value;
  };

  const util = {
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    escapeJavaScript,
    autoId: () => autoId(),
    autoUlid: () => ulid(now(), randomBytes),
    autoKsuid: () => ksuid(now(), randomBytes),
    unauthorized: (): never => {
      throw new UnauthorizedError(options.fieldName, options.typeName);
    },
    error: (message: string, errorType?: string, data?: unknown, errorInfo?: unknown): never => {
      throw new ResolverError(String(message), errorType ?? undefined, data, errorInfo);
    },
    appendError: (message: string, errorType?: string, data?: unknown, errorInfo?: unknown): void => {
      const error: AppendedError = { message: String(message), errorType: errorType ?? null, data: data ?? null, errorInfo: errorInfo ?? null };
      state.errors.push(error);
    },
    matches: (pattern: string, value: string): boolean => new RegExp(`^(?:${pattern})$`, 'u').test(value),
    authType: (): string => options.authType ?? 'IAM Authorization',
    time: {
      nowISO8601: () => epochMsToISO8601(now()),
      nowEpochSeconds: () => Math.floor(now() / 1000),
      nowEpochMilliSeconds: () => now(),
      nowFormatted: (format: string, timezone?: string) => formatEpochMs(now(), format, timezone),
      parseFormattedToEpochMilliSeconds: (text: string, format: string, timezone?: string) => parseFormatted(text, format, timezone),
      parseISO8601ToEpochMilliSeconds: (text: string) => parseISO8601(text),
      epochMilliSecondsToSeconds: (ms: number) => Math.floor(requireNumber('util.time.epochMilliSecondsToSeconds', ms) / 1000),
      epochMilliSecondsToISO8601: (ms: number) => epochMsToISO8601(requireNumber('util.time.epochMilliSecondsToISO8601', ms)),
      epochMilliSecondsToFormatted: (ms: number, format: string, timezone?: string) =>
        formatEpochMs(requireNumber('util.time.epochMilliSecondsToFormatted', ms), format, timezone),
    },
    dynamodb: createDynamoDBUtil(),
    transform: createTransformUtil(),
    math: {
      roundNum: (n: number) => Math.round(n),
      minVal: (a: number, b: number) => Math.min(a, b),
      maxVal: (a: number, b: number) => Math.max(a, b),
      randomDouble: () => random(),
      randomWithinRange: (start: number, end: number) => Math.floor(start + random() * (end - start + 1)),
    },
    str: {
      normalize: (value: string, form: string) => value.normalize(form.toUpperCase()),
    },
    http: {
      copyHeaders: (headers: Record<string, unknown>) => ({ ...headers }),
      addResponseHeader: (name: string, value: unknown) => {
        state.responseHeaders[name] = value;
      },
      addResponseHeaders: (headers: Record<string, unknown>) => {
        Object.assign(state.responseHeaders, headers);
      },
    },
    rds: unsupported('util.rds', ['toJsonObject', 'toJsonString']),
    xml: unsupported('util.xml', ['toMap', 'toJsonString']),
  };

  const extensions = {
    setSubscriptionFilter: (filter: unknown): void => {
      if (!isSubscriptionFilter(filter)) {
        throw new UtilityArgumentError('extensions.setSubscriptionFilter expects { filterGroup: [{ filters: [...] }] } (use util.transform.toSubscriptionFilter)');
      }
      state.subscriptionFilter = structuredClone(filter);
    },
    setSubscriptionInvalidationFilter: (filter: unknown): void => {
      if (!isSubscriptionFilter(filter)) {
        throw new UtilityArgumentError('extensions.setSubscriptionInvalidationFilter expects { filterGroup: [{ filters: [...] }] }');
      }
      state.subscriptionInvalidationFilter = structuredClone(filter);
    },
    invalidateSubscriptions: (invalidation: { subscriptionField: string; payload: Record<string, unknown> }): void => {
      state.invalidations.push(structuredClone(invalidation));
    },
    evictFromApiCache: (typeName: string, fieldName: string, keys: Record<string, unknown>): void => {
      state.cacheEvictions.push({ typeName, fieldName, keys: structuredClone(keys) });
    },
  };

  const runtime = {
    earlyReturn: (value?: unknown, returnOptions?: { skipTo: 'END' | 'NEXT' }): never => {
      const signal = new EarlyReturnSignal(value, returnOptions?.skipTo);
      state.earlyReturn = { value: signal.value, skipTo: signal.skipTo };
      throw signal;
    },
  };

  const console = {
    log: (...args: unknown[]) => record('log', args),
    info: (...args: unknown[]) => record('info', args),
    warn: (...args: unknown[]) => record('warn', args),
    error: (...args: unknown[]) => record('error', args),
    debug: (...args: unknown[]) => record('debug', args),
  };
  function record(level: LogEntry['level'], args: unknown[]): void {
    const entry: LogEntry = { level, args };
    state.logs.push(entry);
    log?.(entry);
  }

  return { module: deepFreeze({ util, extensions, runtime }), console: deepFreeze(console), state };
}
