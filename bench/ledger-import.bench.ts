// Importing people from Excel end to end (parse, check, normalise, seal, blind-index, dedupe, insert)
// against two limits measured in the same run on the same rows: exceljs's streaming reader alone
// (parse only), and PostgreSQL's COPY into a scratch table. And the person search by ID number over
// 1,000,000 people (the blind-index lookup). PGlite unless DATABASE_URL (or TEST_DATABASE_URL) names a
// server; the server's COPY goes through psql.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { loadConfig } from '../src/config'
import { connect } from '../src/db/connect'
import { type Database, queryRows } from '../src/db/database'
import { migrate } from '../src/db/migrate'
import { openPglite } from '../src/db/pglite'
import type { RequestContext } from '../src/lib/context'
import { newDataKey } from '../src/lib/crypto'
import { fieldCipher } from '../src/lib/field-crypto'
import { syncBuiltinRoles } from '../src/modules/auth/roles.service'
import { loadCodeBook } from '../src/modules/ledgers/codes/codes.book'
import { syncLedgerCodes } from '../src/modules/ledgers/codes/codes.sync'
import { createImports } from '../src/modules/ledgers/imports/imports.service'
import { templateMark } from '../src/modules/ledgers/imports/imports.sheet'
import { PEOPLE_SHEET } from '../src/modules/ledgers/imports/imports.types'
import { checkPerson } from '../src/modules/ledgers/people/people.record'
import { peopleStore } from '../src/modules/ledgers/people/people.store'
import { idCheckCharacter } from '../src/modules/ledgers/validate/id-number'
import { makers } from '../test/support/make'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)
const SEARCH_PEOPLE = Number(process.env.BENCH_SEARCH_PEOPLE ?? 1_000_000)
const COLUMNS = [
  'kind',
  'name',
  'idNumber',
  'gridCode',
  'sex',
  'birthDate',
  'ethnicity',
  'maritalStatus',
  'education',
  'occupation',
  'workplace',
  'phone',
  'registeredAddress',
  'currentAddress',
  'livesWhereRegistered',
] as const
const GRID = '990001'
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'

/** Person i of the bench: a valid resident ID number (born 1950–1999), the other columns varied. */
export function person(i: number): Record<(typeof COLUMNS)[number], string> {
  const year = 1950 + (i % 50)
  const month = String(1 + (i % 12)).padStart(2, '0')
  const day = String(1 + (i % 28)).padStart(2, '0')
  const seq = String(i % 1000).padStart(3, '0')
  // Six region digits vary with i / 1000, so 100,000 people get 100,000 distinct numbers.
  const region = String(110101 + Math.floor(i / 1000)).padStart(6, '0')
  const first17 = `${region}${year}${month}${day}${seq}`
  const sexDigit = Number(seq[2])
  return {
    kind: '户籍人口',
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 13) % GIVEN.length]}`,
    idNumber: first17 + idCheckCharacter(first17),
    gridCode: GRID,
    sex: sexDigit % 2 ? '男' : '女',
    birthDate: `${year}-${month}-${day}`,
    ethnicity: '汉族',
    maritalStatus: i % 3 ? '已婚' : '未婚',
    education: '大学本科',
    occupation: ['教师', '工人', '个体经营', '退休', '学生'][i % 5] as string,
    workplace: `锦江区第${(i % 50) + 1}服务中心`,
    phone: `13${String(800_000_000 + i).padStart(9, '0')}`,
    registeredAddress: `锦江区东大街${(i % 300) + 1}号${(i % 20) + 1}栋${(i % 4) + 1}单元${(i % 30) + 101}室`,
    currentAddress: `锦江区春熙路${(i % 200) + 1}号${(i % 10) + 1}栋${(i % 30) + 201}室`,
    livesWhereRegistered: i % 4 ? '是' : '否',
  }
}

/** The sheet as the template lays it out (mark and English keys), 15 columns, written by the streaming writer. */
async function sheetOf(rows: number): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  })
  const ws = book.addWorksheet('实有人口')
  const zh = new Map(PEOPLE_SHEET.fields.map((f) => [f.key, f.zh]))
  ws.addRow([...COLUMNS.map((k) => zh.get(k)), '', templateMark(PEOPLE_SHEET)]).commit()
  ws.addRow([...COLUMNS]).commit()
  for (let i = 0; i < rows; i++) {
    const p = person(i)
    ws.addRow(COLUMNS.map((k) => p[k])).commit()
  }
  ws.commit()
  await book.commit()
  await ended
  return Buffer.concat(chunks)
}

async function parseOnly(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  })
  let n = 0
  for await (const ws of reader) {
    for await (const row of ws) if ((row.values as unknown[]).length > 1) n++
    break
  }
  return n - 2
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** COPY of the same rows (as text) into a scratch table; answers rows/s. */
async function copyRate(database: Database & { client?: unknown }, url: string | undefined): Promise<number> {
  const lines: string[] = []
  for (let i = 0; i < ROWS; i++) {
    const p = person(i)
    lines.push(COLUMNS.map((k) => csvField(p[k])).join(','))
  }
  const csv = `${lines.join('\n')}\n`
  const columns = COLUMNS.map((c) => `${c.toLowerCase()} text`).join(', ')
  if (url) {
    // A server: psql's \copy streams the file over the connection (COPY … FROM STDIN).
    const script = `create temp table bench_copy (${columns}); \\copy bench_copy from stdin with (format csv)\n${csv}\\.\n`
    const started = performance.now()
    const run = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], { input: script, maxBuffer: 1 << 28 })
    const seconds = (performance.now() - started) / 1000
    if (run.status !== 0) throw new Error(`psql: ${run.stderr.toString()}`)
    return ROWS / seconds
  }
  const client = database.client as {
    exec(q: string): Promise<unknown>
    query(q: string, p: unknown[], o: { blob: Blob }): Promise<unknown>
  }
  await client.exec(`drop table if exists bench_copy; create table bench_copy (${columns})`)
  const started = performance.now()
  await client.query(`copy bench_copy from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) })
  const seconds = (performance.now() - started) / 1000
  await client.exec('drop table bench_copy')
  return ROWS / seconds
}

