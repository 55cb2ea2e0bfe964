import { execFile } from 'node:child_process';
import * as path from 'node:path';

const packageDir = path.resolve(__dirname, '..');
// ESLint loads its flat config with a dynamic import, which Jest's module runtime cannot host:
// run the CLI the way `pnpm lint` does.
const eslintBin = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin', 'eslint.js');

interface LintResult {
  filePath: string;
  errorCount: number;
  messages: Array<{ ruleId: string | null; message: string }>;
}

function lint(args: string[]): Promise<LintResult[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      // Exit code 1 means lint errors were found: the JSON report is still on stdout.
      if (error && error.code !== 1) {
        reject(new Error(`eslint failed: ${stderr}`, { cause: error }));
        return;
      }
      resolve(JSON.parse(stdout) as LintResult[]);
    });
  });
}

const FIXTURE = 'test/fixtures/unsupported-syntax/resolver.ts';

describe('Config: eslint.config.mjs (AppSync rules on resolvers)', () => {
  // One type-aware run over the fixture and every resolver (each run costs seconds).
  let results: LintResult[];
  beforeAll(async () => {
    results = await lint(['--no-ignore', FIXTURE, 'resolvers']);
  }, 60_000);

  it('fails APPSYNC_JS code using syntax the runtime does not support', () => {
    // Prepare
    const fixture = path.join(packageDir, FIXTURE);

    // Act
    const result = results.find((r) => r.filePath === fixture);

    // Assess
    const rules = new Set(result?.messages.map((m) => m.ruleId));
    for (const rule of ['no-classes', 'no-async', 'no-try', 'no-for', 'no-while', 'no-regex', 'no-in-operator', 'no-disallowed-unary-operators']) {
      expect(rules).toContain(`@aws-appsync/${rule}`);
    }
  });

  it('passes every resolver and pipeline function', () => {
    // Prepare
    const resolversDir = path.join(packageDir, 'resolvers');

    // Act
    const resolverResults = results.filter((r) => r.filePath.startsWith(resolversDir));

    // Assess
    expect(resolverResults.length).toBeGreaterThan(15);
    expect(resolverResults.flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.ruleId} ${m.message}`))).toEqual([]);
  });
});
