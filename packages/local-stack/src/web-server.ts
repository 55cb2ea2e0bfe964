import { readFile, stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { LocalStack } from './stack';

/**
 * The page configuration (`notifier-config.json`) for a local stack.
 *
 * @example
 * const web = await serveWebPage('apps/web/dist', webConfigFor(stack));
 */
export function webConfigFor(stack: LocalStack): Record<string, string> {
  return {
    region: stack.region,
    graphqlUrl: stack.appsync.graphqlUrl,
    realtimeUrl: stack.appsync.realtimeUrl,
    userPoolId: stack.cognito.userPoolId,
    userPoolClientId: stack.cognito.userPoolClientId,
    identityPoolId: stack.cognito.identityPoolId,
    uploadsBucket: stack.buckets.uploads ?? '',
    cognitoEndpoint: stack.cognito.userPoolEndpoint,
    identityPoolEndpoint: stack.cognito.identityPoolEndpoint,
    s3Endpoint: stack.s3Endpoint,
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Options of {@link serveWebPage}. */
export interface WebServerOptions {
  /**
   * Port on 127.0.0.1.
   * @default 0 (OS-assigned)
   */
  port?: number;
  /**
   * Receives an unexpected failure while answering a request (the request is answered 500).
   * @default logs the error to stderr
   */
  onError?: (error: unknown) => void;
}

/** A running static server for the built web page. */
export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built web page (`apps/web/dist`) on 127.0.0.1 with its `notifier-config.json` pointing at
 * the local stack. Only files inside the folder are served. A path that is not a valid URI is answered
 * 400; an unexpected failure is answered 500 and passed to `onError` (default: logged to stderr).
 *
 * @example
 * const web = await serveWebPage('apps/web/dist', webConfigFor(stack));
 */
export async function serveWebPage(root: string, config: Record<string, string>, options: WebServerOptions = {}): Promise<WebServer> {
  const port = options.port ?? 0;
  const onError = options.onError ?? ((error: unknown) => console.error(`web page server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  const base = resolve(root);
  const configBody = JSON.stringify(config, null, 2);
  const answer = async (url: string, res: ServerResponse): Promise<void> => {
    let path: string;
    try {
      path = decodeURIComponent(url.split('?')[0] ?? '/');
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request: the path is not a valid URI');
      return;
    }
    if (path === '/notifier-config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(configBody);
      return;
    }
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let body: Buffer;
    let target: string;
    try {
      const info = await stat(file);
      target = info.isDirectory() ? join(file, 'index.html') : file;
      body = await readFile(target);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' }).end(body);
  };
  const server = createServer((req, res) => {
    // One request must never take the server (and `pnpm dev` with it) down: anything unexpected is a 500.
    answer(req.url ?? '/', res).catch((error: unknown) => {
      onError(error);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    });
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    stop: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : done()));
      }),
  };
}
