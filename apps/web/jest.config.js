module.exports = { ...require('../../jest.config.base.js'), testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'] };
