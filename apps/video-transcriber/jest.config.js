module.exports = {
  ...require('../../jest.config.base.js'),
  // Integration tests run the bundle against local servers; the synthesized template is found (or made) once.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/integration/global-setup.ts',
};
