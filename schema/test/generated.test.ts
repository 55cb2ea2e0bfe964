import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as schema from '../src/index';
import * as generated from '../src/generated/graphql';

const packageDir = path.resolve(__dirname, '..');

describe('Script: generate', () => {
  it('finds the committed generated files identical to a fresh generation (else run `pnpm --filter @notifier/schema build`)', async () => {
    // Prepare
    // GraphQL Code Generator's CommonJS build loads ESM-only modules, which Jest's module runtime
    // cannot: run the script the way the build does.
    const tsx = require.resolve('tsx/cli');

    // Act
    const run = promisify(execFile)(process.execPath, [tsx, 'scripts/generate.ts', '--check'], { cwd: packageDir });

    // Assess
    await expect(run).resolves.toMatchObject({ stderr: '' });
  }, 60_000);

  it('marks every document pure so bundles keep only the documents they import', async () => {
    // Prepare
    const source = await readFile(require.resolve('../src/generated/graphql'), 'utf8');

    // Act
    const constructions = source.match(/new TypedDocumentString\(/g) ?? [];
    const pure = source.match(/\/\* @__PURE__ \*\/ new TypedDocumentString\(/g) ?? [];

    // Assess
    expect(constructions.length).toBeGreaterThan(0);
    expect(pure).toHaveLength(constructions.length);
  });
});

describe('Module: @notifier/schema', () => {
  it('re-exports every generated document by name', () => {
    // Prepare
    const documentNames = Object.keys(generated).filter((name) => name.endsWith('Document') || name.endsWith('Doc'));

    // Act
    const missing = documentNames.filter((name) => !(name in schema));

    // Assess
    expect(documentNames).toContain('NotifyImageTaggedDocument');
    expect(missing).toEqual([]);
  });

  it('sends each operation as its text with the fragments it spreads', () => {
    // Prepare
    const document = schema.NotifyModelReadyDocument;

    // Act
    const text = document.toString();

    // Assess
    expect(document).toBeInstanceOf(String);
    expect(text).toMatch(/^\s*mutation NotifyModelReady\(\$input: ModelReadyInput!\)/);
    expect(text).toContain('fragment NotificationFields on Notification');
    expect(JSON.stringify({ query: document })).toBe(JSON.stringify({ query: text }));
  });
});
