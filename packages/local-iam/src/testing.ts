import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SigV4VerificationError } from './errors';
import { toAppSyncErrorResponse } from './error-response';
import { verifySigV4Request, type VerifySigV4Options } from './sigv4';
import type { Principal, ReceivedRequest } from './types';

/** What a verifying server's handler answers. */
export interface HandlerResult {
  /** HTTP status. */
  status: number;
  /** Body: a string is sent as is, anything else as JSON. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** Handles a request whose signature was verified. */
export type VerifiedHandler<P = Principal> = (
  request: ReceivedRequest,
  principal: P,
  bodyText: string,
) => HandlerResult | Promise<HandlerResult>;

/** One request seen by a verifying server. */
export interface RecordedRequest<P = Principal> {
  /** The request as received (body as bytes). */
  request: ReceivedRequest;
  /** Body decoded as UTF-8. */
  bodyText: string;
  /** `verified` when the signature checked out, `rejected` otherwise. */
  outcome: 'verified' | 'rejected';
  /** The signer, for verified requests. */
  principal?: P;
  /** Why it was rejected. */
  error?: SigV4VerificationError;
  /** Status sent back. */
  status: number;
}

/** Options of {@link createVerifyingServer}. */
export interface VerifyingServerOptions<P = Principal> extends VerifySigV4Options<P> {
  /**
   * Called for each verified request.
   * @default answers 200 `{ "data": null }`
   */
  handler?: VerifiedHandler<P>;
}

/** A running verifying server. */
export interface VerifyingServer<P = Principal> {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** The OS-assigned port. */
  port: number;
  /** Every request received, in order. */
  requests: RecordedRequest<P>[];
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? null);
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  res.writeHead(status, { ...(hasType ? {} : { 'content-type': 'application/json; charset=UTF-8' }), ...headers });
  res.end(text);
}

/**
 * Starts a `node:http` server on 127.0.0.1 (port 0) that verifies every request's SigV4
 * signature, answers rejected ones the way AppSync does, and passes verified ones to `handler`.
 *
 * @example
 * ```ts
 * const server = await createVerifyingServer({ credentials: registry, region: 'us-east-1',
 *   handler: () => ({ status: 200, body: { data: { ok: true } } }) });
 * // ... sign requests to `${server.url}/graphql` ...
 * await server.close();
 * ```
 */
export async function createVerifyingServer<P = Principal>(options: VerifyingServerOptions<P>): Promise<VerifyingServer<P>> {
  const requests: RecordedRequest<P>[] = [];
  const handler: VerifiedHandler<P> = options.handler ?? (() => ({ status: 200, body: { data: null } }));

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const request: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: { ...req.headers },
        body,
      };
      const bodyText = Buffer.from(body).toString('utf8');
      let principal: P;
      try {
        // headersDistinct: Node joins repeated lines with ", " in req.headers, SigV4's canonical form with ",".
        principal = verifySigV4Request({ ...request, headers: req.headersDistinct }, options);
      } catch (error) {
        if (!(error instanceof SigV4VerificationError)) throw error;
        const r = toAppSyncErrorResponse(error);
        requests.push({ request, bodyText, outcome: 'rejected', error, status: r.statusCode });
        send(res, r.statusCode, r.body, r.headers);
        return;
      }
      const result = await handler(request, principal, bodyText);
      requests.push({ request, bodyText, outcome: 'verified', principal, status: result.status });
      send(res, result.status, result.body, result.headers);
    })().catch((error: unknown) => {
      // A failing handler is a test bug: answer 500 with the reason so the test sees it.
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, 500, { errors: [{ errorType: 'InternalFailure', message }] });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