async function setUp() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' })
  const url = config.DATABASE_URL ?? process.env.TEST_DATABASE_URL
  const database = url ? await connect({ ...config, DATABASE_URL: url }) : await openPglite({})
  await migrate(database)
  const deps = { db: database.db, afterWrite: () => {} }
  await syncBuiltinRoles(deps)
  await syncLedgerCodes(database.db)
  const make = makers(database.db)
  let [grid] = await queryRows<{ id: string; path: string }>(
    database.db,
    sql`select id, path::text as path from grids where code = ${GRID}`,
  )
  if (!grid) {
    const made = await make.grid({ code: GRID, level: 'district', at: { x: 120, size: 0.2 } })
    ;[grid] = await queryRows<{ id: string; path: string }>(
      database.db,
      sql`select id, path::text as path from grids where code = ${GRID}`,
    )
    void made
  }
  if (!grid) throw new Error('no bench grid')
  const clean = async () => {
    await database.db.execute(
      sql`delete from ledger_changes where record_id in (select id from people where grid_id = ${grid.id})`,
    )
    await database.db.execute(sql`delete from people where grid_id = ${grid.id}`)
    await database.db.execute(sql`delete from ledger_imports where file_name = 'bench.xlsx'`)
  }
  await clean()
  return { database, deps, make, grid, url, clean }
}

let peak = 0
function sampleRss() {
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 50)
  return () => clearInterval(timer)
}
const perRow = (seconds: number) => Math.round((seconds / ROWS) * 1e6)

/**
 * CPU seconds×100 (clock ticks) spent by the PostgreSQL processes of this machine, where /proc shows
 * them (none: null).
 */
function localServerCpu(): number | null {
  if (!existsSync('/proc/self/stat')) return null
  let ticks = 0
  let found = false
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      ticks += Number(fields[11]) + Number(fields[12])
      found = true
    } catch {
      // A process that ended meanwhile.
    }
  }
  return found ? ticks : null
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

