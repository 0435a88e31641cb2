import { expect, test } from './csp-guard'
import { ADMIN } from './journey'

test('a wrong password is refused and the user stays on the sign-in page', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('用户名', { exact: true }).fill(ADMIN.username)
  await page.getByLabel('密码', { exact: true }).fill('not-the-password')
  await page.getByRole('button', { name: '登录' }).click()

  await expect(page.getByText('用户名或密码错误')).toBeVisible()
  await expect(page).toHaveURL(/\/login$/)
})
