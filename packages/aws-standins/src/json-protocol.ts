import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceError } from './errors';

/** One operation of an AWS JSON 1.1 service: the parsed request body in, the response body out. */
export type JsonOperation = (input: Record<string, unknown>) => Promise<unknown> | unknown;

/** Options of {@link startJsonService}. */
export interface JsonServiceOptions {
  /** Service prefix of `X-Amz-Target`, e.g. `RekognitionService` or `Transcribe`. */
  targetPrefix: string;
  /** Operations by name (`DetectLabels`, ...). */
  operations: Readonly<Record<string, JsonOperation>>;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 lets the OS choose. @default 0 */
  port?: number;
  /** Largest request body accepted, in bytes. @default 16 MiB */
  maxBodyBytes?: number;
  /** Extra routes served before the JSON protocol (return true when handled). @default none */
  extraRoute?: (request: IncomingMessage, response: ServerResponse) => Promise<boolean> | boolean;
}

/** A running stand-in server. */
export interface RunningService {
  /** Base URL, e.g. `http://127.0.0.1:38211`: the endpoint to give the AWS SDK client. */
  readonly url: string;
  /** The node:http server. */
  readonly server: Server;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const JSON_11 = 'application/x-amz-json-1.1';

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body ?? {}));
  response.writeHead(status, {
    'content-type': JSON_11,
    'content-length': String(payload.length),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  response.end(payload);
}

function sendError(response: ServerResponse, error: ServiceError): void {
  send(response, error.status, { __type: error.type, message: error.message }, { 'x-amzn-errortype': error.type });
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ServiceError('SerializationException', `request body larger than ${limit} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Starts an HTTP server speaking the AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a
 * JSON body; answers `application/x-amz-json-1.1`, errors as `{ "__type", "message" }` with `x-amzn-ErrorType`.
 * Requests are not signature-checked (any credentials work).
 *
 * @example
 * const service = await startJsonService({ targetPrefix: 'Transcribe', operations: { GetTranscriptionJob: get } });
 */
export async function startJsonService(options: JsonServiceOptions): Promise<RunningService> {
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const server = createServer((request, response) => {
    void (async () => {
      try {
        if (options.extraRoute && (await options.extraRoute(request, response))) return;
        if (request.method !== 'POST') throw new ServiceError('UnknownOperationException', `${request.method} is not supported; AWS JSON 1.1 uses POST`, 405);
        const target = request.headers['x-amz-target'];
        const prefix = `${options.targetPrefix}.`;
        if (typeof target !== 'string' || !target.startsWith(prefix)) {
          throw new ServiceError('UnknownOperationException', `X-Amz-Target must be ${prefix}<Operation>, got ${String(target)}`);
        }
        const operation = options.operations[target.slice(prefix.length)];
        if (!operation) throw new ServiceError('UnknownOperationException', `${target} is not supported by this stand-in`);
        const contentType = request.headers['content-type'] ?? '';
        if (!contentType.startsWith(JSON_11)) throw new ServiceError('SerializationException', `Content-Type must be ${JSON_11}, got ${contentType}`);
        const raw = await readBody(request, limit);
        let input: unknown;
        try {
          input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
        } catch {
          throw new ServiceError('SerializationException', 'request body is not valid JSON');
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ServiceError('SerializationException', 'request body must be a JSON object');
        send(response, 200, await operation(input as Record<string, unknown>));
      } catch (error) {
        if (error instanceof ServiceError) sendError(response, error);
        else sendError(response, new ServiceError('InternalServerError', error instanceof Error ? error.message : String(error), 500));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
