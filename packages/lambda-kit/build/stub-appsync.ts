import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticCredentials, verifySigV4Request } from '@notifier/local-iam';

/** Options of {@link startStubAppSync}. */
export interface StubAppSyncOptions {
  /**
   * Current time, for the `createdAt` / `updatedAt` of the answers.
   * @default () => new Date()
   */
  now?: () => Date;
  /**
   * The credentials the subjects sign with: when given, each request's SigV4 signature is verified from the
   * bytes received (with `@notifier/local-iam`) and a request that does not verify is rejected (403).
   * @default none: a request counts as signed when its `authorization` header starts `AWS4-HMAC-SHA256`
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * Region the credential scope must name, with `credentials`.
   * @default 'eu-west-1'
   */
  region?: string;
}

/** A running stub: where to send requests, what it received, and how to stop it. */
export interface StubAppSync {
  /** `http://127.0.0.1:<port>/graphql`: the `GRAPHQL_URL` of the handlers under measurement. */
  readonly url: string;
  /**
   * POSTs to `/graphql` with a JSON GraphQL body and an `authorization` header starting `AWS4-HMAC-SHA256`
   * (whose signature verified, when the stub was given `credentials`).
   */
  readonly signedRequests: number;
  /** Every other request (no or another authorization, another path or method, a body that is no GraphQL request). */
  readonly rejectedRequests: number;
  /** Why the last rejected request was rejected, for error messages. */
  readonly lastRejection: string | undefined;
  /** Stops listening and closes kept-alive connections. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 (OS-assigned port) that plays AppSync for the benchmark's first
 * invocations: it counts the signed requests (with `credentials`, only those whose SigV4 signature
 * verifies, so a subject cannot look fast by sending something AppSync would refuse) and answers each with
 * HTTP 200 and a GraphQL body
 * that reads as a delivered mutation. The answer is built from the request: the root field parsed from
 * the query, and under it an `addUser` profile (`id` = `userId`, the profile fields sent, `updatedAt`)
 * or, for a `notify<Kind>` field, a broadcast notification (`id`, `kind` = `<KIND>`, `audience`,
 * `ownerId: null`, `createdAt`, and the input without its `idempotencyKey` under the payload field named
 * after the kind); any other field gets `{ id }`. Anything else gets a 4xx and is counted as rejected.
 *
 * @example
 * ```ts
 * const appSync = await startStubAppSync();
 * try {
 *   await measureColdStart(subjects, { invoke: { event, appSync } });
 * } finally {
 *   await appSync.close();
 * }
 * ```
 */
export async function startStubAppSync(options: StubAppSyncOptions = {}): Promise<StubAppSync> {
  const now = options.now ?? (() => new Date());
  let signedRequests = 0;
  let rejectedRequests = 0;
  let lastRejection: string | undefined;
  const reject = (response: ServerResponse, status: number, errorType: string, message: string): void => {
    rejectedRequests++;
    lastRejection = message;
    send(response, status, { errors: [{ errorType, message }] });
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', (error) => reject(response, 400, 'BadRequestException', `request stream failed: ${error.message}`));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'POST' || path !== '/graphql') {
        reject(response, 404, 'NotFoundException', `${request.method} ${request.url}: only POST /graphql is served`);
        return;
      }
      const authorization = request.headers.authorization;
      if (typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
        reject(response, 403, 'UnrecognizedClientException', `unsigned request: authorization ${JSON.stringify(authorization ?? null)}`);
        return;
      }
      const raw = Buffer.concat(chunks);
      if (options.credentials) {
        try {
          // headersDistinct: SigV4 joins a header sent as repeated lines with ",", Node's request.headers with ", ".
          verifySigV4Request(
            { method: 'POST', path: request.url ?? '/', headers: request.headersDistinct, body: raw },
            { region: options.region ?? 'eu-west-1', credentials: staticCredentials(options.credentials, { kind: 'bench' }) },
          );
        } catch (error) {
          reject(response, 403, 'InvalidSignatureException', `signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
      let body: { query?: unknown; variables?: unknown };
      try {
        body = JSON.parse(raw.toString('utf8')) as typeof body;
      } catch {
        reject(response, 400, 'BadRequestException', 'body is not JSON');
        return;
      }
      const field = typeof body?.query === 'string' ? rootField(body.query) : undefined;
      if (!field) {
        reject(response, 400, 'BadRequestException', 'body has no GraphQL query with a root field');
        return;
      }
      signedRequests++;
      const variables = isRecord(body.variables) ? body.variables : {};
      send(response, 200, { data: { [field]: answerOf(field, variables, now().toISOString()) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get signedRequests() {
      return signedRequests;
    },
    get rejectedRequests() {
      return rejectedRequests;
    },
    get lastRejection() {
      return lastRejection;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The first field of the operation's selection set: `mutation X($a: T) { notifyX(input: $a) { id } }` -> `notifyX`. */
function rootField(query: string): string | undefined {
  // Fragments may come before or after the operation; the operation is the definition that starts with
  // `mutation`/`query` (or an anonymous `{`).
  const match = /(?:^|[\s}])(?:mutation|query)\b[^{]*\{\s*(?:[A-Za-z_]\w*\s*:\s*)?([A-Za-z_]\w*)/.exec(query) ?? /^\s*\{\s*([A-Za-z_]\w*)/.exec(query);
  return match?.[1];
}

function answerOf(field: string, variables: Record<string, unknown>, at: string): Record<string, unknown> {
  if (field === 'addUser') {
    const details = isRecord(variables.userDetails) ? variables.userDetails : {};
    return {
      id: typeof variables.userId === 'string' ? variables.userId : randomUUID(),
      displayName: details.displayName ?? null,
      picture: details.picture ?? null,
      locale: details.locale ?? null,
      updatedAt: at,
    };
  }
  const kind = /^notify([A-Z]\w*)$/.exec(field)?.[1];
  if (kind) {
    const { idempotencyKey: _key, ...payload } = isRecord(variables.input) ? variables.input : {};
    return {
      id: randomUUID(),
      kind: kind.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toUpperCase(),
      audience: 'BROADCAST',
      ownerId: null,
      createdAt: at,
      imageTagged: null,
      transcriptReady: null,
      datasetRefreshed: null,
      modelReady: null,
      [kind[0]!.toLowerCase() + kind.slice(1)]: payload,
    };
  }
  return { id: randomUUID() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
