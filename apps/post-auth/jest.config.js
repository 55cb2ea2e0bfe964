module.exports = {
  ...require('../../jest.config.base.js'),
  // The integration test bundles the handler and starts the local AppSync (synthesizing the template once when stale).
  testTimeout: 60000,
};
