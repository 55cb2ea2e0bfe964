import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { readManifest } from '../src/manifest';
import { createS3ClientProvider } from '../src/s3';

/** A stand-in `S3Client` constructor that records its configuration. */
function fakeSdk() {
  const S3ClientClass = jest.fn((config: unknown) => ({ config, send: jest.fn() }));
  const load = jest.fn(async () => ({ S3Client: S3ClientClass as unknown as typeof S3Client }));
  return { S3ClientClass, load };
}

describe('Function: createS3ClientProvider', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it('loads nothing until called, then creates one client for every call, concurrent or later', async () => {
    // Prepare
    const { S3ClientClass, load } = fakeSdk();
    const s3 = createS3ClientProvider({ load });
    const loadsBefore = load.mock.calls.length;

    // Act
    const [first, concurrent] = await Promise.all([s3(), s3()]);
    const later = await s3();

    // Assess
    expect(loadsBefore).toBe(0);
    expect(load).toHaveBeenCalledTimes(1);
    expect(S3ClientClass).toHaveBeenCalledTimes(1);
    expect(concurrent).toBe(first);
    expect(later).toBe(first);
  });

  it.each([
    ['true', {}, { forcePathStyle: true }],
    ['false', {}, { forcePathStyle: false }],
    [undefined, {}, { forcePathStyle: false }],
    ['true', { forcePathStyle: false, config: { region: 'eu-west-1' } }, { region: 'eu-west-1', forcePathStyle: false }],
  ])('takes path-style from S3_FORCE_PATH_STYLE=%s unless given (%#)', async (env, options, expected) => {
    // Prepare
    if (env === undefined) delete process.env.S3_FORCE_PATH_STYLE;
    else process.env.S3_FORCE_PATH_STYLE = env;
    const { S3ClientClass, load } = fakeSdk();

    // Act
    await createS3ClientProvider({ ...options, load })();

    // Assess
    expect(S3ClientClass).toHaveBeenCalledWith(expected);
  });

  it('rejects the call whose load fails and tries again on the next call', async () => {
    // Prepare
    const { S3ClientClass, load } = fakeSdk();
    const failure = new Error('module evaluation failed');
    load.mockRejectedValueOnce(failure);
    const s3 = createS3ClientProvider({ load });

    // Act
    const first = s3();
    await expect(first).rejects.toBe(failure);
    const second = await s3();

    // Assess
    expect(load).toHaveBeenCalledTimes(2);
    expect(S3ClientClass).toHaveBeenCalledTimes(1);
    expect(await s3()).toBe(second);
  });

  describe('with the real SDK', () => {
    let server: Server;
    const requests: { method?: string; path: string; headers: IncomingHttpHeaders }[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push({ method: req.method, path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname, headers: req.headers });
        const body = '{"recordCount":42}';
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('reads from the endpoint in AWS_ENDPOINT_URL_S3, path-style when S3_FORCE_PATH_STYLE=true, signed', async () => {
      // Prepare
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_S3: `http://localhost:${(server.address() as AddressInfo).port}`,
        S3_FORCE_PATH_STYLE: 'true',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'ASIAS3PROVIDEREXAMPLE',
        AWS_SECRET_ACCESS_KEY: 's3-provider-secret',
        AWS_SESSION_TOKEN: 's3-provider-token',
      });
      const s3 = createS3ClientProvider();

      // Act
      const manifest = await readManifest(s3, 'notifier-data', 'sales/2026-11-27/manifest.json');

      // Assess
      expect(manifest).toEqual({ recordCount: 42 });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ method: 'GET', path: '/notifier-data/sales/2026-11-27/manifest.json' });
      expect(requests[0]?.headers.authorization).toContain('Credential=ASIAS3PROVIDEREXAMPLE/');
      expect(requests[0]?.headers.authorization).toContain('/eu-west-1/s3/aws4_request');
      expect(requests[0]?.headers['x-amz-security-token']).toBe('s3-provider-token');
    });
  });
});
