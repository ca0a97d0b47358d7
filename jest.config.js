/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // tests/queue needs n8n in queue mode (Redis, PostgreSQL, workers): `npm run test:queue` runs it.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(process.env.GONGHUI_N8N_QUEUE ? [] : ['<rootDir>/tests/queue/'])],
  testTimeout: 60000,
  // watchman is not installed everywhere, and jest waiting on it hangs without a word.
  watchman: false,
};
