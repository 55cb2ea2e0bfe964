import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generate } from 'selfsigned';
import { AppSyncResponseParseError } from '../src';
import { createNodeFetch } from '../src/transport.node';

// The default Node.js transport against real local servers: what it sends, what it returns, and every way a
// response can fail to arrive.
type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

interface TestServer {
  url: string;
  sockets: Set<Socket>;
  close(): Promise<void>;
}

const listen = async (server: Server, handler: () => Handler, scheme: 'http' | 'https'): Promise<TestServer> => {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => sockets.add(socket));
  server.on('secureConnection', (socket: Socket) => sockets.add(socket));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler()(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}/graphql`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const post = (body: string, signal: AbortSignal = AbortSignal.timeout(5000), headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', ...headers },
  body: new TextEncoder().encode(body),
  signal,
});

describe('Function: createNodeFetch', () => {
  let server: TestServer;
  let handler: Handler;

  beforeAll(async () => {
    server = await listen(createServer(), () => handler, 'http');
  });

  afterAll(async () => {
    await server.close();
  });

  it('posts the bytes and headers given and returns the status, headers and body', async () => {
    // Prepare
    let received: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    handler = (req, res, body) => {
      received = { method: req.method, headers: req.headers, body: body.toString('utf8') };
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' });
      res.end('{"data":{"ok":"été ✓"}}');
    };
    const fetch = createNodeFetch();
    const text = '{"query":"mutation { ok }","variables":{"name":"注文 🚀"}}';

    // Act
    const response = await fetch(server.url, post(text, undefined, { authorization: 'AWS4-HMAC-SHA256 Credential=x' }));

    // Assess
    expect(received.method).toBe('POST');
    expect(received.body).toBe(text);
    expect(received.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=x',
      'content-length': String(Buffer.byteLength(text)),
      host: new URL(server.url).host,
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Amzn-RequestId')).toBe('req-1');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.text()).toBe('{"data":{"ok":"été ✓"}}');
  });

  it('returns a non-2xx response as not ok, with its body', async () => {
    // Prepare
    handler = (_req, res) => {
      res.writeHead(401, { 'x-amzn-errortype': 'UnauthorizedException:http://internal.amazon.com/' });
      res.end('{"errors":[{"errorType":"UnauthorizedException"}]}');
    };

    // Act
    const response = await createNodeFetch()(server.url, post('{}'));

    // Assess
    expect(response.ok).toBe(false);
    expect(response.status).toBe(401);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^UnauthorizedException:/);
    expect(await response.text()).toContain('UnauthorizedException');
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    // Prepare
    handler = (_req, res) => res.end('{"data":{}}');
    const fetch = createNodeFetch();
    server.sockets.clear();

    // Act
    for (let i = 0; i < 3; i++) await (await fetch(server.url, post('{}'))).text();

    // Assess
    expect(server.sockets.size).toBe(1);
  });

  it('rejects with the signal reason when aborted before the response', async () => {
    // Prepare
    handler = () => {
      // never answers
    };
    const controller = new AbortController();
    const reason = new Error('deadline reached');

    // Act
    const pending = createNodeFetch()(server.url, post('{}', controller.signal));
    setTimeout(() => controller.abort(reason), 50);

    // Assess
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects with the signal reason when aborted while the body is arriving', async () => {
    // Prepare
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    };
    const controller = new AbortController();
    const reason = new Error('timed out');

    // Act
    const pending = createNodeFetch()(server.url, post('{}', controller.signal));
    setTimeout(() => controller.abort(reason), 100);

    // Assess
    await expect(pending).rejects.toBe(reason);
  });

  it('rejects when the connection closes before the body is complete', async () => {
    // Prepare
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":', () => res.socket?.destroy());
    };

    // Act
    const pending = createNodeFetch()(server.url, post('{}'));

    // Assess
    await expect(pending).rejects.toThrow();
  });

  it('rejects a body larger than maxResponseBytes with a parse error, without reading it all', async () => {
    // Prepare
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data":"${'x'.repeat(64 * 1024)}"}`);
    };

    // Act
    const pending = createNodeFetch({ maxResponseBytes: 1024 })(server.url, post('{}'));

    // Assess
    await expect(pending).rejects.toBeInstanceOf(AppSyncResponseParseError);
    await expect(pending).rejects.toMatchObject({ status: 200, message: expect.stringContaining('larger than the 1024 bytes accepted') });
  });

  it('rejects with the connection error when nothing listens', async () => {
    // Prepare
    const closed = await listen(createServer(), () => handler, 'http');
    await closed.close();

    // Act
    const pending = createNodeFetch()(closed.url, post('{}'));

    // Assess
    await expect(pending).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects a protocol other than http and https', async () => {
    // Act
    const pending = createNodeFetch()('ftp://127.0.0.1/graphql', post('{}'));

    // Assess
    await expect(pending).rejects.toThrow('unsupported protocol ftp:');
  });

  it('talks https to a server whose certificate authority is given in ca', async () => {
    // Prepare
    const pems = await generate([{ name: 'commonName', value: 'notifier-test' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    } as Parameters<typeof generate>[1]);
    const tls = await listen(createTlsServer({ cert: pems.cert, key: pems.private }), () => (_req, res) => res.end('{"data":{"tls":true}}'), 'https');

    try {
      // Act
      const trusted = await createNodeFetch({ ca: pems.cert })(tls.url, post('{}'));
      const untrusted = createNodeFetch()(tls.url, post('{}'));

      // Assess
      expect(await trusted.text()).toBe('{"data":{"tls":true}}');
      await expect(untrusted).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      await tls.close();
    }
  });
});
