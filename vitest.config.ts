import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

// One template database per run on the server, so concurrent runs do not drop each other's.
process.env.WANGGE_TEST_RUN ??= String(process.pid)

const dbSuites = ['src/**/*.db.test.ts', 'src/**/*.http.test.ts', 'test/**/*.db.test.ts']
const serverSuite = process.env.TEST_DATABASE_URL
  ? [
      {
        test: {
          name: 'postgres',
          include: dbSuites,
          globalSetup: ['test/support/global-setup.ts'],
          env: { WANGGE_TEST_DRIVER: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ]
  : []

export default defineConfig({
  test: {
    reporters: ['default'],
    // Half again as many workers as cores: the database suites spend much of their time waiting on
    // the PostgreSQL server and on the CLI's child processes. On 2 cores, 3 workers ran the whole
    // suite in 10m13s against 12m42s with the default 2; 4 workers were slower again (> 12 min).
    maxWorkers: Math.ceil(availableParallelism() * 1.5),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...dbSuites, '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'pglite',
          include: dbSuites,
          globalSetup: ['test/support/global-setup.ts'],
          env: { WANGGE_TEST_DRIVER: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      ...serverSuite,
    ],
  },
})
