module.exports = {
  ...require('../../jest.config.base.js'),
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/global-setup.ts',
};
