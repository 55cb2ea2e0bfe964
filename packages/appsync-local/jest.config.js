module.exports = {
  ...require('../../jest.config.base.js'),
  testTimeout: 30000,
  // Tests read the synthesized template: use infra/cdk.out when fresh, else synthesize once.
  globalSetup: '<rootDir>/test/global-setup.ts',
};
