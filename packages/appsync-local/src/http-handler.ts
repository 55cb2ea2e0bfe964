import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  SigV4VerificationError,
  toAppSyncErrorResponse,
  toAppSyncIdentity,
  verifySigV4Request,
  type CredentialSource,
  type Principal,
} from '@notifier/local-iam';
import type { FieldAuthorizer, FieldRequestContext } from './authorization';
import { prepareOperation, type GraphQLRequestBody, type Publication, type createExecutor } from './executor';
import type { FaultInjector } from './faults';
import type { AppSyncGraphQLResponse } from './types';

/** Largest request body accepted (AppSync's request limit is far below this). */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, x-api-key',
  'access-control-max-age': '86400',
};

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  executor: ReturnType<typeof createExecutor>;
  schema: Parameters<typeof prepareOperation>[0];
  authorize: FieldAuthorizer;
  credentials: CredentialSource<Principal>;
  region: string;
  now: () => Date;
  faults: FaultInjector;
  /** Called with each successful mutation field (fan-out to subscribers). */
  publish: (publication: Publication) => void;
}

/** The caller's address as AppSync reports it in `ctx.identity.sourceIp`. */
export function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Whether a request (or a WebSocket upgrade) came over the TLS listener (`aws:SecureTransport`). */
export function isSecureTransport(req: IncomingMessage): boolean {
  return (req.socket as Partial<TLSSocket>).encrypted === true;
}

/** The per-request condition keys' inputs of a request that arrived at `at`. */
export function fieldRequestOf(req: IncomingMessage, at: Date): FieldRequestContext {
  return { now: at, secureTransport: isSecureTransport(req), sourceIp: sourceIpOf(req) };
}

/** Request headers as plain lower-cased strings (`ctx.request.headers`). */
export function plainHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

function send(res: ServerResponse, statusCode: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  // A fixed length, as AppSync answers: writeHead sends the head at once, so without it Node would
  // fall back to chunked transfer encoding.
  res.writeHead(statusCode, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(bytes.length),
    'x-amzn-requestid': crypto.randomUUID(),
    ...headers,
  });
  res.end(bytes);
}

function errorBody(errorType: string, message: string): { errors: { errorType: string; message: string }[] } {
  return { errors: [{ errorType, message }] };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The `POST /graphql` handler: SigV4 verified from the bytes received, each top-level field
 * authorized by IAM policy, the operation executed, successful mutations published; every
 * refusal in AppSync's status code and error shape.
 *
 * @example
 * ```ts
 * const handle = createHttpHandler({ executor, schema, authorize, credentials: registry, region, now, faults, publish });
 * http.createServer((req, res) => void handle(req, res));
 * ```
 */
export function createHttpHandler(options: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { executor, schema, authorize, credentials, region, now, faults, publish } = options;

  return async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'OPTIONS') {
        res.writeHead(200, CORS_HEADERS);
        res.end();
        return;
      }
      if (path !== '/graphql' || req.method !== 'POST') {
        req.resume();
        send(res, path === '/graphql' ? 400 : 404, errorBody('UnknownOperationException', 'Unknown Operation Request.'), {
          'x-amzn-ErrorType': 'UnknownOperationException',
        });
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        send(res, 413, errorBody('BadRequestException', 'Request entity too large.'));
        return;
      }
      const fault = faults.nextHttpFault();
      if (fault) {
        send(res, fault.statusCode, errorBody(fault.errorType, fault.message), { 'x-amzn-ErrorType': fault.errorType });
        return;
      }

      let principal: Principal;
      try {
        principal = verifySigV4Request(
          // headersDistinct, not headers: Node joins repeated lines with ", ", SigV4's canonical form with ",".
          { method: req.method, path: req.url ?? '/graphql', headers: req.headersDistinct, body },
          { credentials, region, now },
        );
      } catch (error) {
        if (error instanceof SigV4VerificationError) {
          const r = toAppSyncErrorResponse(error);
          send(res, r.statusCode, r.body, r.headers);
          return;
        }
        throw error;
      }

      if (body.length === 0) {
        send(res, 400, errorBody('MalformedHttpRequestException', 'Request body is empty.'));
        return;
      }
      let request: GraphQLRequestBody;
      try {
        request = JSON.parse(body.toString('utf8')) as GraphQLRequestBody;
        if (request === null || typeof request !== 'object' || Array.isArray(request) || typeof request.query !== 'string') {
          throw new TypeError('not a GraphQL request');
        }
      } catch {
        send(res, 400, errorBody('MalformedHttpRequestException', 'Unable to parse GraphQL query.'));
        return;
      }
      // Invalid documents are a GraphQL answer, not an HTTP failure: 200 with data null.
      const prepared = prepareOperation(schema, request);
      if (!prepared.ok) {
        const malformed = prepared.errors.some((e) => e.errorType === 'MalformedHttpRequestException');
        send(res, malformed ? 400 : 200, malformed ? { errors: prepared.errors } : { data: null, errors: prepared.errors });
        return;
      }
      const { rootType, topLevel } = prepared.prepared;
      const fieldRequest = fieldRequestOf(req, now());
      for (const field of topLevel.fields) {
        if (field.name.startsWith('__')) continue;
        if (!authorize(principal, rootType.name, field.name, fieldRequest)) {
          send(res, 401, errorBody('UnauthorizedException', 'Permission denied'), { 'x-amzn-ErrorType': 'UnauthorizedException' });
          return;
        }
      }

      const identity = toAppSyncIdentity(principal, fieldRequest.sourceIp);
      const { body: response, publications } = await executor.execute(prepared.prepared, request, {
        identity,
        headers: plainHeaders(req.headers),
      });
      for (const publication of publications) {
        try {
          publish(publication);
        } catch (error) {
          // The mutation is done and stored: answering 500 would make callers retry it. Report the
          // fan-out failure where the server runs instead.
          console.error(`appsync-local: publishing ${publication.fieldName} failed`, error);
        }
      }
      send(res, 200, response satisfies AppSyncGraphQLResponse);
    } catch (error) {
      // An unexpected failure is a bug of this server: answer as AppSync's internal failure, and
      // keep the cause visible to whoever runs the server.
      console.error('appsync-local: request failed', error);
      if (!res.headersSent) send(res, 500, errorBody('InternalFailure', `Internal failure: ${(error as Error).message}`));
      else res.destroy();
    }
  };
}
