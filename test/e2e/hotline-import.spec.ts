import { readFile } from 'node:fs/promises'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, signIn } from './journey'

// The journeys share one server: names and tickets carry the run.
const run = Date.now().toString(36)
const CLERK = { username: `clerk_${run}`, displayName: '孙受理', password: 'Clerk#2026x' }
/** Near the demo district's centre (generateDemo), inside one of its micro-grids. */
const POINT = { lng: 104.0603, lat: 30.6603 }
const shots = process.env.INBOX_SHOTS

test('an intake clerk imports hotline tickets, sees the bad row and downloads its error report', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const district = gridAt(await gridChain(api, POINT), 'district')
  await createUser(api, CLERK, 'intake_clerk', { type: 'grid', path: district.path })
  await api.dispose()

  const { lng, lat } = POINT
  const csv = [
    '工单号,诉求性质,分类代码,经度,纬度,事发地址,诉求内容,紧急程度,来电人,联系电话',
    `RX${run}1,投诉,06010,${lng},${lat},幸福路1号,路边垃圾无人清运,一般,王先生,13800001111`,
    `RX${run}2,投诉,99999,${lng},${lat},幸福路2号,分类写错了,一般,,`,
    `RX${run}3,咨询,06010,${lng},${lat},幸福路3号,垃圾清运时间咨询,,,`,
  ].join('\n')

  await signIn(page, CLERK)
  await page.getByTestId('menu-cases').click()
  await page.getByTestId('case-import').click()
  await expect(page).toHaveURL(/\/cases\/import$/)

  // The template names the columns the import reads.
  const templateDownload = page.waitForEvent('download')
  await page.getByTestId('import-template').click()
  const template = await readFile(await (await templateDownload).path(), 'utf8')
  expect(template.split(/\r?\n/)[0]).toContain('工单号,分类代码,经度,纬度,诉求内容')

  await page
    .getByTestId('hotline-import')
    .locator('input[type=file]')
    .setInputFiles({ name: '12345工单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('import-summary')).toHaveText('共 3 行：导入 2 行，重复 0 行，错误 1 行')
  const bad = page
    .getByTestId('import-rows')
    .getByRole('row')
    .filter({ hasText: `RX${run}2` })
  await expect(bad).toContainText('错误')
  await expect(bad).toContainText('分类代码不存在')
  await expect(bad).toContainText('分类代码“99999”不存在')
  await expect(page.getByTestId('import-rows').getByRole('row').filter({ hasText: '已导入' })).toHaveCount(2)
  if (shots) await page.screenshot({ path: '/tmp/import-desk.png', fullPage: true })

  const reportDownload = page.waitForEvent('download')
  await page.getByTestId('import-errors').click()
  const download = await reportDownload
  expect(download.suggestedFilename()).toBe('热线工单导入错误报告.csv')
  const report = (await readFile(await download.path(), 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
  expect(report).toEqual(['行号,工单号,原因,详情', `3,RX${run}2,分类代码不存在,分类代码“99999”不存在`])

  if (shots) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: '/tmp/import-phone.png', fullPage: true })
  }
  // Imported again, the good rows are duplicates.
  await page
    .getByTestId('hotline-import')
    .locator('input[type=file]')
    .setInputFiles({ name: '12345工单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  await expect(page.getByTestId('import-summary')).toHaveText('共 3 行：导入 0 行，重复 2 行，错误 1 行')
})
