module.exports = { ...require('../jest.config.base.js'), globalSetup: '<rootDir>/test/global-setup.ts' };
