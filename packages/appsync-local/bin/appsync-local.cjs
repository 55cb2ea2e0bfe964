#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (workspace packages are consumed from source).
require('tsx/cjs');
require('../src/cli.ts');
