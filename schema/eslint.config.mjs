// The workspace's ESLint config, plus AppSync's rules for APPSYNC_JS code: resolvers run in
// AppSync's restricted runtime, so syntax it does not support (try/catch, for(;;), while, async,
// classes, regex literals, ++/--, `in`, recursion, callbacks outside the array methods, ...) must
// fail the lint, not the deployment. The rules need type information (projectService).
import appsync from '@aws-appsync/eslint-plugin';
import root from '../eslint.config.mjs';

const appsyncFiles = ['resolvers/**/*.ts', 'test/fixtures/unsupported-syntax/**/*.ts'];

export default [
  ...root,
  // Fixtures that must fail the AppSync rules are linted by their test only.
  { ignores: ['test/fixtures/**'] },
  {
    ...appsync.configs.recommended,
    files: appsyncFiles,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
];
