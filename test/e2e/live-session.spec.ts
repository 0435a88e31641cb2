import { expect, test } from './csp-guard'
import { adminApi, createUser, signIn } from './journey'

const RUN = Date.now().toString(36)
const CHIEF = { username: `live_out_${RUN}`, displayName: '孙街道', password: 'Chief#2026live' }

test('a desk signed out from another tab goes to sign-in on its own', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const streets = (await (
    await admin.get('/api/grids', { params: { level: 'street', limit: 1 } })
  ).json()) as {
    items: { path: string }[]
  }
  await createUser(admin, CHIEF, 'street_chief', { type: 'grid', path: streets.items[0]?.path ?? '' })
  await admin.dispose()

  await signIn(page, CHIEF)
  await expect(page.getByTestId('warning-ticker')).toBeVisible()
  // Another tab of the same browser signs out: this page is not told by any request of its own.
  const out = await page.request.post('/api/auth/logout', { headers: { origin: base } })
  expect(out.status()).toBeLessThan(300)
  // The inbox's socket is closed as signed out within its check (2 s here), and the desk asks to sign in;
  // nothing was clicked, and the workbench asks the server nothing else for a minute.
  await expect(page).toHaveURL(/\/login$/, { timeout: 10_000 })
  await expect(page.getByLabel('用户名', { exact: true })).toBeVisible()
})
