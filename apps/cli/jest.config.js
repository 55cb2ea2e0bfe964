module.exports = { ...require('../../jest.config.base.js'), testTimeout: 30000 };
