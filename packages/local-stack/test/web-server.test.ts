import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveWebPage, type WebServer } from '../src/web-server';

/** One GET with the raw path (fetch would normalise a malformed percent-encoding away). */
function get(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Function: serveWebPage', () => {
  let root: string;
  let web: WebServer;
  const errors: unknown[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'notifier-web-'));
    writeFileSync(join(root, 'index.html'), '<h1>notifier</h1>');
    web = await serveWebPage(root, { region: 'us-east-1' }, { onError: (error) => errors.push(error) });
  });

  afterAll(async () => {
    await web.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 400 to a path that is not a valid URI and keeps serving', async () => {
    // Act
    const bad = await get(web.url, '/%E0%A4%A');
    const page = await get(web.url, '/');

    // Assess
    expect(bad).toEqual({ status: 400, body: 'bad request: the path is not a valid URI' });
    expect(page).toEqual({ status: 200, body: '<h1>notifier</h1>' });
    expect(errors).toEqual([]);
  });

  it('serves the configuration, refuses paths outside the folder and answers 404 to missing files', async () => {
    // Act
    const config = await get(web.url, '/notifier-config.json');
    const outside = await get(web.url, '/..%2f..%2fetc%2fpasswd');
    const missing = await get(web.url, '/nothing.js');

    // Assess
    expect(JSON.parse(config.body)).toEqual({ region: 'us-east-1' });
    expect(outside.status).toBe(403);
    expect(missing.status).toBe(404);
  });
});
