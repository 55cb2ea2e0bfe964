import { Sha256 } from '#sha256';
import { defaultFetch } from '#transport';
import { isClockSkewError, resolveClockSkew } from './clock-skew';
import {
  parseEndpoint,
  resolveCredentialProvider,
  resolveRegion,
  resolveRetry,
  resolveTimeout,
  type Environment,
} from './config';
import {
  AppSyncGraphQLError,
  AppSyncHttpError,
  AppSyncNetworkError,
  AppSyncTimeoutError,
  DeadlineExceededError,
  MutationSignerError,
  SignerConfigError,
} from './errors';
import { isDuplicateOnly, parseGraphQLBody, toHttpError, type GraphQLResponseBody } from './response';
import { defaultSleep, isRetryable, retryDelay } from './retry';
import { createRequestSigner } from './signer';
import type {
  AppSyncClient,
  AppSyncClientOptions,
  MutationResult,
  RequestOptions,
  TypedDocumentLike,
} from './types';

const encoder = new TextEncoder();

// Only for log fields: the generated documents start with their single operation.
const OPERATION_NAME = /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/;

const processEnv = (): Environment => (typeof process === 'undefined' ? {} : process.env);

/** `AbortSignal.any` where available (Node >= 20.3, current browsers), else an equivalent forwarder. */
const anySignal = (a: AbortSignal, b: AbortSignal): AbortSignal => {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const source of [a, b]) {
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener('abort', () => controller.abort(source.reason), { once: true });
  }
  return controller.signal;
};

/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts. A provider cannot be
 * cancelled, so its late outcome is dropped: by then the attempt has already failed with the abort.
 */
const untilAborted = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> => {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => {});
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
};

const describe = (error: unknown): Record<string, unknown> =>
  error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };

/**
 * Creates a client that signs GraphQL requests to AppSync with SigV4 (AWS_IAM), retries what may succeed on
 * another attempt and maps every other outcome to a typed error. Create it once, at module scope.
 *
 * @example
 * ```ts
 * import { createAppSyncClient, deadlineFromContext } from '@notifier/mutation-signer';
 * import { NotifyModelReadyDocument } from '@notifier/schema';
 *
 * const client = createAppSyncClient({ url: process.env.GRAPHQL_URL! });
 *
 * export const handler = async (event: ModelReadyEvent, context: Context) => {
 *   const result = await client.mutate(NotifyModelReadyDocument, { input: toInput(event) }, {
 *     deadline: deadlineFromContext(context),
 *   });
 *   return result.outcome; // 'delivered' | 'duplicate'
 * };
 * ```
 */
