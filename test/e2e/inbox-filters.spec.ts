import ExcelJS from 'exceljs'
import { expect, test } from './csp-guard'
import { ADMIN, adminApi, json, signIn } from './journey'

// The journeys share one server: this run's cases carry its mark, which the search finds.
const run = Date.now().toString(36)
const MARK = `巡查${run}`
/** Near the demo district's centre (generateDemo), inside one of its micro-grids. */
const POINT = { lng: 104.0602, lat: 30.6602 }

interface Reported {
  id: string
  no: string
}
interface Category {
  code: string
  parentCode: string | null
  active: boolean
  zh: string
}

const shots = process.env.INBOX_SHOTS

test('the inbox counts its queues, filters, finds a case by number and exports the filtered list', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const { categories } = await json<{ categories: Category[] }>(await api.get('/api/case-categories'))
  const other = categories.find((c) => c.active && c.parentCode !== null && !c.code.startsWith('06'))
  if (!other) throw new Error('no small class outside 06')
  const report = async (categoryCode: string, text: string) =>
    json<Reported>(
      await api.post('/api/cases', {
        data: { categoryCode, location: POINT, description: `${MARK} ${text}`, source: 'hotline' },
      }),
    )
  const rubbish = await report('06010', '垃圾桶满溢')
  const heap = await report('06010', '建筑垃圾堆放')
  const third = await report(other.code, '其他问题')

  await signIn(page, ADMIN)
  const search = page.getByRole('searchbox', { name: '搜索事件' })
  await page.getByTestId('menu-cases').click()
  // Every queue's count is the server's, for the whole of the reader's scope.
  const counts = await json<Record<string, number>>(await api.get('/api/cases/queue-counts'))
  await expect(page.getByTestId('queue-count-to_accept')).toHaveText(String(counts.to_accept))
  await expect(page.getByTestId('queue-count-all')).toHaveText(String(counts.all))
  expect(counts.to_accept).toBeGreaterThanOrEqual(3)

  // The search narrows every tab to this run's three reports.
  await search.fill(MARK)
  await search.press('Enter')
  await expect(page.getByTestId('queue-count-to_accept')).toHaveText('3')
  await expect(page.getByTestId('queue-count-all')).toHaveText('3')
  const rows = page.getByTestId('cases-table').locator('tbody tr.ant-table-row')
  await expect(rows).toHaveCount(3)

  // A category filter narrows the list to the two rubbish reports; the URL keeps it across a reload.
  if (!(await page.getByTestId('inbox-filters').isVisible()))
    await page.getByTestId('inbox-filter-toggle').click()
  await page.getByTestId('inbox-category').click()
  await page.keyboard.type('06010')
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '06010' }).first().click()
  await expect(rows).toHaveCount(2)
  await expect(page.getByTestId('queue-count-to_accept')).toHaveText('2')
  await expect(page).toHaveURL(/category=06010/)
  await page.reload()
  await expect(rows).toHaveCount(2)
  await expect(page.getByText(third.no)).toHaveCount(0)
  if (shots) await page.screenshot({ path: '/tmp/inbox-desk.png', fullPage: true })

  // The export holds the rows the list shows.
  const downloading = page.waitForEvent('download')
  await page.getByTestId('inbox-export').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^事件列表.*\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(await download.path())
  const sheet = book.getWorksheet('事件列表')
  expect(sheet?.getRow(1).getCell(1).value).toBe('事件编号')
  const exported = (sheet?.getColumn(1).values ?? []).slice(2).map(String).sort()
  expect(exported).toEqual([rubbish.no, heap.no].sort())

  // The number alone finds its one case, whatever the other filters were.
  await page.getByTestId('inbox-clear').click()
  await search.fill(heap.no)
  await search.press('Enter')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(heap.no)
  await expect(page.getByTestId('queue-count-all')).toHaveText('1')

  if (shots) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByTestId('inbox-clear').or(page.getByTestId('inbox-filter-toggle')).first().isVisible()
    await page.goto(`/cases?queue=all&q=${encodeURIComponent(MARK)}`)
    await expect(page.getByTestId('cases-list')).toContainText(heap.no)
    await page.screenshot({ path: '/tmp/inbox-phone.png', fullPage: true })
    await page.getByTestId('inbox-filter-toggle').click()
    await expect(page.getByTestId('inbox-filters')).toBeVisible()
    await page.screenshot({ path: '/tmp/inbox-phone-filters.png' })
  }
  await api.dispose()
})
