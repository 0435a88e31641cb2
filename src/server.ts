import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { BACKUP_KEY_IS_DATA_KEY, type Config, ConfigError, sameKey } from './config'
import { connect } from './db/connect'
import type { Database } from './db/database'
import { lockDataDir } from './db/lock'
import { migrate } from './db/migrate'
import { closeHttp } from './http/close'
import { parseDataKey, readOrCreateKeyFile } from './lib/crypto'
import { fieldCipher } from './lib/field-crypto'
import { safeMessage } from './lib/safe-error'
import type { ServiceDeps } from './lib/service'
import { startAuditSealer } from './modules/audit/audit.service'
import { DUTY_ADMINS, ensureAdmin, ensureDutyAdmin, mixedDutyHolders } from './modules/auth/bootstrap'
import { syncBuiltinRoles } from './modules/auth/roles.service'
import { startScheduledBackups } from './modules/backup/backup.schedule'
import { syncCategories } from './modules/cases/categories/categories.sync'
import { seedDemoHistory } from './modules/demo/demo.history.repo'
import { loadDemoIfEmpty } from './modules/demo/demo.seed'
import { syncLedgerCodes } from './modules/ledgers/codes/codes.sync'
import { recoverImports } from './modules/ledgers/imports/imports.service'
import { type Stop, stopOnSignals } from './stop'

