/** The fault campaign: `npm run test:chaos` (CHAOS_SEEDS seeds per scenario, default 6; CI runs 2). */
const base = require('./jest.config');

module.exports = {
	...base,
	testPathIgnorePatterns: ['/node_modules/'],
	roots: ['<rootDir>/test/chaos'],
	testTimeout: 120_000,
};
