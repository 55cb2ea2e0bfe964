import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLambda, LAMBDA_BUNDLE_OPTIONS } from '../build';

describe('Function: bundleLambda', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), 'lambda-kit-bundle-'));
  });
  afterEach(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  it('writes a minified ESM .mjs bundle that Node runs on its own', async () => {
    // Act
    const [bundle] = await bundleLambda({ entries: ['test/fixtures/entry.ts'], outdir, cwd: join(__dirname, '..') });

    // Assess
    expect(bundle?.outfile).toBe(join(outdir, 'entry.mjs'));
    const code = readFileSync(bundle!.outfile, 'utf8');
    expect(bundle?.bytes).toBe(Buffer.byteLength(code));
    expect(code).toMatch(/export\s*\{/);
    expect(code).not.toMatch(/from\s*["']zod/);
    expect(code).toContain('//# sourceMappingURL=entry.mjs.map');
    const script = `const m = await import(${JSON.stringify(`file://${bundle!.outfile}`)}); process.stdout.write(await m.handler({ text: 'abc' }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: outdir }).toString();
    expect(out).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('uses the settings of infra NodejsFunction bundling', () => {
    // Assess
    expect(LAMBDA_BUNDLE_OPTIONS).toMatchObject({
      format: 'esm',
      platform: 'node',
      target: 'node20',
      mainFields: ['module', 'main'],
      conditions: ['module'],
      minify: true,
      outExtension: { '.js': '.mjs' },
      external: [],
      sourcemap: 'linked',
      sourcesContent: false,
    });
  });
});
