import { expect, test } from './csp-guard'
import { ADMIN, AUDITOR, firstPassword, signIn, signOut, WORKER } from './journey'

// The later journeys use the account the administrator creates in the first: they run in this order.
test.describe.configure({ mode: 'serial' })

test('the administrator creates a grid worker', async ({ page }) => {
  await signIn(page, ADMIN)
  await page.getByTestId('menu-users').click()
  await expect(page).toHaveURL(/\/users$/)

  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '新建用户' })
  await dialog.getByLabel('用户名').fill(WORKER.username)
  await dialog.getByLabel('姓名').fill(WORKER.displayName)
  await dialog.getByLabel('初始密码').fill(firstPassword(WORKER))
  await dialog.getByLabel('角色').fill('网格员')
  await dialog.getByLabel('角色').press('Enter')
  // No grid picked from the tree: the whole deployment.
  await expect(dialog.getByTestId('scope-path')).toContainText('全域')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()

  // Other journeys add accounts too: the list is searched rather than read from its first page.
  await page.getByPlaceholder('搜索用户名或姓名').fill(WORKER.username)
  await page.getByPlaceholder('搜索用户名或姓名').press('Enter')
  const row = page.getByRole('row').filter({ hasText: WORKER.username })
  await expect(row).toContainText(WORKER.displayName)
  await expect(row).toContainText('网格员 · 全域')
  await expect(row).toContainText('启用')

  await signOut(page)
})

test('the new grid worker must replace the given password before anything else', async ({ page }) => {
  await signIn(page, { username: WORKER.username, password: firstPassword(WORKER) })
  await expect(page).toHaveURL(/\/password$/)
  await expect(page.getByText('首次登录或密码已被重置，请先修改密码')).toBeVisible()
  await page.getByTestId('password-current').fill(firstPassword(WORKER))
  await page.getByTestId('password-new').fill('Password1')
  await page.getByTestId('password-confirm').fill('Password1')
  await page.getByTestId('password-submit').click()
  await expect(page.getByText('密码太容易被猜中')).toBeVisible()
  await page.getByTestId('password-new').fill(WORKER.password)
  await page.getByTestId('password-confirm').fill(WORKER.password)
  await page.getByTestId('password-submit').click()
  await expect(page).not.toHaveURL(/\/password$/)
  await signOut(page)
})

test('the grid worker sees only what the role allows', async ({ page }) => {
  await signIn(page, WORKER)
  await expect(page.getByText(`欢迎，${WORKER.displayName}`)).toBeVisible()
  await expect(page.getByTestId('menu-home')).toBeVisible()
  for (const menu of ['menu-users', 'menu-roles', 'menu-apikeys', 'menu-audit']) {
    await expect(page.getByTestId(menu)).toHaveCount(0)
  }

  await page.goto('/audit')
  await expect(page.getByTestId('forbidden')).toBeVisible()
  await expect(page.getByText('您没有访问此页面的权限')).toBeVisible()
})

test('the audit administrator finds the creation of worker1 in the audit log', async ({ page }) => {
  await signIn(page, AUDITOR)
  await page.getByTestId('menu-audit').click()
  await expect(page).toHaveURL(/\/audit$/)

  await page.getByLabel('操作', { exact: true }).fill('user.create')
  await page.getByLabel('操作', { exact: true }).press('Enter')
  await page.getByRole('button', { name: '查询' }).click()

  const row = page.getByRole('row').filter({ hasText: `用户名：${WORKER.username}` })
  await expect(row).toContainText('user.create')
  await expect(row).toContainText('创建用户')
  await expect(row).toContainText(ADMIN.username)
})
