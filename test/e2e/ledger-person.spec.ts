import { expect, test } from './csp-guard'
import { adminApi, createUser, json, signIn, signOut } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `lw${RUN}`, displayName: `台账网格员${RUN}`, password: 'Ledger#2026w' }
const CHIEF = { username: `lc${RUN}`, displayName: `社区书记${RUN}`, password: 'Ledger#2026c' }
const REASON = `入户走访核对身份 ${RUN}`

test('a grid worker opens a person masked and shows them in clear with a reason; the community chief sees who looked and why', async ({
  page,
  baseURL,
}) => {
  // The demo district's people live in its first grids: a worker of the first, its community's chief.
  const api = await adminApi(baseURL ?? '')
  const grids = await json<{ items: { code: string; path: string }[] }>(
    await api.get('/api/grids', { params: { level: 'grid', limit: 1 } }),
  )
  const grid = grids.items[0]
  if (!grid) throw new Error('the demo has no grid')
  const community = grid.path.split('.').slice(0, -1).join('.')
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await createUser(api, CHIEF, 'community_chief', { type: 'grid', path: community })
  await api.dispose()

  await signIn(page, WORKER)
  await page.getByTestId('menu-ledgers').click()
  await expect(page).toHaveURL(/\/ledgers\/people$/)
  const table = page.getByTestId('people-table')
  await expect(table.getByTestId('person-link').first()).toBeVisible()
  // Masked everywhere: every ID number in the list hides its middle.
  await expect(table.locator('code').first()).toContainText('*')

  // A person the worker may show in clear (members of special groups need break-glass).
  const links = table.getByTestId('person-link')
  let opened = false
  for (let i = 0; i < 5 && !opened; i++) {
    await links.nth(i).click()
    await expect(page.getByTestId('person-page')).toBeVisible()
    if (await page.getByTestId('person-unmask').isVisible()) opened = true
    else await page.goBack()
  }
  expect(opened).toBe(true)
  const personUrl = page.url()
  await expect(page.getByTestId('person-idNumber')).toContainText('*')
  await expect(page.getByTestId('person-phone')).toContainText('*')

  await page.getByTestId('person-unmask').click()
  await page.getByTestId('unmask-reason').fill(REASON)
  await page.locator('#unmask-ok').click()
  await expect(page.getByTestId('person-clear-alert')).toBeVisible()
  await expect(page.getByTestId('person-idNumber')).not.toContainText('*')
  await expect(page.getByTestId('person-idNumber')).toHaveText(/^[0-9A-Z]{8,18}$/)
  await expect(page.getByTestId('person-phone')).toHaveText(/^1\d{10}$/)
  // Hidden again at the reader's word, before the two minutes are up.
  await page.getByTestId('person-mask').click()
  await expect(page.getByTestId('person-idNumber')).toContainText('*')
  await signOut(page)

  await signIn(page, CHIEF)
  await page.goto(personUrl)
  const log = page.getByTestId('person-access-log')
  const entry = log
    .getByTestId('access-entry')
    .filter({ hasText: WORKER.displayName })
    .filter({ hasText: '显示明文' })
  await expect(entry).toBeVisible()
  await expect(entry.getByTestId('access-reason')).toContainText(REASON)
})
