#!/usr/bin/env node
// `npm test`: every check and suite of the project, then one line `N passed, N failed, N skipped`.
// Lint, types and migration drift count as one test each; Vitest runs unit, PGlite and (when
// TEST_DATABASE_URL is set) PostgreSQL-server suites; Playwright drives Debian's Chromium.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const results = []
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts })
const npx = (args, opts) => run('npx', args, opts)
const check = (name, ok) => results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 })

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (existsSync(path)) return true
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium is missing at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    )
    return false
  }
  console.log('installing Debian chromium for the browser tests …')
  run('apt-get', ['update', '-qq'])
  return (
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  )
}

function migrationsInStep() {
  const dir = mkdtempSync(join(tmpdir(), 'wangge-drift-'))
  cpSync('migrations', dir, { recursive: true })
  const before = readdirSync(dir).length
  const r = run(
    'npx',
    ['drizzle-kit', 'generate', '--dialect=postgresql', '--schema=./src/db/schema.ts', `--out=${dir}`],
    {
      stdio: 'pipe',
    },
  )
  const after = readdirSync(dir).length
  rmSync(dir, { recursive: true, force: true })
  if (r.status !== 0 || after !== before) {
    console.error(
      'migrations are out of step with the tables: run `npm run db:generate` and commit the result',
    )
    return false
  }
  return true
}

function apiTypesInStep() {
  const files = ['openapi.json', 'web/src/api/openapi.d.ts']
  const before = files.map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : ''))
  const r = run('npx', ['tsx', 'scripts/openapi.ts'], { stdio: 'pipe' })
  const same = r.status === 0 && files.every((f, i) => readFileSync(f, 'utf8') === before[i])
  if (!same)
    console.error(
      'openapi.json or the web API types are out of step with the routes: run `npm run api:types` and commit',
    )
  return same
}

mkdirSync('test-results', { recursive: true })
if (!ensureChromium()) process.exit(1)

check('biome', npx(['biome', 'check', '.']).status === 0)
check(
  'typescript',
  npx(['tsc', '--noEmit', '-p', 'tsconfig.json']).status === 0 &&
    npx(['tsc', '--noEmit', '-p', 'web/tsconfig.json']).status === 0,
)
check('migrations', migrationsInStep())
check('api types', apiTypesInStep())

const vitestJson = 'test-results/vitest.json'
rmSync(vitestJson, { force: true })
npx(['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  const failedFiles = v.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length
  results.push({
    name: 'vitest',
    passed: v.numPassedTests,
    failed: v.numFailedTests + failedFiles,
    skipped: v.numPendingTests + v.numTodoTests,
  })
} else {
  check('vitest (no report)', false)
}

const e2eJson = 'test-results/e2e.json'
rmSync(e2eJson, { force: true })
npx(['playwright', 'test'])
if (existsSync(e2eJson)) {
  const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats
  results.push({ name: 'playwright', passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped })
} else {
  check('playwright (no report)', false)
}

const total = results.reduce(
  (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
  {
    passed: 0,
    failed: 0,
    skipped: 0,
  },
)
console.log('')
for (const r of results)
  console.log(`  ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`)
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed === 0 ? 0 : 1)
