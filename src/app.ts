import fastifyCookie from '@fastify/cookie'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import websocket from '@fastify/websocket'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import type { Config } from './config'
import type { Database } from './db/database'
import { AccessLog } from './http/access-log'
import { closeLiveSockets } from './http/close'
import { registerCsrfCheck } from './http/csrf'
import { registerErrorHandling } from './http/error-handler'
import { registerMetrics } from './http/metrics'
import { registerMonitoringAccess } from './http/monitoring-access'
import { registerRequestContext } from './http/request-context'
import { registerRoutePermissions } from './http/route-permission'
import { registerSecurityHeaders } from './http/security-headers'
import { frameworkErrorProblem, registerTextRule } from './http/text-rule'
import { registerWeb } from './http/web'
import { localBus } from './lib/bus/bus'
import { redisBus } from './lib/bus/redis-bus'
import { systemContext } from './lib/context'
import { dataCipher, newDataKey, parseDataKey } from './lib/crypto'
import { addDays } from './lib/dates'
import { fieldCipher } from './lib/field-crypto'
import { uuidv7 } from './lib/ids'
import type { ServiceDeps } from './lib/service'
import { bulletinRoutes } from './modules/assessment/assessment.bulletin.routes'
import { createBulletinService } from './modules/assessment/assessment.bulletin.service'
import { createMonthlyAssessment } from './modules/assessment/assessment.monthly'
import { assessmentRoutes } from './modules/assessment/assessment.routes'
import { createAssessmentService } from './modules/assessment/assessment.service'
import { auditRoutes } from './modules/audit/audit.routes'
import { apiKeysRoutes } from './modules/auth/apikeys.routes'
import { createApiKeysService } from './modules/auth/apikeys.service'
import { registerAuthNotices } from './modules/auth/auth.notify'
import { authRoutes } from './modules/auth/auth.routes'
import { grantsFollowGrids } from './modules/auth/grants.succession'
import { rolesRoutes } from './modules/auth/roles.routes'
import { createRolesService } from './modules/auth/roles.service'
import { secondFactorRoutes } from './modules/auth/second-factor.routes'
import { createSecondFactorService } from './modules/auth/second-factor.service'
import { createSessionService, THROTTLE_DEFAULTS } from './modules/auth/session.service'
import { throttleSecretOf } from './modules/auth/throttle-keys'
import { usersRoutes } from './modules/auth/users.routes'
import { createUsersService } from './modules/auth/users.service'
import { basemapOf } from './modules/basemap/basemap.config'
import { openBasemapArchive } from './modules/basemap/basemap.pmtiles'
import { basemapRoutes, mapConfigOf } from './modules/basemap/basemap.routes'
import { caseAttachmentRoutes } from './modules/cases/attachments/attachments.routes'
import { attachmentsSince, createCaseAttachments } from './modules/cases/attachments/attachments.service'
import { calendarStatus, watchUnknownYears } from './modules/cases/calendar/calendar.years'
import { publishFiled, registerCaseLive } from './modules/cases/cases.live'
import { registerCaseNotices } from './modules/cases/cases.notify'
import { casesOfPatrol } from './modules/cases/cases.patrols'
import type { CaseRow } from './modules/cases/cases.repo'
import { casesRoutes } from './modules/cases/cases.routes'
import { type CasesService, createCasesService } from './modules/cases/cases.service'
import { casesFollowGrids, casesQuoteCode } from './modules/cases/cases.succession'
import { createSupervisionSweep } from './modules/cases/cases.sweep'
import { createCaseConfigCache } from './modules/cases/config/config.cache'
import { caseConfigRoutes } from './modules/cases/config/config.routes'
import { createCaseConfigService } from './modules/cases/config/config.service'
import { routesFollowGrids } from './modules/cases/config/config.succession'
import { createLiveCalendar } from './modules/cases/config/live-calendar'
import { hotlineRoutes } from './modules/cases/hotline/hotline.routes'
import { createHotlineImport } from './modules/cases/hotline/hotline.service'
import { open311Routes } from './modules/cases/open311/open311.routes'
import { publicCasesRoutes } from './modules/cases/public/public.routes'
import { createRollupFold } from './modules/cases/rollup/rollup.fold'
import { dashboardRoutes } from './modules/dashboard/dashboard.routes'
import { createDashboardService } from './modules/dashboard/dashboard.service'
import { createSummaryFold } from './modules/dashboard/dashboard.summary.fold'
import { createRotationJob } from './modules/datakeys/datakeys.job'
import { dataKeysRoutes } from './modules/datakeys/datakeys.routes'
import { createDataKeysService } from './modules/datakeys/datakeys.service'
import { createFieldChangesPrune } from './modules/field/field.prune'
import { fieldRoutes } from './modules/field/field.routes'
import { createFieldSyncService } from './modules/field/field.service'
import { gridOutlineRoutes } from './modules/grids/grids.outline.routes'
import { gridReshapeRoutes } from './modules/grids/grids.reshape-routes'
import { gridsRoutes } from './modules/grids/grids.routes'
import { loadLevelScheme } from './modules/grids/grids.scheme-file'
import { createGridsService, type GridsService } from './modules/grids/grids.service'
import { publicMapRoutes } from './modules/grids/public/public-map.routes'
import { gridTileRoutes } from './modules/grids/tiles/tiles.routes'
import { createVisitSweep, registerGroupNotices } from './modules/ledgers/groups/groups.sweep'
import { ledgersPlugin } from './modules/ledgers/ledgers.plugin'
import { registerProposalNotices } from './modules/ledgers/proposals/proposals.notices'
import { createLedgerSyncViews } from './modules/ledgers/sync/sync.views'
import { createLiveHub } from './modules/live/live.hub'
import { liveRoutes } from './modules/live/live.routes'
import { type MessageChannel, outboxLogChannel } from './modules/notify/notify.channel'
import { createNotifyHub } from './modules/notify/notify.hub'
import { notifyRoutes } from './modules/notify/notify.routes'
import { createNotifyService } from './modules/notify/notify.service'
import { createOutboxDrainer } from './modules/outbox/outbox.drainer'
import { createMqttIntake } from './modules/patrols/mqtt/mqtt.intake'
import { finishPatrol } from './modules/patrols/patrol.finish'
import { patrolsPlugin } from './modules/patrols/patrols.plugin'
import { createPatrolSweep } from './modules/patrols/patrols.sweep'
import { createTrackPartitionSweep } from './modules/patrols/track.partitions.sweep'
import { trackersRoutes } from './modules/patrols/trackers.routes'
import { createTrackersService } from './modules/patrols/trackers.service'
import { photosRoutes } from './modules/photos/photos.routes'
import { createPhotosService } from './modules/photos/photos.service'
import { departmentsRoutes } from './modules/staff/departments.routes'
import { createDepartmentsService } from './modules/staff/departments.service'
import { staffRoutes } from './modules/staff/staff.routes'
import { createStaffService } from './modules/staff/staff.service'
import { postsQuoteCode, staffFollowGrids } from './modules/staff/staff.succession'
import { systemRoutes } from './modules/system/system.routes'
import { tasksPlugin } from './modules/tasks/tasks.plugin'
import { createWarningDetection } from './modules/warnings/warnings.detect'
import { warningsRoutes } from './modules/warnings/warnings.routes'
import { createWarningsService } from './modules/warnings/warnings.service'

