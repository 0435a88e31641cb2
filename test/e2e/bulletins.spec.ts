import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { APIRequestContext, Locator } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, test } from './csp-guard'
import {
  adminApi,
  type ChainGrid,
  createUser,
  gridAt,
  gridChain,
  json,
  PHOTO,
  pick,
  signedInApi,
  signIn,
} from './journey'

// 通报: a street chief composes this month's bulletin of their street on the screen, reads its
// sections as the API has them, prints it (PDF, Excel, the page itself) and publishes it; a
// community chief of the street finds it on their workbench, at a desk and on a phone.
// The journeys share one server: people and events carry the run's mark.
const RUN = Date.now().toString(36)
const MARK = `通报${RUN}`
const CHIEF = { username: `bl_chief_${RUN}`, displayName: '周街道', password: 'Bulletin#2026c' }
const READER = { username: `bl_reader_${RUN}`, displayName: '吴社区', password: 'Bulletin#2026r' }
/** A resident calling the hotline: a bulletin names cases by number, never by who reported them. */
const CALLER = {
  name: `郑来电${RUN.slice(-3)}`,
  phone: `139${String(Number.parseInt(RUN, 36) % 100_000_000).padStart(8, '0')}`,
}
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
/**
 * Points other journeys report at or assess around (warnings.spec.ts's list and assessment.spec.ts's
 * streets): the bulletin's street holds none of them.
 */
const BUSY = [
  { lng: 104.0603, lat: 30.6603 },
  { lng: 104.0452, lat: 30.6503 },
  { lng: 104.09, lat: 30.68 },
  { lng: 104.031, lat: 30.642 },
  { lng: 104.0712, lat: 30.6688 },
  { lng: 104.105, lat: 30.63 },
  { lng: 104.015, lat: 30.69 },
]

interface GridRow {
  code: string
  name: string
  path: string
}
type Cell = string | number | null
interface Section {
  key: string
  heading: string
  note?: string
  header: string[]
  rows: Cell[][]
}
interface Bulletin {
  id: string
  period: string
  state: string
  title: string
  sections: Section[]
  body: { events: { total: { received: number } | null } }
}
interface CaseJson {
  id: string
  no: string
  version: number
}

const grids = async (api: APIRequestContext, params: Record<string, string | number>) =>
  (await json<{ items: GridRow[] }>(await api.get('/api/grids', { params }))).items

/** A month (YYYY-MM) in China time, `delta` months from now. */
function monthOf(delta: number) {
  const china = new Date(Date.now() + 8 * 3_600_000)
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + delta, 1)).toISOString().slice(0, 7)
}
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`

/** A grid's centre, checked to lie in it. */
async function centreOf(api: APIRequestContext, code: string) {
  const { boundary } = await json<{ boundary: { coordinates: number[][][][] } }>(
    await api.get(`/api/grids/${code}`),
  )
  const ring = (boundary.coordinates[0]?.[0] ?? []).slice(0, -1)
  const point = {
    lng: ring.reduce((s, p) => s + (p[0] ?? 0), 0) / ring.length,
    lat: ring.reduce((s, p) => s + (p[1] ?? 0), 0) / ring.length,
  }
  const chain: ChainGrid[] = await gridChain(api, point)
  expect(chain.map((g) => g.code)).toContain(code)
  return point
}

/**
 * A street no other journey works in (not the first, whose grids the ledger, map and visit journeys
 * take, nor one holding a busy point) whose bulletin of this month is not published yet: a published
 * bulletin is final, so a retry (or a second run on the same server) takes the next such street.
 */
async function quietStreet(admin: APIRequestContext, month: string) {
  const busy = new Set<string>()
  for (const point of BUSY) busy.add(gridAt(await gridChain(admin, point), 'street').code)
  const published = await json<{ items: { period: string; scope: { path: string } }[] }>(
    await admin.get('/api/assessment/bulletins', { params: { state: 'published', limit: 50 } }),
  )
  const taken = new Set(published.items.filter((b) => b.period === month).map((b) => b.scope.path))
  const street = (await grids(admin, { level: 'street', limit: 50 }))
    .slice(1)
    .find((s) => !busy.has(s.code) && !taken.has(s.path))
  if (!street) throw new Error(`every quiet street's bulletin of ${month} is published already`)
  // Its last community: the big screen's journey works in the first community of its street.
  const community = (await grids(admin, { parent: street.code })).at(-1)
  if (!community) throw new Error(`no community in ${street.code}`)
  return { street, community, inside: await grids(admin, { parent: community.code }) }
}

