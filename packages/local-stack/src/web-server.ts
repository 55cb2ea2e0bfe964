import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
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

/** A running static server for the built web page. */
export interface WebServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves the built web page (`apps/web/dist`) on 127.0.0.1 with its `notifier-config.json` pointing at
 * the local stack. Only files inside the folder are served.
 *
 * @example
 * const web = await serveWebPage('apps/web/dist', webConfigFor(stack));
 */
export async function serveWebPage(root: string, config: Record<string, string>, port = 0): Promise<WebServer> {
  const base = resolve(root);
  const configBody = JSON.stringify(config, null, 2);
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      if (path === '/notifier-config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(configBody);
        return;
      }
      const file = normalize(join(base, path === '/' ? 'index.html' : path));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      try {
        const info = await stat(file);
        const target = info.isDirectory() ? join(file, 'index.html') : file;
        const body = await readFile(target);
        res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
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