/** Fastify takes a hop count as a function of the hop. */
function trustProxyOption(v: Config['WANGGE_TRUST_PROXY']) {
  return typeof v === 'number' ? (_address: string, hop: number) => hop < v : v
}

export interface AppOptions {
  database: Database
  config: Config
  /** Wakes the audit sealer after writes; tests may leave it out and seal themselves. */
  afterWrite?: () => void
  logger?: FastifyServerOptions['logger']
  /** The time, for deadlines (tests fix it). */
  clock?: () => Date
  /** Key of personal data at rest; else WANGGE_DATA_KEY; else a random one for this app only (tests, tools). */
  dataKey?: Buffer
  /** The SMS or e-mail gateway telling residents of their reports; by default the outbox log. */
  channel?: MessageChannel
  /** Hands over the grids and cases services once built (tests build their data through them). */
  services?: (built: { grids: GridsService; cases: CasesService }) => void
}

/** Builds the whole HTTP application without listening: the server listens, tests use `inject`. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config, database } = opts
  const app = Fastify({
    logger: opts.logger ?? false,
    // One line per request, at a level the deployment can turn down.
    logController: new AccessLog(),
    bodyLimit: config.WANGGE_BODY_LIMIT,
    trustProxy: trustProxyOption(config.WANGGE_TRUST_PROXY),
    // A request id from the client is believed only from a trusted proxy (it lands in the audit log).
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      const believed =
        config.WANGGE_TRUST_PROXY !== false && typeof given === 'string' && /^[\w.-]{1,64}$/.test(given)
      return believed ? given : uuidv7()
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorProblem,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerErrorHandling(app)
  registerTextRule(app)
  await registerSecurityHeaders(app, config)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  const deps: ServiceDeps = {
    db: database.db,
    read: database.read,
    afterWrite: opts.afterWrite ?? (() => {}),
  }
  const bus = config.REDIS_URL ? await redisBus(config.REDIS_URL, app.log) : localBus()
  app.decorate('bus', bus)
  app.addHook('onClose', () => bus.close())
  const dataKey =
    opts.dataKey ??
    (config.WANGGE_DATA_KEY ? parseDataKey(config.WANGGE_DATA_KEY) : null) ??
    Buffer.from(newDataKey(), 'base64')
  const retiredKeys = config.WANGGE_DATA_KEYS_RETIRED ?? []
  const cipher = dataCipher(dataKey, config.WANGGE_DATA_CIPHER, retiredKeys)
  const fields = fieldCipher(dataKey, retiredKeys, config.WANGGE_DATA_CIPHER)
  const sessions = createSessionService(deps, {
    idleMinutes: config.WANGGE_SESSION_IDLE_MINUTES,
    absoluteHours: config.WANGGE_SESSION_ABSOLUTE_HOURS,
    deviceIdleDays: config.WANGGE_DEVICE_SESSION_IDLE_DAYS,
    deviceDays: config.WANGGE_DEVICE_SESSION_DAYS,
    throttle: {
      ...THROTTLE_DEFAULTS,
      sourceFailures: config.WANGGE_LOGIN_SOURCE_FAILURES,
      accountFailures: config.WANGGE_LOCKOUT_FAILURES,
      accountSources: config.WANGGE_LOCKOUT_SOURCES,
      accountLockMinutes: config.WANGGE_LOCKOUT_MINUTES,
    },
    throttleSecret: throttleSecretOf(dataKey),
    secondFactorRoles: config.WANGGE_SECOND_FACTOR_ROLES,
    decrypt: (stored) => cipher.decrypt(stored),
  })

  await app.register(fastifyCookie)
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Wangge 网格 API', version: '0.1.0', description: 'Grid-based community governance' },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'wangge_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  registerRequestContext(app, sessions)
  registerMonitoringAccess(app, {
    addresses: config.WANGGE_MONITORING_ADDRESSES,
    proxyTrusted: config.WANGGE_TRUST_PROXY !== false,
  })
  registerCsrfCheck(app, config.WANGGE_ALLOWED_ORIGINS)
  registerRoutePermissions(app)
  const metrics = registerMetrics(app)

  await app.register(authRoutes, {
    sessions,
    cookieSecure: config.WANGGE_COOKIE_SECURE,
    loginRateLimit: config.WANGGE_LOGIN_RATE_LIMIT,
  })
  const users = createUsersService(deps, {
    idleMinutes: config.WANGGE_SESSION_IDLE_MINUTES,
    deviceIdleDays: config.WANGGE_DEVICE_SESSION_IDLE_DAYS,
    mergedAdminRoles: config.WANGGE_MERGED_ADMIN_ROLES,
    liftLocks: sessions.liftLocks,
  })
  await app.register(usersRoutes, { users })
  await app.register(secondFactorRoutes, { secondFactor: createSecondFactorService(deps, cipher) })
  await app.register(rolesRoutes, { roles: createRolesService(deps, config.WANGGE_MERGED_ADMIN_ROLES) })
  await app.register(apiKeysRoutes, { apiKeys: createApiKeysService(deps, config.WANGGE_MERGED_ADMIN_ROLES) })
  await app.register(auditRoutes, { db: database.db })
  const gridSettings = {
    scheme: loadLevelScheme(config.WANGGE_LEVEL_SCHEME),
    tolerance: config.WANGGE_GRID_TOLERANCE,
    geometry: {
      perFeature: config.WANGGE_GRID_MAX_VERTICES,
      perImport: config.WANGGE_IMPORT_MAX_VERTICES,
      timeoutMs: config.WANGGE_GEOMETRY_TIMEOUT_MS,
    },
  }
  const grids = createGridsService(deps, gridSettings)
  // Grants move first: the staff hook attaches the posts it re-creates to the grants that moved.
  grids.onSuccession(grantsFollowGrids)
  grids.onSuccession(staffFollowGrids)
  grids.onSuccession(casesFollowGrids)
  grids.onSuccession(routesFollowGrids)
  grids.onCodeReference(postsQuoteCode)
  grids.onCodeReference(casesQuoteCode)
  await app.register(gridsRoutes, { grids })
  await app.register(gridReshapeRoutes, { grids })
  await app.register(gridOutlineRoutes, { grids })
  await app.register(gridTileRoutes, { grids })
  await app.register(publicMapRoutes, { grids })
  const basemap = basemapOf(config)
  const archive = basemap.kind === 'pmtiles' ? await openBasemapArchive(basemap.path) : null
  await app.register(basemapRoutes, { config: mapConfigOf(basemap, archive, grids.publicLevels()), archive })
  await app.register(departmentsRoutes, { departments: createDepartmentsService(deps, grids) })
  await app.register(staffRoutes, {
    staff: createStaffService(deps, grids, users),
    hotline: config.WANGGE_SUPERVISION_HOTLINE,
    publicUrl: config.WANGGE_PUBLIC_URL,
  })
  // The time the product goes by: the test's, a frozen instant (WANGGE_CLOCK), or the real one.
  const frozen = config.WANGGE_CLOCK
  const clock = opts.clock ?? (frozen ? () => new Date(frozen) : () => new Date())
  const caseSettings = {
    // Shipped + WANGGE_CALENDAR file + days set through the API, followed without a restart.
    calendar: watchUnknownYears(await createLiveCalendar(database.db, config.WANGGE_CALENDAR, app.log)),
    catalogue: createCaseConfigCache(database.db),
    cipher,
    clock,
    duplicates: { radiusM: config.WANGGE_DUPLICATE_RADIUS, hours: config.WANGGE_DUPLICATE_HOURS },
    // The report is saved whatever happens here; the outbox's announce publishes it anyway.
    filed: (row: CaseRow) => {
      try {
        publishFiled(bus, caseSettings, row)
      } catch (err) {
        app.log.warn({ err, case: row.no }, 'a filed case was not published at its commit')
      }
    },
  }
  await app.register(systemRoutes, {
    database,
    metrics,
    calendar: () => calendarStatus(caseSettings.calendar, clock()),
  })
  const ledgerDeps = { ...deps, grids, fields, clock }
  await app.register(ledgersPlugin, { deps: ledgerDeps })
  await app.register(fieldRoutes, {
    sync: createFieldSyncService(database.db, createLedgerSyncViews(ledgerDeps)),
  })
  app.decorate(
    'fieldChangesPrune',
    createFieldChangesPrune(database.db, clock, config.WANGGE_FIELD_CHANGES_RETENTION_DAYS, app.log),
  )
  app.addHook('onClose', async () => app.fieldChangesPrune.stop())
  app.decorate('rollupFold', createRollupFold(database.db, app.log))
  app.addHook('onClose', async () => app.rollupFold.stop())
  app.decorate('summaryFold', createSummaryFold(database.db, app.log))
  app.addHook('onClose', async () => app.summaryFold.stop())
  await app.register(tasksPlugin, { deps: { ...deps, grids, clock } })
  const rotation = createRotationJob(database.db, { fields, legacy: cipher }, app.log)
  app.decorate('dataKeyRotation', rotation)
  app.addHook('onClose', () => rotation.stop())
  await app.register(dataKeysRoutes, {
    dataKeys: createDataKeysService(deps, { fields, algorithm: config.WANGGE_DATA_CIPHER, job: rotation }),
  })
  const cases = createCasesService(deps, grids, caseSettings, { photosSince: attachmentsSince })
  opts.services?.({ grids, cases })
  app.decorate(
    'sweep',
    createSupervisionSweep(database.db, caseSettings.calendar, caseSettings.clock, app.log),
  )
  app.addHook('onClose', async () => app.sweep.stop())
  app.decorate('visitSweep', createVisitSweep(database.db, clock, app.log, deps.afterWrite))
  app.addHook('onClose', async () => app.visitSweep.stop())
  app.addHook('onClose', async () => caseSettings.calendar.stop())
  await app.register(casesRoutes, { cases })
  await app.register(warningsRoutes, { warnings: createWarningsService(database.db, cases, clock) })
  const assessment = createAssessmentService(deps, clock)
  await app.register(assessmentRoutes, { assessment })
  app.decorate('monthlyAssessment', createMonthlyAssessment(assessment, clock, app.log))
  app.addHook('onClose', async () => app.monthlyAssessment.stop())
  await app.register(bulletinRoutes, {
    bulletins: createBulletinService(deps, clock),
    pdfFont: config.WANGGE_PDF_FONT,
  })
  await app.register(dashboardRoutes, {
    dashboard: createDashboardService(database.read ?? database.db, clock),
  })
  app.decorate(
    'warningDetection',
    createWarningDetection(database.db, clock, { calendar: caseSettings.calendar, cipher }, app.log),
  )
  app.addHook('onClose', async () => app.warningDetection.stop())
  const workingCalendar = caseSettings.calendar
  await app.register(patrolsPlugin, {
    deps: {
      ...deps,
      clock,
      partitions: {
        retentionDays: config.WANGGE_TRACK_RETENTION_DAYS,
        aheadDays: config.WANGGE_TRACK_AHEAD_DAYS,
      },
      casesOf: casesOfPatrol,
      bus,
    },
    grids,
    // Working seconds of a China day: the case calendar's shifts (0 on a holiday).
    workSeconds: (day) =>
      workingCalendar.workingMsBetween(
        new Date(`${day}T00:00:00+08:00`),
        new Date(`${addDays(day, 1)}T00:00:00+08:00`),
      ) / 1000,
  })
  app.decorate('patrolSweep', createPatrolSweep(database.db, clock, app.log, deps.afterWrite))
  app.addHook('onClose', async () => app.patrolSweep.stop())
  const hub = createNotifyHub(bus)
  const notify = createNotifyService(database.db, hub)
  // Two drain lanes on a pooled server: a report waits for a free lane, not behind a batch.
  const outbox = createOutboxDrainer(database.db, app.log, database.kind === 'postgres' ? 2 : 1)
  registerCaseNotices(outbox, notify, { cipher, channel: opts.channel ?? outboxLogChannel })
  registerCaseLive(outbox, bus, caseSettings)
  registerAuthNotices(outbox, notify)
  registerGroupNotices(outbox, notify)
  registerProposalNotices(outbox, notify)
  app.decorate('outbox', outbox)
  app.addHook('onClose', () => outbox.stop())
  await app.register(websocket, { options: { maxPayload: 4096 }, preClose: closeLiveSockets })
  // Live sockets look at their session again every minute: a revoked or idle one is closed (4401).
  // Looking is not use: an open socket alone does not keep a session from idling out.
  const recheck = {
    everyMs: config.WANGGE_LIVE_SESSION_CHECK_MS,
    actorFor: async (token: string) =>
      (await sessions.actorForSession(token, { touch: false }))?.actor ?? null,
  }
  await app.register(notifyRoutes, { notify, hub, allowedOrigins: config.WANGGE_ALLOWED_ORIGINS, recheck })
  const liveHub = createLiveHub(bus)
  app.addHook('onClose', async () => liveHub.stop())
  await app.register(liveRoutes, { hub: liveHub, allowedOrigins: config.WANGGE_ALLOWED_ORIGINS, recheck })
  await app.register(open311Routes, {
    deps,
    cases,
    sessions,
    cipher,
    clock,
    hotline: config.WANGGE_SUPERVISION_HOTLINE,
    listRateLimit: config.WANGGE_OPEN311_RATE_LIMIT,
    coordPrecisionM: config.WANGGE_PUBLIC_COORD_PRECISION_M,
  })
  const attachments = createCaseAttachments(deps, config, clock)
  await app.register(caseAttachmentRoutes, { attachments })
  await app.register(photosRoutes, { photos: createPhotosService(deps, config) })
  await app.register(publicCasesRoutes, { deps, cases, cipher, attachments })
  await app.register(hotlineRoutes, { importSheet: createHotlineImport(cases, cipher) })
  await app.register(caseConfigRoutes, {
    config: createCaseConfigService(deps, grids, caseSettings.calendar),
  })
  // Trackers 定位终端 and their device intake (HTTP here, MQTT when a broker is configured).
  const trackPolicy = {
    aheadDays: config.WANGGE_TRACK_AHEAD_DAYS,
    retentionDays: config.WANGGE_TRACK_RETENTION_DAYS,
  }
  app.decorate('trackPartitions', createTrackPartitionSweep(database.db, clock, trackPolicy, app.log))
  app.addHook('onClose', async () => app.trackPartitions.stop())
  const trackers = createTrackersService(deps, { clock, partitions: trackPolicy, finishPatrol })
  await app.register(trackersRoutes, { trackers })
  const mqttUrl = config.WANGGE_MQTT_URL
  const mqttSpeaker = systemContext('mqtt')
  app.decorate(
    'mqttIntake',
    mqttUrl
      ? createMqttIntake({
          url: mqttUrl,
          ingest: (code, body) => trackers.ingest(mqttSpeaker, code, body),
          log: app.log,
          metrics,
        })
      : null,
  )
  app.addHook('onClose', async () => app.mqttIntake?.stop())
  await registerWeb(app)
  return app
}
