#!/usr/bin/env node
// Runs the TypeScript sources directly (workspace packages are consumed as source, no build step).
require('tsx/cjs');
const { main } = require('../src/main.ts');

main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr, signals: process }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`notifier: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
