import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json, signIn } from './journey'

// The journeys share one server: names carry the run.
const run = Date.now().toString(36)
const LEAD = { username: `lead_${run}`, displayName: '周值班', password: 'Lead#2026xx' }
/** Near the demo district's centre (generateDemo), inside one of its micro-grids. */
const POINT = { lng: 104.0604, lat: 30.6604 }
const shots = process.env.INBOX_SHOTS

/** Picks a grouping in the page's selector and waits for the table's first column to be named by it. */
async function groupBy(page: Page, option: string) {
  await expect(async () => {
    await page.getByTestId('stats-group').click()
    await page.locator('.ant-select-item-option').filter({ hasText: option }).click({ timeout: 2_000 })
    await expect(page.getByTestId('stats-table').locator('thead th').first()).toHaveText(option, {
      timeout: 2_000,
    })
  }).toPass({ timeout: 20_000 })
}

/** The table's rows as the reader sees them: the group cell's text and the 受理数 beside it. */
async function shownRows(page: Page) {
  const rows = page.getByTestId('stats-table').locator('tbody tr.ant-table-row')
  const texts: { group: string; received: string }[] = []
  for (const row of await rows.all()) {
    const cells = row.locator('td')
    texts.push({
      group: (await cells.nth(0).textContent()) ?? '',
      received: ((await cells.nth(1).textContent()) ?? '').trim(),
    })
  }
  return texts
}

test('a shift lead groups the statistics four ways and exports the figures shown', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const district = gridAt(await gridChain(api, POINT), 'district')
  await createUser(api, LEAD, 'shift_lead', { type: 'grid', path: district.path })
  // Two reports this month in the lead's district: 市容环境类 (06) has at least these.
  for (const description of [`统计${run} 垃圾满溢`, `统计${run} 暴露垃圾`])
    await json(
      await api.post('/api/cases', {
        data: { categoryCode: '06010', location: POINT, description, source: 'hotline' },
      }),
    )
  await api.dispose()

  await signIn(page, LEAD)
  await page.getByTestId('menu-stats').click()
  await expect(page.getByTestId('stats-page')).toBeVisible()
  // By child grid (the default): the district's streets, each a link to drill into.
  await expect(page.getByTestId('stats-table').locator('thead th').first()).toHaveText('下级网格')
  await expect(page.getByTestId('stats-table').locator('tbody tr.ant-table-row').first()).toBeVisible()
  await groupBy(page, '承办部门')
  await groupBy(page, '月份')
  await expect(page.getByTestId('stats-table').locator('tbody tr.ant-table-row')).not.toHaveCount(0)
  await groupBy(page, '事件大类')
  const city = page
    .getByTestId('stats-table')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: '市容环境类' })
  await expect(city).toBeVisible()
  const shown = await shownRows(page)
  const received = Number(shown.find((r) => r.group.includes('市容环境类'))?.received)
  expect(received).toBeGreaterThanOrEqual(2)
  if (shots) await page.screenshot({ path: '/tmp/stats-desk.png', fullPage: true })

  const downloading = page.waitForEvent('download')
  await page.getByTestId('stats-export').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^事件统计_.*\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await download.path())
  const sheet = book.getWorksheet('事件统计')
  if (!sheet) throw new Error('no sheet 事件统计')
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['编码', '事件大类', '受理数'])
  // Every row of the sheet is a row of the page, with the same 受理数.
  const sheetRows: { code: string; name: string; received: number }[] = []
  sheet.eachRow((row, n) => {
    if (n > 1)
      sheetRows.push({
        code: String(row.getCell(1).value),
        name: String(row.getCell(2).value),
        received: Number(row.getCell(3).value),
      })
  })
  expect(sheetRows).toHaveLength(shown.length)
  for (const r of sheetRows) {
    const onPage = shown.find((s) => s.group.includes(r.name) && s.group.includes(r.code))
    expect(onPage?.received, r.name).toBe(String(r.received))
  }
  expect(sheetRows.find((r) => r.code === '06')?.received).toBe(received)

  if (shots) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: '/tmp/stats-phone.png', fullPage: true })
  }
})
