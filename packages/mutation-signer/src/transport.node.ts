// Selected by the default condition of the `#transport` import (Node.js, Lambda). Node's global `fetch` is
// undici, which Node compiles on the first call: about 30 ms on the first invocation of every cold
// container, several times this package's own load. node:http / node:https are a fraction of that and
// are loaded on the first request, once per protocol.
import type { ClientRequest, Agent as HttpAgent, IncomingMessage, RequestOptions } from 'node:http';
import type { AgentOptions as HttpsAgentOptions } from 'node:https';
import { AppSyncResponseParseError, BODY_SNIPPET_LENGTH } from './errors';
import type { FetchFunction, FetchResponse } from './types';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /**
   * Extra certificate authorities (PEM) trusted for `https:` URLs, on top of Node's.
   * @default Node's trust store (plus `NODE_EXTRA_CA_CERTS`)
   */
  ca?: string | readonly string[];
  /**
   * Largest response body read, in bytes; a larger one fails the attempt with an `AppSyncResponseParseError`
   * (not retried) instead of filling the function's memory.
   * @default 16 MiB
   */
  maxResponseBytes?: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

interface Transport {
  request: (url: URL, options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;
  agent: HttpAgent;
}

/**
 * Creates a `fetch`-shaped POST function on node:http / node:https with keep-alive connections reused across
 * calls (one agent per protocol, created on the first request). It supports what the AppSync client sends:
 * string headers, a byte body and an abort signal that cancels the request at any point, including while
 * the response body is still arriving.
 *
 * @example
 * ```ts
 * const client = createAppSyncClient({ url, fetch: createNodeFetch({ ca: localCertificatePem }) });
 * ```
 */
export const createNodeFetch = (options: NodeFetchOptions = {}): FetchFunction => {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const transports = new Map<string, Promise<Transport>>();
  const transportFor = (protocol: string): Promise<Transport> => {
    let transport = transports.get(protocol);
    if (!transport) {
      transport = loadTransport(protocol, options.ca);
      transports.set(protocol, transport);
      // A failed load (unsupported protocol) is not cached: the next call reports it again.
      transport.catch(() => transports.delete(protocol));
    }
    return transport;
  };

  return async (input, init) => {
    const url = new URL(input);
    const { request, agent } = await transportFor(url.protocol);
    const { signal, body } = init;
    signal.throwIfAborted();
    return new Promise<FetchResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        // Node reports an aborted request with its own AbortError; report the signal's reason, as fetch does.
        reject(signal.aborted ? signal.reason : error);
      };
      const req = request(
        url,
        { method: init.method, headers: { ...init.headers, 'content-length': String(body.byteLength) }, agent, signal },
        (res) => {
          const chunks: Buffer[] = [];
          let received = 0;
          res.on('data', (chunk: Buffer) => {
            received += chunk.byteLength;
            if (received > maxResponseBytes) {
              const error = new AppSyncResponseParseError({
                status: res.statusCode ?? 0,
                bodySnippet: Buffer.concat(chunks).subarray(0, BODY_SNIPPET_LENGTH).toString('utf8'),
                reason: `body larger than the ${maxResponseBytes} bytes accepted`,
              });
              fail(error);
              req.destroy(error);
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', fail);
          res.on('end', () => {
            if (settled) return;
            settled = true;
            const status = res.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString('utf8');
            const headers = res.headers;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              headers: {
                get: (name) => {
                  const value = headers[name.toLowerCase()];
                  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
                },
              },
              text: () => Promise.resolve(text),
            });
          });
          // A connection closed mid-body ends the response without `end`: never leave the caller waiting.
          res.on('close', () => fail(new Error('connection closed before the response was complete')));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  };
};

const loadTransport = async (protocol: string, ca: string | readonly string[] | undefined): Promise<Transport> => {
  if (protocol === 'https:') {
    const https = await import('node:https');
    const agentOptions: HttpsAgentOptions = { keepAlive: true, ...(ca ? { ca: [...(typeof ca === 'string' ? [ca] : ca)] } : {}) };
    return { request: https.request, agent: new https.Agent(agentOptions) };
  }
  if (protocol === 'http:') {
    const http = await import('node:http');
    return { request: http.request, agent: new http.Agent({ keepAlive: true }) };
  }
  throw new TypeError(`unsupported protocol ${protocol}`);
};

/** The transport of clients created without a `fetch` option. */
export const defaultFetch: FetchFunction | undefined = createNodeFetch();
