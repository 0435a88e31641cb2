import type { Locator, Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { ADMIN, AUDITOR, adminApi, choose, json, PHOTO, pickInTree, signIn, signOut } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const DEPARTMENT = { code: `water-${RUN}`, name: `区水务局${RUN}` }
const HOLDER = `测试网格员${RUN}`
const STREET = '510104001'
const REASON = `联系网格员核实积水点 ${Date.now().toString(36).slice(-5)}`

async function openGrid(page: Page, code: string): Promise<Locator> {
  await page.getByTestId('menu-grids').click()
  await page.getByTestId('grid-search').getByRole('searchbox').fill(code)
  await page.getByTestId('grid-search').getByRole('searchbox').press('Enter')
  await page.getByTestId(`grid-result-${code}`).click()
  const details = page.getByTestId('grid-details')
  await expect(details.getByTestId('grid-code')).toHaveText(code)
  return details.getByTestId('grid-staff')
}

test('an administrator defines a department serving a street, staffs a grid with a photo, shows a work phone with a reason, and the auditor sees it', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL ?? '')
  const grids = await json<{ items: { code: string }[] }>(
    await api.get('/api/grids', { params: { level: 'grid', limit: 20 } }),
  )
  // Not the first grid of the district: the grid journey counts the staff of that one.
  const gridCode = grids.items.at(-1)?.code ?? ''
  expect(gridCode).toMatch(/^510104\d{9}$/)
  await api.dispose()

  await signIn(page, ADMIN)
  await page.getByRole('menuitem', { name: '配置' }).click()
  await page.getByTestId('menu-departments').click()
  await expect(page).toHaveURL(/\/settings\/departments$/)

  // A new department of a kind; once saved it opens.
  await page.getByTestId('department-create').click()
  const dialog = page.getByRole('dialog').filter({ hasText: '新建部门' })
  await dialog.getByLabel('编码').fill(DEPARTMENT.code)
  await dialog.getByLabel('名称').fill(DEPARTMENT.name)
  await choose(page, '类别', '水务')
  await dialog.getByLabel('值班电话').fill('028-8000 1234')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  const drawer = page.getByTestId('department-drawer')
  await expect(drawer).toContainText(DEPARTMENT.name)
  await expect(drawer.getByTestId('department-grids')).toContainText('尚未服务任何网格')

  // It serves a street picked from the grid tree: the district opens onto its streets.
  await drawer.getByTestId('department-grid-picker').click()
  await pickInTree(page, ['510104', STREET])
  await drawer.getByTestId('department-serve').click()
  await expect(drawer.getByTestId('department-grids')).toContainText(STREET)
  // A second street, added by mistake, is removed again.
  await drawer.getByTestId('department-grid-picker').click()
  await pickInTree(page, ['510104', '510104002'])
  await drawer.getByTestId('department-serve').click()
  const second = drawer.getByTestId('department-grids').getByRole('listitem').filter({ hasText: '510104002' })
  await second.getByRole('button', { name: '移除' }).click()
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click()
  await expect(second).toHaveCount(0)
  await expect(drawer.getByTestId('department-grids')).toContainText(STREET)
  await page.getByRole('button', { name: '关闭' }).click()
  await expect(drawer).toBeHidden()
  const row = page.getByTestId('department-table').getByRole('row').filter({ hasText: DEPARTMENT.code })
  await expect(row).toContainText('水务')

  // A part-time worker without an account is appointed on a grid, with a work phone.
  const staff = await openGrid(page, gridCode)
  await staff.getByTestId('post-add').click()
  const appoint = page.getByRole('dialog').filter({ hasText: '添加岗位' })
  await choose(page, '岗位', '兼职网格员')
  await appoint.getByLabel('姓名').fill(HOLDER)
  await appoint.getByLabel('工作电话').fill('13900001111')
  await appoint.getByRole('button', { name: '保存' }).click()
  await expect(appoint).toBeHidden()
  const post = staff.locator('[data-testid^="grid-post-"]').filter({ hasText: HOLDER })
  await expect(post.getByTestId('grid-post-phone')).toHaveText('139****1111')

  // The number was mistyped: it is changed in place, still masked.
  await post.getByRole('button', { name: '修改' }).click()
  const edit = page.getByRole('dialog').filter({ hasText: '修改' })
  await expect(edit).toContainText('留空则保持原号码 139****1111')
  await edit.getByLabel('工作电话').fill('13900002222')
  await edit.getByRole('button', { name: '保存' }).click()
  await expect(edit).toBeHidden()
  await expect(post.getByTestId('grid-post-phone')).toHaveText('139****2222')

  // Its photo for the notice board: picked, saved, and shown beside the post.
  await post.getByRole('button', { name: '照片' }).click()
  const photoDialog = page.getByRole('dialog').filter({ hasText: '公示照片' })
  await photoDialog.getByTestId('photo-gallery-input').setInputFiles(PHOTO)
  await expect(photoDialog.getByTestId('picked-photo')).toHaveCount(1)
  await photoDialog.getByTestId('post-photo-save').click()
  await expect(photoDialog).toBeHidden()
  const img = post.getByTestId('grid-post-photo').locator('img')
  await expect(img).toHaveAttribute('src', /\/notice\/\d+\/photos\/.+\?v=/)
  // Loaded, not only named: the browser decoded the stored JPEG.
  await expect
    .poll(() => img.evaluate((el) => (el as { naturalWidth: number }).naturalWidth))
    .toBeGreaterThan(0)

  // The full number asks why; the reason goes to the audit log.
  await staff.getByTestId('post-unmask').click()
  const unmask = page.getByRole('dialog').filter({ hasText: '查看完整工作电话' })
  await unmask.getByRole('button', { name: '显示' }).click()
  await expect(unmask).toContainText('请填写查看原因')
  await unmask.getByLabel('原因').fill(REASON)
  await unmask.getByRole('button', { name: '显示' }).click()
  await expect(unmask).toBeHidden()
  await expect(post.getByTestId('grid-post-phone')).toHaveText('13900002222')
  await expect(staff).toContainText('已记入审计日志')
  await signOut(page)

  // 三员分立: the audit administrator reads who showed the numbers, and why.
  await signIn(page, AUDITOR)
  await page.getByTestId('menu-audit').click()
  await page.getByLabel('操作', { exact: true }).fill('personal_data.read')
  await page.getByLabel('操作', { exact: true }).press('Enter')
  await page.getByRole('button', { name: '查询' }).click()
  const read = page.getByRole('row').filter({ hasText: REASON })
  await expect(read).toContainText('查看个人信息')
  await expect(read).toContainText('系统管理员 (admin)')
  await expect(read).toContainText('用途：staff.work_phone')
  await expect(read).toContainText('已脱敏：否')
})
