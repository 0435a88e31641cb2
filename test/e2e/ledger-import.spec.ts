import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test } from './csp-guard'
import {
  adminApi,
  createUser,
  firstPassword,
  gridAt,
  gridChain,
  json,
  settlePassword,
  signIn,
  signOut,
} from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `imp${RUN}`, displayName: `导入员${RUN}`, password: 'Import#2026x' }
const CHIEF = { username: `ic${RUN}`, displayName: `导入社区书记${RUN}`, password: 'Import#2026c' }
const REASON = `核对导入的身份信息 ${RUN}`

/** A valid resident ID number (GB 11643 check character), each one new to this run. */
function idNumber(n: number): string {
  const seq = (Number.parseInt(RUN, 36) + n) % 1000
  const first17 = `11010519850${(n % 9) + 1}1${n % 10}${String(seq).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'[sum % 11]
}

const SHOTS = process.env.SHOTS_DIR ?? 'test-results'

async function load(path: string) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer)
  return book
}

test('a grid worker imports a sheet with two bad rows, fixes them from the error report and imports them, then shows one person in clear with a reason; the community chief sees it', async ({
  page,
  baseURL,
}, testInfo) => {
  // Two imports, two sign-ins and an unmask: about a minute on a shared machine.
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const grids = await json<{ items: { code: string }[] }>(
    await api.get('/api/grids', { params: { level: 'grid', limit: 20 } }),
  )
  const gridCode = grids.items.at(-1)?.code ?? ''
  const grid = await json<{ path: string }>(await api.get(`/api/grids/${gridCode}`))
  const roles = await json<{ id: string; key: string }[]>(await api.get('/api/roles'))
  const role = roles.find((r) => r.key === 'grid_worker')
  if (!role) throw new Error('no grid_worker role')
  await json(
    await api.post('/api/users', {
      data: {
        ...WORKER,
        password: firstPassword(WORKER),
        grants: [{ roleId: role.id, scope: { type: 'grid', path: grid.path } }],
      },
    }),
  )
  await settlePassword(WORKER)
  const community = grid.path.split('.').slice(0, -1).join('.')
  await createUser(api, CHIEF, 'community_chief', { type: 'grid', path: community })
  await api.dispose()

  await signIn(page, WORKER)
  await page.goto('/ledgers/imports')
  const wizard = page.getByTestId('ledger-import')
  await expect(wizard).toContainText('台账导入导出')

  // The template, filled with five people: the second has a wrong check character, the fourth an
  // unknown ethnicity.
  const download = page.waitForEvent('download')
  await wizard.getByTestId('import-template').click()
  const templatePath = testInfo.outputPath('template.xlsx')
  await (await download).saveAs(templatePath)
  const book = await load(templatePath)
  const sheet = book.worksheets[0] as ExcelJS.Worksheet
  const keys = (sheet.getRow(2).values as unknown[]).slice(1).map(String)
  const col = (key: string) => keys.indexOf(key) + 1
  const good = (n: number) => ({ name: `导入${RUN}${n}`, idNumber: idNumber(n), ethnicity: '汉族' })
  const rows = [
    good(1),
    { ...good(2), idNumber: `${idNumber(2).slice(0, 17)}0` },
    good(3),
    { ...good(4), ethnicity: '火星族' },
    good(5),
  ]
  // Make sure the bad check character is really bad.
  if (rows[1]?.idNumber === idNumber(2)) rows[1].idNumber = `${idNumber(2).slice(0, 17)}1`
  rows.forEach((r, i) => {
    const row = sheet.getRow(4 + i)
    row.getCell(col('kind')).value = '户籍人口'
    row.getCell(col('name')).value = r.name
    row.getCell(col('idNumber')).value = r.idNumber
    row.getCell(col('gridCode')).value = gridCode
    row.getCell(col('ethnicity')).value = r.ethnicity
    row.getCell(col('phone')).value = '13800138000'
  })
  const filled = testInfo.outputPath('people.xlsx')
  await book.xlsx.writeFile(filled)

  await expect(wizard.getByTestId('import-mode')).toContainText('仅导入正确的行')
  await wizard.locator('input[type=file]').first().setInputFiles(filled)
  const summary = wizard.getByTestId('import-summary')
  await expect(summary).toContainText('共 5 行：新增 3，更新 0，失败 2', { timeout: 30_000 })

  // The error report names the rows and the fields; the two rows are fixed in it and uploaded again.
  const reportDownload = page.waitForEvent('download')
  await wizard.getByTestId('import-errors').click()
  const reportPath = testInfo.outputPath('errors.xlsx')
  await (await reportDownload).saveAs(reportPath)
  const report = await load(reportPath)
  const errors = report.worksheets[0] as ExcelJS.Worksheet
  const errorCol = keys.length + 1
  expect(String(errors.getRow(3).getCell(errorCol).value)).toContain('第5行')
  expect(String(errors.getRow(3).getCell(errorCol).value)).toContain('证件号码')
  expect(String(errors.getRow(4).getCell(errorCol).value)).toContain('民族')
  errors.getRow(3).getCell(col('idNumber')).value = idNumber(2)
  errors.getRow(4).getCell(col('ethnicity')).value = '汉族'
  const fixed = testInfo.outputPath('fixed.xlsx')
  await report.xlsx.writeFile(fixed)
  await wizard.locator('input[type=file]').first().setInputFiles(fixed)
  await expect(summary).toContainText('共 2 行：新增 2，更新 0，失败 0', { timeout: 30_000 })

  // Both imports are listed as the worker's own.
  const recent = page.getByTestId('import-recent')
  await expect(recent).toContainText('fixed.xlsx')
  await expect(recent).toContainText('people.xlsx')

  // One of the people just imported (a fixed row): their file opens masked, and shows in clear for a
  // typed reason.
  await page.goto('/ledgers/people')
  await page.locator('[data-testid=people-search] input, input[data-testid=people-search]').fill(good(2).name)
  await page.keyboard.press('Enter')
  const link = page.getByTestId('people-table').getByTestId('person-link')
  await expect(link).toHaveCount(1)
  await link.click()
  await expect(page.getByTestId('person-page')).toBeVisible()
  const personUrl = page.url()
  await expect(page.getByTestId('person-idNumber')).toContainText('*')
  await expect(page.getByTestId('person-phone')).toHaveText('138****8000')
  await page.getByTestId('person-unmask').click()
  await page.getByTestId('unmask-reason').fill(REASON)
  await page.locator('#unmask-ok').click()
  await expect(page.getByTestId('person-clear-alert')).toBeVisible()
  await expect(page.getByTestId('person-idNumber')).toHaveText(idNumber(2))
  await expect(page.getByTestId('person-phone')).toHaveText('13800138000')
  await signOut(page)

  // The community chief sees who looked, and why, in the person's access log.
  await signIn(page, CHIEF)
  await page.goto(personUrl)
  const entry = page
    .getByTestId('person-access-log')
    .getByTestId('access-entry')
    .filter({ hasText: WORKER.displayName })
    .filter({ hasText: '显示明文' })
  await expect(entry).toBeVisible()
  await expect(entry.getByTestId('access-reason')).toContainText(REASON)
})

test('a grid worker chooses 建筑物 and imports a building, then 户室 and imports its rooms; a room of an unknown building is reported', async ({
  page,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000)
  const here = { lng: 104.0452, lat: 30.6503 }
  const placer = { username: `pl${RUN}`, displayName: `房屋导入员${RUN}`, password: 'Import#2026p' }
  const api = await adminApi(baseURL ?? '')
  const grid = gridAt(await gridChain(api, here), 'grid')
  await createUser(api, placer, 'grid_worker', { type: 'grid', path: grid.path })
  await api.dispose()

  await page.setViewportSize({ width: 1280, height: 800 })
  await signIn(page, placer)
  await page.goto('/ledgers/imports')
  const wizard = page.getByTestId('ledger-import')
  const chooseType = async (label: string) => {
    await expect(async () => {
      await wizard.getByTestId('import-type').click()
      await page.locator('.ant-select-item-option').filter({ hasText: label }).click({ timeout: 2_000 })
      await expect(wizard.getByTestId('import-type')).toContainText(label, { timeout: 2_000 })
    }).toPass({ timeout: 20_000 })
  }
  /** The chosen type's template, filled from row 4 by English key. */
  const fillTemplate = async (name: string, rows: Record<string, string>[]) => {
    const download = page.waitForEvent('download')
    await wizard.getByTestId('import-template').click()
    const path = testInfo.outputPath(`${name}-template.xlsx`)
    await (await download).saveAs(path)
    const book = await load(path)
    const sheet = book.worksheets[0] as ExcelJS.Worksheet
    const keys = (sheet.getRow(2).values as unknown[]).slice(1).map(String)
    rows.forEach((r, i) => {
      for (const [key, value] of Object.entries(r))
        sheet.getRow(4 + i).getCell(keys.indexOf(key) + 1).value = value
    })
    const filled = testInfo.outputPath(`${name}.xlsx`)
    await book.xlsx.writeFile(filled)
    return filled
  }
  const summary = wizard.getByTestId('import-summary')
  const code = `E${RUN}`

  await chooseType('建筑物')
  await expect(wizard.getByTestId('import-key-hint')).toContainText('所属网格编码和建筑物编码')
  // The chooser open at the top of the page, the seven types in it.
  await wizard.getByTestId('import-type').scrollIntoViewIfNeeded()
  await wizard.getByTestId('import-type').click()
  const options = page.locator('.ant-select-item-option')
  await expect(options).toHaveCount(7)
  await expect(options.filter({ hasText: '户室（实有房屋）' })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/import-chooser-1280.png` })
  await page.keyboard.press('Escape')
  const buildings = await fillTemplate('buildings', [
    {
      code,
      name: `导入楼${RUN}`,
      gridCode: grid.code,
      address: `示例路 ${RUN} 号`,
      lng: String(here.lng),
      lat: String(here.lat),
      floors: '6',
    },
  ])
  await wizard.locator('input[type=file]').first().setInputFiles(buildings)
  await expect(summary).toContainText('共 1 行：新增 1，更新 0，失败 0', { timeout: 30_000 })

  await chooseType('户室')
  await expect(wizard.getByTestId('import-key-hint')).toContainText('单元和房号')
  const rooms = await fillTemplate('rooms', [
    { gridCode: grid.code, buildingCode: code, unit: '1单元', number: '101', occupancy: '出租' },
    { gridCode: grid.code, buildingCode: `X${RUN}`, unit: '1单元', number: '102' },
  ])
  await wizard.locator('input[type=file]').first().setInputFiles(rooms)
  await expect(summary).toContainText('共 2 行：新增 1，更新 0，失败 1', { timeout: 30_000 })
  await page.screenshot({ path: `${SHOTS}/import-rooms-done-1280.png` })
  const recent = page.getByTestId('import-recent')
  await expect(recent).toContainText('rooms.xlsx')
  await expect(recent).toContainText('buildings.xlsx')

  // On a phone the chooser and the type's key fit the width.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/ledgers/imports')
  await chooseType('户室')
  await expect(wizard.getByTestId('import-key-hint')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/import-rooms-390.png` })
})
