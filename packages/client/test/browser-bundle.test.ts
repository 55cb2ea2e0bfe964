import { build } from 'esbuild';
import path from 'node:path';

describe('Package: @notifier/client in a browser bundle', () => {
  it('bundles for the browser without any Node built-in', async () => {
    // Prepare
    const entry = path.resolve(__dirname, '../src/index.ts');

    // Act
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      conditions: ['browser'],
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('sha256.browser'))).toBe(true);
    expect(inputs.some((input) => input.includes('sha256.node') || input.includes('hash-node'))).toBe(false);
    expect(result.outputFiles[0]?.text).not.toMatch(/from\s*["']node:|require\(["'](?:node:)?(?:crypto|http|net|tls|fs)["']\)/);
  });
});
