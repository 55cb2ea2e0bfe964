const base = require('../../jest.config.base.js');

// Two projects: unit tests (jsdom through their docblocks) and the browser test, which starts the local
// stack and Chromium, with a global setup that prepares what it serves (its longer timeout is set in the file:
// Jest reads `testTimeout` from the root configuration only).
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/*.test.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], globalSetup: '<rootDir>/test/e2e/global-setup.ts' },
  ],
};
