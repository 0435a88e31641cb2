import { expect, test } from './csp-guard'
import { ADMIN, signIn } from './journey'

test('switching to English changes the menu, and the choice is kept', async ({ page }) => {
  await signIn(page, ADMIN)
  await expect(page.getByTestId('menu-users')).toHaveText('用户管理')
  await expect(page.getByTestId('menu-grids')).toHaveText('网格')

  await page.getByTestId('lang-switch').getByText('English').click()
  await expect(page.getByTestId('menu-users')).toHaveText('Users')
  await expect(page.getByTestId('menu-grids')).toHaveText('Grids')
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()

  await page.reload()
  await expect(page.getByTestId('menu-home')).toHaveText('Home')
})