export const createAppSyncClient = (options: AppSyncClientOptions): AppSyncClient => {
  if (typeof options !== 'object' || options === null) {
    throw new SignerConfigError('AppSync client: options are required ({ url })');
  }
  const env = processEnv();
  const endpoint = parseEndpoint(options.url);
  const region = resolveRegion(options.region, endpoint, env);
  const credentials = resolveCredentialProvider(options.credentials, env);
  const retry = resolveRetry(options.retry);
  const timeoutMs = resolveTimeout(options.timeoutMs);
  const fetchFn = options.fetch ?? defaultFetch;
  if (typeof fetchFn !== 'function') {
    throw new SignerConfigError('AppSync client: no fetch implementation: pass `fetch` (this runtime has no global fetch)');
  }
  const signer = createRequestSigner({ url: endpoint, region, sha256: options.sha256 ?? Sha256 });
  const clock = options.clock ?? Date.now;
  const clockSkew = resolveClockSkew(options.clockSkew, 'AppSync client');
  // Rejections answered by learning a new clock offset: the call re-signs once instead of failing.
  const resignable = new WeakSet<AppSyncHttpError>();
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger;
  const url = endpoint.href;

  /** One signed POST; resolves the parsed 2xx body or throws a typed error. */
  const attempt = async (
    body: Uint8Array<ArrayBuffer>,
    attemptTimeoutMs: number,
    cutByDeadline: boolean,
    deadline: number | undefined,
    attemptNumber: number,
    signal: AbortSignal | undefined,
  ): Promise<GraphQLResponseBody> => {
    // The timeout starts before the credentials are fetched: a slow provider spends the attempt's time, not more.
    const timeout = AbortSignal.timeout(attemptTimeoutMs);
    const combined = signal ? anySignal(signal, timeout) : timeout;
    try {
      const credentialsForAttempt = await untilAborted(credentials(), combined);
      const signedWithOffset = clockSkew.offsetMs;
      const headers = await signer.sign(credentialsForAttempt, body, new Date(clock() + signedWithOffset));
      // fetch and node:http write Host from the URL (the same `host[:port]` that was signed); browsers forbid setting it.
      delete headers.host;
      const response = await fetchFn(url, { method: 'POST', headers, body, signal: combined });
      // Reading the whole body also puts the connection back into the keep-alive pool.
      const text = await response.text();
      if (!response.ok) {
        const error = toHttpError(response.status, response.headers, text, clockSkew.serverTime(clock()));
        if (isClockSkewError(error)) {
          clockSkew.updateFromDateHeader(response.headers.get('date'), clock());
          // Compared with the offset this attempt signed with, so that concurrent calls refused with the same old
          // offset all re-sign after the first of them corrected it.
          if (clockSkew.offsetMs !== signedWithOffset) resignable.add(error);
        }
        throw error;
      }
      return parseGraphQLBody(response.status, text);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        const timedOut = new AppSyncTimeoutError(attemptTimeoutMs, { cause: error });
        if (cutByDeadline && deadline !== undefined) {
          throw new DeadlineExceededError(deadline, attemptNumber, { cause: timedOut });
        }
        throw timedOut;
      }
      if (error instanceof MutationSignerError) throw error;
      throw new AppSyncNetworkError(
        `AppSync request failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  };

  const execute = async (
    document: { toString(): string },
    variables: unknown,
    requestOptions: RequestOptions | undefined,
  ): Promise<GraphQLResponseBody> => {
    const query = document.toString();
    const operationName = OPERATION_NAME.exec(query)?.[1];
    const body = encoder.encode(JSON.stringify({ query, variables: variables ?? {} }));
    const deadline = requestOptions?.deadline;
    const signal = requestOptions?.signal;
    if (deadline !== undefined && !Number.isFinite(deadline)) {
      throw new SignerConfigError(`AppSync client: deadline must be epoch milliseconds, got ${deadline}`);
    }

    let resigned = 0;
    let lastError: unknown;
    for (let attemptNumber = 1; ; attemptNumber++) {
      if (signal?.aborted) throw signal.reason;
      const now = clock();
      let attemptTimeoutMs = timeoutMs;
      let cutByDeadline = false;
      if (deadline !== undefined) {
        const remaining = deadline - now;
        if (remaining <= 0) {
          const cause = lastError === undefined ? undefined : { cause: lastError };
          throw new DeadlineExceededError(deadline, attemptNumber - 1, cause);
        }
        if (remaining < attemptTimeoutMs) {
          attemptTimeoutMs = remaining;
          cutByDeadline = true;
        }
      }
      logger?.debug('AppSync request', { operationName, attempt: attemptNumber, timeoutMs: attemptTimeoutMs });
      try {
        return await attempt(body, attemptTimeoutMs, cutByDeadline, deadline, attemptNumber, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        lastError = error;
        if (resigned === 0 && error instanceof AppSyncHttpError && resignable.has(error)) {
          // A re-signing with the server's time, not a retry of a transient failure: no backoff, no retry budget.
          resigned = 1;
          logger?.warn('AppSync refused the signing date, re-signing with the server clock', {
            operationName,
            attempt: attemptNumber,
            clockOffsetMs: clockSkew.offsetMs,
          });
          continue;
        }
        if (!isRetryable(error) || attemptNumber - resigned >= retry.maxAttempts) throw error;
        const delayMs = retryDelay(error, attemptNumber - resigned, retry, random);
        if (deadline !== undefined && clock() + delayMs >= deadline) {
          throw new DeadlineExceededError(deadline, attemptNumber, { cause: error });
        }
        logger?.warn('AppSync request failed, retrying', {
          operationName,
          attempt: attemptNumber,
          maxAttempts: retry.maxAttempts,
          delayMs,
          ...(error instanceof AppSyncHttpError && error.retryAfterMs !== undefined
            ? { retryAfterMs: error.retryAfterMs }
            : {}),
          cause: describe(error),
        });
        await sleep(delayMs, signal);
      }
    }
  };

  return {
    url,
    region,
    clockSkew,
    async mutate<TResult, TVariables>(
      document: TypedDocumentLike<TResult, TVariables> | string,
      variables: TVariables,
      requestOptions?: RequestOptions,
    ): Promise<MutationResult<TResult>> {
      const { data, errors } = await execute(document, variables, requestOptions);
      if (errors.length === 0) return { outcome: 'delivered', data: data as TResult };
      if (isDuplicateOnly(errors)) return { outcome: 'duplicate', data: data as TResult | null, errors };
      throw new AppSyncGraphQLError(errors, data);
    },
    async query<TResult, TVariables>(
      document: TypedDocumentLike<TResult, TVariables> | string,
      variables: TVariables,
      requestOptions?: RequestOptions,
    ): Promise<TResult> {
      const { data, errors } = await execute(document, variables, requestOptions);
      if (errors.length > 0) throw new AppSyncGraphQLError(errors, data);
      return data as TResult;
    },
  };
};