/** What a section's table shows: its rows' cells as text (an empty cell as —), none for 无. */
async function shownRows(section: Locator) {
  const rows = await section.locator('tbody tr.ant-table-row').all()
  return Promise.all(rows.map(async (r) => (await r.locator('td').allTextContents()).map((t) => t.trim())))
}
const asShown = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? '—' : String(c))))

/** The text of a PDF as poppler's pdftotext reads it, or null where poppler is not installed. */
function pdfText(path: string): string | null {
  if (spawnSync('which', ['pdftotext']).status !== 0) return null
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-']).toString('utf8')
}

test('a street chief composes, prints and publishes this month’s bulletin, and a community chief reads it on the workbench', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000)
  const base = baseURL ?? ''
  const month = monthOf(0)
  const admin = await adminApi(base)
  const { street, community, inside } = await quietStreet(admin, month)
  expect(inside.length).toBeGreaterThanOrEqual(6)
  await createUser(admin, CHIEF, 'street_chief', { type: 'grid', path: street.path })
  await createUser(admin, READER, 'community_chief', { type: 'grid', path: community.path })
  const schemes = await json<{ items: { id: string; code: string }[] }>(
    await admin.get('/api/assessment/schemes'),
  )
  const gridScheme = schemes.items.find((s) => s.code === 'grid-monthly')?.id ?? ''
  await admin.dispose()

  // This month in the community: a hotline call recorded for its caller, a problem the chief reports,
  // and one the chief clears on the spot and rates five stars (a good example 典型案例).
  const chief = await signedInApi(base, CHIEF)
  const [a, b, c] = await Promise.all(inside.slice(0, 3).map((g) => centreOf(chief, g.code)))
  const report = async (data: object) => json<CaseJson>(await chief.post('/api/cases', { data }))
  await report({
    categoryCode: '06010',
    location: a,
    description: `${MARK} 垃圾桶满溢`,
    source: 'hotline',
    caller: CALLER,
  })
  await report({ categoryCode: '06010', location: b, description: `${MARK} 暴露垃圾`, source: 'worker' })
  const flags = await report({
    categoryCode: '06006',
    location: c,
    description: `${MARK} 临街挂彩旗`,
    source: 'worker',
  })
  await json(
    await chief.post(`/api/cases/${flags.id}/attachments`, {
      data: PHOTO.buffer,
      headers: { 'content-type': PHOTO.mimeType },
    }),
  )
  const handled = await json<CaseJson>(
    await chief.post(`/api/cases/${flags.id}/actions/self_handle`, {
      data: { version: flags.version, note: '已拆除' },
    }),
  )
  await json(
    await chief.post(`/api/cases/${flags.id}/actions/rate`, {
      data: { version: handled.version, rating: 5 },
    }),
  )
  // The month's grid ranking of the street, its grids told apart by their democratic review 民主评议:
  // the bulletin prints its red and black lists.
  for (const [i, score] of [92, 88, 81, 76, 45, 38].entries())
    await json(
      await chief.put('/api/assessment/marks', {
        data: { scheme: gridScheme, period: month, subject: inside[i]?.code, kind: 'review', score },
      }),
    )
  await json(
    await chief.post('/api/assessment/runs', {
      data: { scheme: gridScheme, period: month, grid: street.code },
    }),
  )

  // 通报 from the menu: this month, the chief's own area (the form's default), composed on the screen.
  await page.setViewportSize({ width: 1280, height: 900 })
  await signIn(page, CHIEF)
  await page.getByTestId('menu-bulletins').click()
  await expect(page.getByTestId('bulletins-page')).toBeVisible({ timeout: 30_000 })
  await pick(page, 'bulletin-period', monthLabel(month))
  await page.getByTestId('bulletin-compose').click()
  await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/, { timeout: 30_000 })
  const id = page.url().split('/').at(-1) ?? ''
  const doc = page.getByTestId('bulletin-document')
  const title = `${street.name}${monthLabel(month)}网格化服务管理工作通报`
  await expect(doc.getByRole('heading', { level: 2 })).toHaveText(title)
  await expect(page.getByTestId('bulletin-state')).toHaveText('草稿')

  // The sections the API composed, each on the page with the same rows.
  const stored = await json<Bulletin>(await chief.get(`/api/assessment/bulletins/${id}`))
  expect(stored.title).toBe(title)
  expect(stored.sections.map((s) => s.key)).toEqual([
    'overview',
    'areas',
    'ranking:grid-monthly',
    'problems',
    'overdue',
    'praised',
  ])
  for (const s of stored.sections) {
    const shown = doc.getByTestId(`bulletin-section-${s.key}`)
    await expect(shown.getByRole('heading', { level: 4 })).toHaveText(s.heading)
    await expect.poll(() => shownRows(shown), { message: s.key }).toEqual(asShown(s.rows))
  }
  // 受理数: the three reports of this run, at least (the street is quiet, not empty).
  const received = stored.body.events.total?.received ?? 0
  expect(received).toBeGreaterThanOrEqual(3)
  await expect(
    doc.getByTestId('bulletin-section-overview').getByRole('row').filter({ hasText: '受理数' }),
  ).toContainText(String(received))
  const areas = doc.getByTestId('bulletin-section-areas')
  await expect(areas.getByRole('row').filter({ hasText: community.name })).toBeVisible()
  const ranking = doc.getByTestId('bulletin-section-ranking:grid-monthly')
  await expect(ranking).toContainText('（结果未发布）')
  await expect(ranking.getByRole('row').filter({ hasText: '红榜' }).first()).toBeVisible()
  await expect(ranking.getByRole('row').filter({ hasText: '黑榜' }).first()).toBeVisible()
  // The five-star closure, by number, class, grid and department.
  const praised = doc.getByTestId('bulletin-section-praised').getByRole('row').filter({ hasText: flags.no })
  await expect(praised).toContainText('临街')
  await expect(praised).toContainText(inside[2]?.name ?? '')
  // No one outside the staff, and none of the reports' words.
  const text = (await doc.textContent()) ?? ''
  expect(text).not.toContain(CALLER.phone)
  expect(text).not.toContain(CALLER.name)
  expect(text).not.toContain(MARK)
  for (const secret of [CALLER.phone, CALLER.name, MARK]) expect(JSON.stringify(stored)).not.toContain(secret)
  await page.screenshot({ path: `${SHOTS}/bulletins-draft-desk.png`, fullPage: true })

  // The PDF: a real one, in Chinese, named after the street and the month.
  const pdfDownload = page.waitForEvent('download')
  await page.getByTestId('bulletin-pdf').click()
  const pdf = await pdfDownload
  expect(pdf.suggestedFilename()).toBe(`通报_${street.name}_${month}.pdf`)
  const pdfBytes = readFileSync(await pdf.path())
  expect(pdfBytes.subarray(0, 4).toString('latin1')).toBe('%PDF')
  expect(pdfBytes.length).toBeGreaterThan(10_000)
  await pdf.saveAs(`${SHOTS}/bulletins.pdf`)
  const printed = pdfText(await pdf.path())
  if (printed !== null) {
    expect(printed).toContain(street.name)
    expect(printed).toContain('网格化服务管理工作通报')
    expect(printed).not.toContain(CALLER.phone)
  }

  // The workbook: one sheet 通报, the title first, 受理数 as the API counts it.
  const xlsxDownload = page.waitForEvent('download')
  await page.getByTestId('bulletin-xlsx').click()
  const xlsx = await xlsxDownload
  expect(xlsx.suggestedFilename()).toBe(`通报_${street.name}_${month}.xlsx`)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await xlsx.path())
  expect(book.worksheets.map((w) => w.name)).toEqual(['通报'])
  const sheet = book.getWorksheet('通报')
  if (!sheet) throw new Error('no sheet 通报')
  expect(sheet.getCell('A1').value).toBe(title)
  const rows = sheet.getSheetValues().filter((r): r is Cell[] => Array.isArray(r))
  expect(rows.find((r) => r[1] === '受理数')?.[2]).toBe(received)
  expect(JSON.stringify(rows)).not.toContain(CALLER.phone)

  // Printed, the page is the document alone: no menu, header or buttons.
  await page.emulateMedia({ media: 'print' })
  await expect(doc).toBeVisible()
  await expect(page.locator('.ant-layout-sider')).toBeHidden()
  await expect(page.getByTestId('current-user')).toBeHidden()
  await expect(page.getByTestId('bulletin-pdf')).toBeHidden()
  await page.screenshot({ path: `${SHOTS}/bulletins-print.png`, fullPage: true })
  await page.emulateMedia({ media: null })
  await expect(page.locator('.ant-layout-sider')).toBeVisible()

  // 发布: the confirm says it becomes final; afterwards there is nothing to publish.
  await page.getByTestId('bulletin-publish').click()
  const confirm = page.locator('.ant-popconfirm')
  await expect(confirm).toContainText('不能再修改')
  await confirm.getByRole('button', { name: /确\s*定/ }).click()
  await expect(page.getByTestId('bulletin-state')).toHaveText('已发布')
  await expect(page.getByTestId('bulletin-publish')).toHaveCount(0)
  expect((await json<Bulletin>(await chief.get(`/api/assessment/bulletins/${id}`))).state).toBe('published')
  await chief.dispose()

  // The community chief's workbench: the street's bulletin on its card, opened from there.
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const reader = await desk.newPage()
  await signIn(reader, READER)
  const card = reader.getByTestId('bulletin-card')
  await expect(card.getByRole('link', { name: title })).toBeVisible({ timeout: 30_000 })
  await reader.screenshot({ path: `${SHOTS}/bulletins-workbench-desk.png`, fullPage: true })
  await card.getByRole('link', { name: title }).click()
  await expect(reader).toHaveURL(new RegExp(`/bulletins/${id}$`))
  await expect(reader.getByTestId('bulletin-state')).toHaveText('已发布')
  await expect(reader.getByTestId('bulletin-publish')).toHaveCount(0)
  const read = reader.getByTestId('bulletin-document')
  await expect(read.getByTestId('bulletin-section-praised')).toContainText(flags.no)
  expect((await read.textContent()) ?? '').not.toContain(CALLER.phone)

  // On a phone: the bulletin and the card fit the screen's width.
  await reader.setViewportSize({ width: 390, height: 844 })
  await expect(reader.getByTestId('bottom-nav')).toBeVisible()
  await expect(read.getByRole('heading', { level: 2 })).toHaveText(title)
  await reader.screenshot({ path: `${SHOTS}/bulletins-page-phone.png`, fullPage: true })
  await read.getByTestId('bulletin-section-praised').scrollIntoViewIfNeeded()
  await reader.screenshot({ path: `${SHOTS}/bulletins-praised-phone.png` })
  const pageWidth = await reader.evaluate<number>('document.documentElement.scrollWidth')
  // Back to the workbench it was opened from (a chief's bottom bar has no home of its own).
  await reader.goBack()
  await expect(reader).toHaveURL(/\/$/)
  await expect(card.getByRole('link', { name: title })).toBeVisible()
  await reader.screenshot({ path: `${SHOTS}/bulletins-workbench-phone.png`, fullPage: true })
  expect(pageWidth).toBeLessThanOrEqual(390)
  expect(await reader.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
  await desk.close()
})
