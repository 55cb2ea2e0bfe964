module.exports = { ...require('../../jest.config.base.js'), testTimeout: 20000 };
