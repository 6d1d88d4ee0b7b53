/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// the fault campaign has its own command (npm run test:chaos) and size (CHAOS_SEEDS)
	testPathIgnorePatterns: ['/node_modules/', '/test/chaos/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	testTimeout: 60_000,
	setupFiles: ['<rootDir>/test/setup-env.ts'],
};
