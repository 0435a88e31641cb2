import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test } from './csp-guard'
import { adminApi, createUser, json, signIn } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `gi${RUN}`, displayName: `列管员${RUN}`, password: 'Groups#2026x' }

/** A valid resident ID number (GB 11643 check character), each one new to this run. */
function idNumber(n: number): string {
  const seq = (Number.parseInt(RUN, 36) + n) % 1000
  const first17 = `11010519480${(n % 9) + 1}2${n % 10}${String(seq).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'[sum % 11]
}

test('a grid worker imports special-group members: the person on the ledger is registered with a visit due, one not yet imported is reported', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const grids = await json<{ items: { code: string }[] }>(
    await api.get('/api/grids', { params: { level: 'grid', limit: 20 } }),
  )
  const gridCode = grids.items.at(-1)?.code ?? ''
  const grid = await json<{ path: string }>(await api.get(`/api/grids/${gridCode}`))
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  const member = idNumber(1)
  const person = await api.post('/api/people', {
    data: { kind: '户籍人口', name: '独居老人甲', idNumber: member, gridCode },
  })
  expect(person.status()).toBe(201)
  await api.dispose()

  await signIn(page, WORKER)
  await page.goto('/ledgers/imports')
  const wizard = page.getByTestId('ledger-import')
  await expect(async () => {
    await wizard.getByTestId('import-type').click()
    await page.locator('.ant-select-item-option').filter({ hasText: '特殊人群' }).click({ timeout: 2_000 })
    await expect(wizard.getByTestId('import-type')).toContainText('特殊人群', { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await expect(wizard.getByTestId('import-key-hint')).toContainText('公民身份号码 + 人群类别')

  const download = page.waitForEvent('download')
  await wizard.getByTestId('import-template').click()
  const templatePath = testInfo.outputPath('template.xlsx')
  await (await download).saveAs(templatePath)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync(templatePath) as unknown as ArrayBuffer)
  const sheet = book.worksheets[0] as ExcelJS.Worksheet
  const keys = (sheet.getRow(2).values as unknown[]).slice(1).map(String)
  expect(keys).not.toContain('name')
  const col = (key: string) => keys.indexOf(key) + 1
  const rows = [
    { idNumber: member, responsible: WORKER.username },
    { idNumber: idNumber(2), responsible: '' },
  ]
  rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i)
    row.getCell(col('idNumber')).value = r.idNumber
    row.getCell(col('groupCode')).value = '独居老人'
    row.getCell(col('attention')).value = '重点'
    row.getCell(col('startsOn')).value = '2026-01-05'
    row.getCell(col('responsible')).value = r.responsible
  })
  const filled = testInfo.outputPath('groups.xlsx')
  await book.xlsx.writeFile(filled)
  await wizard.locator('input[type=file]').first().setInputFiles(filled)
  await expect(wizard.getByTestId('import-summary')).toContainText('共 2 行：新增 1，更新 0，失败 1', {
    timeout: 30_000,
  })
  await expect(wizard.getByTestId('import-errors')).toBeVisible()

  // Registered as on the screen: the elderly living alone are visited every 7 days from the start.
  const listed = await page.request.get('/api/groups', { params: { group: 'elderly_alone', grid: gridCode } })
  const items = (await listed.json()).items as { attention: number; nextVisitDue: string | null }[]
  expect(items).toContainEqual(expect.objectContaining({ attention: 3, nextVisitDue: '2026-01-12' }))
})