/** Connects to the configured database, locking the data directory when embedded; `release` closes and unlocks. */
export async function connectLocked(
  config: Config,
): Promise<{ database: Database; release: () => Promise<void> }> {
  const unlock = config.DATABASE_URL ? () => {} : lockDataDir(config.WANGGE_DATA_DIR)
  try {
    const database = await connect(config)
    return {
      database,
      release: async () => {
        await database.close()
        unlock()
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}

/** Opens the configured database (locking the data directory when embedded) and brings its schema up to date. */
export async function openDatabase(
  config: Config,
): Promise<{ database: Database; release: () => Promise<void> }> {
  const opened = await connectLocked(config)
  try {
    await migrate(opened.database)
    return opened
  } catch (error) {
    await opened.release()
    throw error
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`)

const DATA_KEY_NEEDED =
  'invalid configuration: WANGGE_DATA_KEY must be set with DATABASE_URL (base64 of 32 bytes: openssl rand -base64 32); a server database cannot rely on a key file on one node'

/**
 * The key of personal data at rest: WANGGE_DATA_KEY, else (embedded mode only) the key file in the
 * data directory, created on the first start. A server database is shared by several nodes and
 * outlives any one of them, so it must not depend on a file next to one node: it needs the variable.
 */
export function dataKeyOf(config: Config): { key: Buffer; createdFile: string | null } {
  const given = config.WANGGE_DATA_KEY ? parseDataKey(config.WANGGE_DATA_KEY) : null
  if (given) return { key: given, createdFile: null }
  if (config.DATABASE_URL) throw new ConfigError(DATA_KEY_NEEDED)
  const path = join(config.WANGGE_DATA_DIR, 'data.key')
  const { key, created } = readOrCreateKeyFile(path)
  return { key, createdFile: created ? path : null }
}

/** The embedded mode's key file when WANGGE_DATA_KEY does not replace it (a new one is random). */
function existingKeyFile(config: Config): string | null {
  const path = join(config.WANGGE_DATA_DIR, 'data.key')
  return !config.WANGGE_DATA_KEY && existsSync(path) ? readFileSync(path, 'utf8') : null
}

/**
 * How long a stop may take, and each part of it: supervisors (systemd, Docker) wait 10 s after
 * SIGTERM before they kill, and a person pressing Ctrl-C should not wait at all.
 */
const STOP_WITHIN_MS = 4_500
const HTTP_GRACE_MS = 1_500
const HTTP_CLOSE_MS = 2_000
const BACKGROUND_CLOSE_MS = 1_000
const DATABASE_CLOSE_MS = 1_500

/** `wangge serve`: database → migrations → built-in roles → first administrator → HTTP; SIGINT or SIGTERM stops it. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const stop = stopOnSignals(STOP_WITHIN_MS)
  try {
    return await start(config, stop)
  } catch (error) {
    // Stopped while starting: the start fails on the database closed under it, and the stop exits.
    if (stop.started) return new Promise<never>(() => {})
    await stop.closeAll()
    throw error
  }
}

async function start(config: Config, stop: Stop): Promise<FastifyInstance> {
  const started = Date.now()
  if (config.DATABASE_URL && !config.WANGGE_DATA_KEY) throw new ConfigError(DATA_KEY_NEEDED)
  if (sameKey(config.WANGGE_BACKUP_KEY, existingKeyFile(config)))
    throw new ConfigError(BACKUP_KEY_IS_DATA_KEY)
  // PGlite spends its start waiting on WebAssembly compilation off the main thread: load the
  // HTTP application's modules meanwhile.
  const appModule = import('./app')
  const connecting = connectLocked(config)
  // Closed last, and closed even in the middle of the migrations (their transaction rolls back).
  stop.add('the database', async () => (await connecting).release(), DATABASE_CLOSE_MS)
  const { database } = await connecting
  await migrate(database)
  const { buildApp } = await appModule
  // Read or created under the data directory's lock, so two first starts never write two keys.
  const { key: dataKey, createdFile } = dataKeyOf(config)
  const deps: ServiceDeps = { db: database.db, afterWrite: () => {} }
  await syncBuiltinRoles(deps, config.WANGGE_MERGED_ADMIN_ROLES)
  await syncCategories(database.db)
  await syncLedgerCodes(database.db)
  await recoverImports(database.db)
  const admin = await ensureAdmin(deps, config.WANGGE_ADMIN_PASSWORD)
  // 三员分立: the security and audit administrators, on a first start and on the upgrade that splits them.
  const dutyPasswords = {
    secadmin: config.WANGGE_SECURITY_ADMIN_PASSWORD,
    auditadmin: config.WANGGE_AUDIT_ADMIN_PASSWORD,
  }
  const dutyAdmins = []
  for (const who of config.WANGGE_MERGED_ADMIN_ROLES ? [] : DUTY_ADMINS)
    dutyAdmins.push({ who, ...(await ensureDutyAdmin(deps, who, dutyPasswords[who.username])) })
  const demoFields = fieldCipher(dataKey, config.WANGGE_DATA_KEYS_RETIRED ?? [], config.WANGGE_DATA_CIPHER)
  const demo = config.WANGGE_DEMO ? await loadDemoIfEmpty(deps, demoFields) : 0
  // A year of events on the demo just loaded: the command centre's screens are empty without one.
  const history =
    demo > 0 && config.WANGGE_DEMO_EVENTS > 0
      ? await seedDemoHistory(database.db, config.WANGGE_DEMO_EVENTS)
      : null

  const logger = {
    level: config.WANGGE_LOG_LEVEL,
    // No personal data in logs: the path without its query string (searches hold names), no headers.
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  }
  let sealer: ReturnType<typeof startAuditSealer> | null = null
  let drainOutbox = () => {}
  const app = await buildApp({
    database,
    config,
    logger,
    dataKey,
    afterWrite: () => {
      sealer?.poke()
      drainOutbox()
    },
  })
  sealer = startAuditSealer(database, app.log, { algorithm: config.WANGGE_AUDIT_HASH })
  sealer.poke()
  app.outbox.start()
  app.sweep.start()
  // A re-encryption cut short by the last stop carries on.
  await app.dataKeyRotation.resume()
  app.visitSweep.start()
  app.patrolSweep.start()
  // The days of track points ahead exist before the first point is taken.
  await app.trackPartitions.run()
  app.trackPartitions.start()
  app.fieldChangesPrune.start()
  app.rollupFold.start()
  app.summaryFold.start()
  app.monthlyAssessment.start()
  // Once now as well: a server started after the 1st has last month's rankings without waiting an hour.
  app.monthlyAssessment
    .run()
    .catch((error) => app.log.error({ err: safeMessage(error) }, 'monthly assessment failed'))
  // WANGGE_WARNING_EVERY_MS: the journeys' test hook (detection every few seconds, not every ten minutes).
  app.warningDetection.start(Number(process.env.WANGGE_WARNING_EVERY_MS) || undefined)
  app.mqttIntake
    ?.start()
    .catch((error) => app.log.error({ err: safeMessage(error) }, 'MQTT intake not subscribed yet: retrying'))
  const backups = startScheduledBackups(database, config, app.log)
  drainOutbox = app.outbox.poke
  stop.reportTo({ info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) })
  stop.add(
    'the audit sealer and scheduled backups',
    () => Promise.all([backups.stop(), sealer?.stop()]),
    BACKGROUND_CLOSE_MS,
  )
  // First: no request may start on a database being closed. The sweeps, the outbox drainer and the
  // live sockets close with the app (its onClose and preClose hooks).
  stop.add('the HTTP server', () => closeHttp(app, HTTP_GRACE_MS), HTTP_CLOSE_MS)

  // Every node hears the live bus before it takes a request.
  await app.bus.ready()
  await app.listen({ port: config.PORT, host: config.HOST })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  say(
    `Wangge 网格 is ready at http://${host}:${port}/ (${database.kind === 'pglite' ? 'embedded database in' : 'PostgreSQL at'} ${database.where}, ${seconds} s)`,
  )
  if (createdFile)
    say(
      `Created the personal-data key ${createdFile}: back it up with the database (without it, reporters' contacts cannot be read)`,
    )
  if (demo > 0)
    say(
      `Loaded the demo district: ${demo.toLocaleString('en')} grids around 30.66N 104.06E (WANGGE_DEMO=false skips it)`,
    )
  if (history)
    say(
      `Loaded a year of demo events: ${history.events.toLocaleString('en')} in ${history.seconds.toFixed(0)} s (WANGGE_DEMO_EVENTS sets how many)`,
    )
  if (admin.generated)
    say(
      `Sign in as admin with the password ${admin.generated} (generated now and shown once: change it after signing in)`,
    )
  else if (admin.created) say('Sign in as admin with the password from WANGGE_ADMIN_PASSWORD')
  else say('Sign in with your existing accounts (the administrator is admin)')
  for (const d of dutyAdmins) {
    if (d.generated)
      say(
        `Sign in as ${d.who.username} (${d.who.displayName}) with the password ${d.generated} (generated now and shown once: change it after signing in)`,
      )
    else if (d.created) say(`Created ${d.who.username} (${d.who.displayName}) with the configured password`)
    else if (d.skipped) app.log.warn(`Did not create ${d.who.username} (${d.who.displayName}): ${d.skipped}`)
  }
  if (!config.WANGGE_MERGED_ADMIN_ROLES) {
    const mixed = await mixedDutyHolders(deps)
    if (mixed.users.length > 0 || mixed.apiKeys.length > 0)
      app.log.warn(
        mixed,
        'These users and API keys carry two of the system, security and audit administrators’ duties (三员分立): change their grants or roles',
      )
  }
  return app
}
