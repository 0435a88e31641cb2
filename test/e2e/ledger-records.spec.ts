import { expect, test } from './csp-guard'
import { adminApi, choose, createUser, gridAt, gridChain, pickInTree, signIn } from './journey'

const run = Date.now().toString(36)
const WORKER = { username: `records_${run}`, displayName: '刘网格员', password: 'Records#2026x' }
const SHOP = `便民超市${run.slice(-4)}`
const CAMERA = `CAM-${run.slice(-6).toUpperCase()}`
const HERE = { lng: 104.0452, lat: 30.6503 }

test('a grid worker registers a shop and a camera in his grid, shows the shop’s phone for a reason, and marks the camera faulty', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const chain = await gridChain(api, HERE)
  const grid = gridAt(chain, 'grid')
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await api.dispose()
  await signIn(page, WORKER)

  await page.goto('/ledgers/organizations')
  await page.getByTestId('organizations-create').click()
  const form = page.getByRole('dialog').filter({ hasText: '登记组织' })
  await choose(page, '组织类型', '商铺')
  await form.getByLabel('名称', { exact: true }).fill(SHOP)
  await form.getByTestId('record-grid').click()
  await pickInTree(page, [grid.code])
  await expect(form.getByTestId('record-grid')).toContainText(grid.code)
  await form.getByLabel('联系电话').fill('138 1234 5678')
  await form.getByRole('button', { name: '保存' }).click()
  await expect(form).toBeHidden()

  // Saved, it opens: the phone masked until a reason is given, then shown and marked as such.
  const drawer = page.locator('.ant-drawer').filter({ hasText: SHOP })
  await expect(drawer).toContainText('138****5678')
  await drawer.getByTestId('unmask').click()
  await page.getByTestId('unmask-reason').fill('核实店铺消防检查联系人')
  await page
    .getByRole('dialog')
    .filter({ hasText: '请说明查看原因' })
    .getByRole('button', { name: '显示明文' })
    .click()
  await expect(drawer).toContainText('13812345678')
  await expect(drawer).toContainText('明文')
  await drawer.locator('.ant-drawer-close').click()
  await expect(drawer).toBeHidden()
  await page.getByTestId('organizations-search').getByRole('searchbox').fill(SHOP)
  await page.getByTestId('organizations-search').getByRole('searchbox').press('Enter')
  await expect(page.getByRole('row').filter({ hasText: SHOP })).toContainText('138****5678')

  await page.goto('/ledgers/devices')
  await page.getByTestId('devices-create').click()
  const deviceForm = page.getByRole('dialog').filter({ hasText: '登记设施设备' })
  await deviceForm.getByLabel('编码').fill(CAMERA)
  await choose(page, '类型', '监控点位')
  await deviceForm.getByLabel('名称', { exact: true }).fill('小区东门监控')
  await deviceForm.getByTestId('record-grid').click()
  await pickInTree(page, [grid.code])
  await expect(deviceForm.getByTestId('record-grid')).toContainText(grid.code)
  await deviceForm.getByRole('button', { name: '保存' }).click()
  await expect(deviceForm).toBeHidden()
  const device = page.locator('.ant-drawer').filter({ hasText: '小区东门监控' })
  await expect(device).toContainText('正常')
  await device.getByTestId('device-status').click()
  await page.locator('.ant-select-item-option').filter({ hasText: '故障' }).click()
  await device.getByPlaceholder('说明（可选）').fill('画面黑屏')
  await device.getByRole('button', { name: '更新状态' }).click()
  await expect(device.locator('.ant-timeline')).toContainText('故障 · 画面黑屏')
})
