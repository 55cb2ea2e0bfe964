module.exports = { ...require('../jest.config.base.js'), testTimeout: 60_000 };
