module.exports = {
  ...require('../../jest.config.base.js'),
  // Real servers (s3rver, the stand-ins) answer each test: leave room for a loaded CI machine.
  testTimeout: 30_000,
};