export async function benchLedgerImport() {
  const { database, deps, make, url, clean } = await setUp()
  const bytes = await sheetOf(ROWS)

  peak = process.memoryUsage.rss()
  let stop = sampleRss()
  let started = performance.now()
  const parsed = await parseOnly(bytes)
  const parseRate = parsed / ((performance.now() - started) / 1000)
  stop()
  const parsePeak = peak

  const copy = await copyRate(database as Database & { client?: unknown }, url)

  const user = await make.user({ roles: [{ key: 'admin' }] })
  const ctx: RequestContext = {
    actor: {
      type: 'user',
      id: user.id,
      name: 'bench',
      grants: [{ roleKey: 'admin', permissions: ['*'], scope: { type: 'grid', path: '' } }],
    },
    ip: null,
    requestId: null,
  }
  const imports = createImports({
    ...deps,
    grids: undefined as never,
    fields: fieldCipher(Buffer.from(newDataKey(), 'base64')),
    clock: () => new Date(),
  })
  peak = process.memoryUsage.rss()
  stop = sampleRss()
  const cpuBefore = process.cpuUsage()
  // The server's processes are counted only when it runs on this machine.
  const serverBefore = url && /@(127\.0\.0\.1|localhost)[:/]/.test(url) ? localServerCpu() : null
  started = performance.now()
  const { id } = await imports.start(ctx, {
    type: 'people',
    mode: 'valid_only',
    fileName: 'bench.xlsx',
    bytes,
  })
  await imports.idle()
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  const nodeCpu = (cpu.user + cpu.system) / 1e6
  const serverCpu = serverBefore === null ? null : ((localServerCpu() ?? 0) - serverBefore) / 100
  stop()
  const [job] = await queryRows<{
    rows_created: number
    rows_failed: number
    status: string
    failure: string | null
  }>(database.db, sql`select rows_created, rows_failed, status, failure from ledger_imports where id = ${id}`)
  if (job && job.rows_failed > 0) {
    const [r] = await queryRows<{ error_report: Uint8Array }>(
      database.db,
      sql`select error_report from ledger_imports where id = ${id}`,
    )
    const report = new ExcelJS.Workbook()
    await report.xlsx.load(Buffer.from(r?.error_report ?? []) as unknown as ArrayBuffer)
    const sheet = report.worksheets[0] as ExcelJS.Worksheet
    for (const n of [3, 4, 5]) console.error(JSON.stringify(sheet.getRow(n).values))
  }
  if (job?.status !== 'done' || job.rows_created !== ROWS)
    throw new Error(`the bench import did not create every row: ${JSON.stringify(job)}`)
  const rate = ROWS / seconds
  await clean()
  await database.close()
  return {
    name: `people import from xlsx (${ROWS} × ${COLUMNS.length}, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${database.kind})`,
    value: rate,
    limit: parseRate,
    ratio: rate / parseRate,
    extra: `COPY of the same rows ${Math.round(copy)} rows/s (pipeline/COPY ${(rate / copy).toFixed(2)}); whole import ${seconds.toFixed(1)} s; peak RSS parse ${mb(parsePeak)}, pipeline ${mb(peak)}; CPU a row: Node.js (both threads) ${perRow(nodeCpu)} µs${serverCpu === null ? '' : `, the database ${perRow(serverCpu)} µs`}, against ${perRow(2 * seconds)} µs of two cores' time`,
  }
}

export async function benchPersonSearch() {
  const { database, deps, grid, clean } = await setUp()
  const store = peopleStore(fieldCipher(Buffer.from(newDataKey(), 'base64')))
  const started = performance.now()
  // Filler people with blind indexes of their own (random bytes: the lookup only compares them).
  const chunk = 100_000
  for (let from = 1; from <= SEARCH_PEOPLE; from += chunk) {
    const to = Math.min(SEARCH_PEOPLE, from + chunk - 1)
    await database.db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name, id_number_bidx)
      select gen_random_uuid(), ${grid.id}, ${grid.path}::ltree, 'registered', 'resident', '填充' || i,
        md5('bench' || i) || md5('x' || i)
      from generate_series(${from}::int, ${to}::int) as i`)
  }
  const built = (performance.now() - started) / 1000
  await database.db.execute(sql`analyze people`)
  const idNumber = person(424242).idNumber
  const checked = checkPerson({ ...person(424242) }, await loadCodeBook(deps.db))
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors))
  await store.upsertMany(deps.db, 'bench', [{ record: checked.record, grid }])
  const latencies: number[] = []
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now()
    const found = await store.byIdNumbers(deps.db, [idNumber])
    latencies.push(performance.now() - t0)
    if (found.size !== 1) throw new Error('the real person was not found')
  }
  latencies.sort((a, b) => a - b)
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0
  const [count] = await queryRows<{ n: number }>(deps.db, sql`select count(*)::int as n from people`)
  await clean()
  await database.close()
  return {
    name: `person search by ID number over ${count?.n ?? 0} people, p95 (${database.kind})`,
    value: p95,
    limit: 20,
    ratio: p95 / 20,
    extra: `filler built in ${built.toFixed(0)} s`,
  }
}
