import { ConfigError, loadConfig } from './config'
import { DataDirLockedError } from './db/lock'
import { PostgisMissingError } from './db/postgres'
import { safeMessage } from './lib/safe-error'
import { verifyAuditChain } from './modules/audit/audit.service'
import { seedDemo } from './modules/demo/demo.seed'
import { openDatabase, serve } from './server'

const USAGE = `usage: wangge <command>

commands:
  serve           run the platform (HTTP API, web app, background sweeps)
  migrate         apply database migrations and exit
  audit verify    check the audit log's hash chain and name the first broken row
  backup [--out DIR] [--encrypt-key-file F] [--export-data-key F]
                  write a consistent, checksummed (optionally encrypted) backup of the database and attachments
  restore <backup> [--key-file F] [--allow-unencrypted]
                  restore a backup into an empty database or data directory
  user reset-password <username>
                  a new password for a user locked out (printed once, changed at the next sign-in);
                  lifts the account's locks and ends its sessions
  user reset-second-factor <username>
                  remove a user's second factor (a lost phone); they enrol again after signing in
  seed demo [--scale district|city] [--seed N] [--events N]
                  load the demo city into an empty database; with --events, also N events over the
                  last 365 days on its micro-grids (bulk loaded, the rollup added set-based)
  rollup rebuild  compute the events rollup again from the cases, set-based (after a bulk load or restore)
  summary rebuild compute the big screen's base-data summary again from the ledgers, posts and grids
                  (after a load that bypassed the triggers, or a TRUNCATE)`

function optionOf(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

async function main(args: string[]): Promise<number> {
  const [command, sub] = args
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`)
    return command ? 0 : 2
  }
  const config = loadConfig()
  if (command === 'serve') {
    await serve(config)
    return -1 // keep running
  }
  if (command === 'migrate') {
    const { database, release } = await openDatabase(config)
    process.stdout.write(`migrations applied (${database.where})\n`)
    await release()
    return 0
  }
  if (command === 'seed' && sub === 'demo') {
    const scale = optionOf(args, '--scale') ?? 'district'
    const seed = Number(optionOf(args, '--seed') ?? '1')
    const events = Number(optionOf(args, '--events') ?? '0')
    if (
      (scale !== 'district' && scale !== 'city') ||
      !Number.isInteger(seed) ||
      !Number.isInteger(events) ||
      events < 0
    ) {
      process.stderr.write('usage: wangge seed demo [--scale district|city] [--seed N] [--events N]\n')
      return 2
    }
    const { database, release } = await openDatabase(config)
    try {
      const started = performance.now()
      const count = await seedDemo({ db: database.db, afterWrite: () => {} }, scale, seed)
      const seconds = (performance.now() - started) / 1000
      process.stdout.write(
        `loaded the ${scale} demo: ${count} grids (seed ${seed}) in ${seconds.toFixed(0)} s\n`,
      )
      if (events > 0) {
        const { seedDemoHistory } = await import('./modules/demo/demo.history.repo')
        const report = await seedDemoHistory(database.db, events, new Date(), (loaded, total) =>
          process.stdout.write(`  ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')} events\n`),
        )
        process.stdout.write(
          `loaded ${report.events.toLocaleString('en')} events in ${report.seconds.toFixed(0)} s (${Math.round(report.events / report.seconds).toLocaleString('en')}/s), ${report.rollupRows.toLocaleString('en')} rollup rows\n`,
        )
      }
      return 0
    } finally {
      await release()
    }
  }
  if (command === 'rollup' && sub === 'rebuild') {
    const { rebuildRollup } = await import('./modules/cases/rollup/rollup.read')
    const { database, release } = await openDatabase(config)
    try {
      const r = await rebuildRollup(database.db)
      process.stdout.write(
        `rollup rebuilt from ${r.cases.toLocaleString('en')} cases in ${r.seconds.toFixed(1)} s (${Math.round(r.cases / Math.max(r.seconds, 0.001)).toLocaleString('en')} cases/s): ${r.rows.toLocaleString('en')} rows\n`,
      )
      return 0
    } finally {
      await release()
    }
  }
  if (command === 'summary' && sub === 'rebuild') {
    const { summaryRepo } = await import('./modules/dashboard/dashboard.summary.repo')
    const { database, release } = await openDatabase(config)
    try {
      const started = performance.now()
      await summaryRepo.rebuild(database.db)
      process.stdout.write(
        `base-data summary rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      )
      return 0
    } finally {
      await release()
    }
  }
  if (command === 'backup' || command === 'restore') {
    const { backupCommand, restoreCommand } = await import('./modules/backup/backup.cli')
    return command === 'backup' ? backupCommand(args, config) : restoreCommand(args, config)
  }
  if (command === 'user') {
    const { userCommand } = await import('./modules/auth/recovery.cli')
    return userCommand(args, config)
  }
  if (command === 'audit' && sub === 'verify') {
    const { database, release } = await openDatabase(config)
    try {
      const report = await verifyAuditChain(database.db, config.WANGGE_AUDIT_HASH)
      if (report.ok) {
        const head = report.head ? `; head seq ${report.head.seq} hash ${report.head.hash}` : ''
        process.stdout.write(`audit chain intact: ${report.sealed} rows verified${head}\n`)
        return 0
      }
      const b = report.firstBreak
      const why = {
        hash_mismatch: 'its content no longer matches its hash (altered)',
        link_mismatch: 'it does not link to the row before it',
        sequence_gap: 'rows before it are missing (deleted)',
      }
      process.stdout.write(
        `audit chain broken at row id ${b?.id} (seq ${b?.seq}): ${b ? why[b.reason] : ''}\n`,
      )
      return 1
    } finally {
      await release()
    }
  }
  process.stderr.write(`unknown command: ${args.join(' ')}\n${USAGE}\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(2)
    }
    if (error instanceof DataDirLockedError || error instanceof PostgisMissingError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    const message = safeMessage(error)
    if (message.startsWith('invalid configuration:')) {
      process.stderr.write(`${message}\n`)
      process.exit(2)
    }
    process.stderr.write(`wangge failed: ${message}\n`)
    process.exit(1)
  },
)
