import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4Request, staticCredentials, type ParsedAuthorization, parseAuthorizationHeader } from '@notifier/local-iam';

/** Static credentials the fake accepts (the Lambda environment's, in tests). */
export interface FakeCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One GraphQL request the fake received, after its SigV4 signature was verified. */
export interface ReceivedGraphQLRequest {
  readonly url: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly authorization: ParsedAuthorization;
}

/** What the fake answers: a GraphQL body with a status, or a thrown network error. */
export type FakeReply = { status?: number; body: unknown } | { networkError: Error };

/** Options of {@link createFakeAppSync}. */
export interface FakeAppSyncOptions {
  /** Credentials whose signatures are accepted; any other signature gets a 403 `UnrecognizedClientException`. */
  credentials: FakeCredentials;
  /**
   * Region the credential scope must name.
   * @default 'eu-west-1'
   */
  region?: string;
  /**
   * Answers each verified request (index = position among all requests).
   * @default a delivered answer echoing `variables.input` under the operation's first field
   */
  reply?: (request: ReceivedGraphQLRequest, index: number) => FakeReply | Promise<FakeReply>;
}

/** The fake: a `fetch` to inject into the AppSync client, and what it received. */
export interface FakeAppSync {
  readonly fetch: typeof globalThis.fetch;
  /** Verified requests, in order. */
  readonly requests: ReceivedGraphQLRequest[];
  /** Requests whose signature did not verify (they got a 403). */
  readonly rejected: { reason: string }[];
}

/**
 * A `fetch` that plays AppSync for unit tests: it verifies each request's SigV4 signature from the bytes
 * received (with `@notifier/local-iam`), records the GraphQL query and variables, and answers as told.
 *
 * @example
 * ```ts
 * const appSync = createFakeAppSync({ credentials, reply: () => delivered('notifyModelReady', { id: 'n-1' }) });
 * const client = createAppSyncClient({ url, credentials, fetch: appSync.fetch });
 * ```
 */
export function createFakeAppSync(options: FakeAppSyncOptions): FakeAppSync {
  const region = options.region ?? 'eu-west-1';
  const requests: ReceivedGraphQLRequest[] = [];
  const rejected: { reason: string }[] = [];
  const { credentials } = options;

  const fakeFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const body = await request.text();
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // fetch adds Host itself on the wire; the signer signed it, so the verifier must see it.
    headers.host ??= url.host;
    try {
      verifySigV4Request(
        { method: request.method, path: url.pathname + url.search, headers, body },
        { region, credentials: staticCredentials(credentials, { kind: 'test' }) },
      );
    } catch (error) {
      rejected.push({ reason: error instanceof Error ? error.message : String(error) });
      return Response.json({ errors: [{ errorType: 'UnrecognizedClientException', message: String(error) }] }, { status: 403 });
    }
    const parsed = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
    const received: ReceivedGraphQLRequest = {
      url: request.url,
      query: parsed.query,
      variables: parsed.variables ?? {},
      headers,
      authorization: parseAuthorizationHeader(headers.authorization ?? ''),
    };
    requests.push(received);
    const reply = await abortable((async () => (options.reply ?? defaultReply)(received, requests.length - 1))(), init?.signal ?? request.signal);
    if ('networkError' in reply) throw reply.networkError;
    return Response.json(reply.body, { status: reply.status ?? 200 });
  };

  return { fetch: fakeFetch as typeof globalThis.fetch, requests, rejected };
}

// Like a real socket, a pending answer is dropped as soon as the caller aborts (timeout or deadline).
function abortable<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function defaultReply(request: ReceivedGraphQLRequest): FakeReply {
  return delivered(firstField(request.query), { id: 'notification-1', ...(request.variables.input as object | undefined) });
}

/** The name of the first field selected by an operation, e.g. `notifyModelReady`. */
export function firstField(query: string): string {
  const match = /^\s*(?:mutation|query)\b[^{]*\{\s*([A-Za-z_]\w*)/.exec(query);
  if (!match?.[1]) throw new Error(`cannot find the field of ${query.slice(0, 80)}`);
  return match[1];
}

/**
 * A successful answer: `{ data: { [field]: value } }`.
 *
 * @example
 * ```ts
 * reply: () => delivered('notifyDatasetRefreshed', { id: 'n-1' })
 * ```
 */
export function delivered(field: string, value: unknown): FakeReply {
  return { body: { data: { [field]: value } } };
}

/**
 * AppSync's answer to a repeated idempotency key (or an unchanged `addUser` profile): the field is null
 * with `errorType: DuplicateNotification`.
 *
 * @example
 * ```ts
 * reply: () => duplicate('notifyDatasetRefreshed')
 * ```
 */
export function duplicate(field: string): FakeReply {
  return {
    body: {
      data: { [field]: null },
      errors: [{ path: [field], errorType: 'DuplicateNotification', message: 'Already processed', data: null, errorInfo: null, locations: [{ line: 2, column: 3, sourceName: null }] }],
    },
  };
}

/**
 * A GraphQL error answer (HTTP 200 with `errors`), e.g. `Unauthorized` or a resolver failure.
 *
 * @example
 * ```ts
 * reply: () => graphQLError('notifyModelReady', 'Unauthorized', 'Not Authorized to access notifyModelReady on type Mutation')
 * ```
 */
export function graphQLError(field: string, errorType: string, message: string): FakeReply {
  return { body: { data: { [field]: null }, errors: [{ path: [field], errorType, message }] } };
}

/** A {@link FakeAppSync} reachable over HTTP, from {@link serveFakeAppSync}. */
export interface ServedFakeAppSync {
  /** `http://127.0.0.1:<port>/graphql`: the `GRAPHQL_URL` to give the code under test. */
  readonly graphqlUrl: string;
  /** Stops the server (open connections included). */
  close(): Promise<void>;
}

/**
 * Serves a fake AppSync over HTTP on 127.0.0.1 (OS-assigned port), for code that uses the AppSync client's
 * own transport (a handler as wired at module scope) rather than an injected `fetch`. Requests are verified
 * and recorded by `appSync` exactly as when it is injected; a `networkError` reply resets the connection.
 *
 * @example
 * ```ts
 * const appSync = createFakeAppSync({ credentials });
 * const served = await serveFakeAppSync(appSync);
 * process.env.GRAPHQL_URL = served.graphqlUrl;
 * // ... load and invoke the handler, then: await served.close();
 * ```
 */
export async function serveFakeAppSync(appSync: FakeAppSync): Promise<ServedFakeAppSync> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.entries(req.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : []));
      appSync
        .fetch(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method: req.method, headers, body: Buffer.concat(chunks) })
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
          res.end(await response.text());
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    graphqlUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
