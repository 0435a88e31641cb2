import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json, signIn, signOut } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `clw${RUN}`, displayName: `关联网格员${RUN}`, password: 'Links#2026w' }
const CHIEF = { username: `clc${RUN}`, displayName: `关联书记${RUN}`, password: 'Links#2026c' }
const REASON = `核实事件当事人身份 ${RUN}`
const HERE = { lng: 104.0452, lat: 30.6503 }

/** A resident ID number of this run (GB 11643 check character), found again by an exact search. */
function idNumber(): string {
  const n = Number.parseInt(RUN, 36) % 1000
  const first17 = `51010419800101${String(n).padStart(3, '0')}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}

test('a grid worker links a person to an event from its page, sees them masked there and on the profile; the chief sees the unmask in 查看记录', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const chain = await gridChain(api, HERE)
  const grid = gridAt(chain, 'grid')
  const community = gridAt(chain, 'community')
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await createUser(api, CHIEF, 'community_chief', { type: 'grid', path: community.path })
  const id = idNumber()
  const leaf = chain.at(-1)?.code ?? grid.code
  const person = await api.post('/api/people', {
    data: { kind: '户籍人口', name: '欧阳明月', idNumber: id, gridCode: leaf },
  })
  // A rerun within the same thousand finds the person already filed: the same one serves.
  expect([201, 409]).toContain(person.status())
  const event = await json<{ id: string; no: string }>(
    await api.post('/api/cases', {
      data: { categoryCode: '06010', location: HERE, description: `楼道堆物 ${RUN}`, source: 'hotline' },
    }),
  )
  await api.dispose()

  await signIn(page, WORKER)
  await page.goto(`/cases/${event.id}`)
  const links = page.getByTestId('case-ledger-links')
  await expect(page.getByTestId('case-detail')).toBeVisible()
  await expect(links).toContainText('涉及对象', { timeout: 20_000 })
  await links.getByTestId('case-link-add').click()
  const dialog = page.getByRole('dialog').filter({ hasText: '关联对象' })
  await dialog.getByTestId('case-link-person').click()
  await page.keyboard.type(id)
  await page.locator('.ant-select-item-option').filter({ hasText: '欧阳' }).first().click()
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect(dialog).toBeHidden()
  const entry = links.getByTestId('case-link-person')
  // Masked as the ledgers show it: the name's first character, the ID number's region and last four.
  await expect(entry).toContainText('欧阳**')
  await expect(entry).toContainText(`${id.slice(0, 6)}********${id.slice(-4)}`)
  await expect(links).not.toContainText('欧阳明月')

  await entry.getByRole('link').click()
  await expect(page.getByTestId('person-page')).toBeVisible()
  await expect(page.getByTestId('person-events')).toContainText(event.no)
  await expect(page.getByTestId('person-idNumber')).toContainText('*')
  await page.getByTestId('person-unmask').click()
  await page.getByTestId('unmask-reason').fill(REASON)
  await page.locator('#unmask-ok').click()
  await expect(page.getByTestId('person-idNumber')).toHaveText(id)
  await signOut(page)

  await signIn(page, CHIEF)
  await page.goto('/ledgers/people')
  await page.getByTestId('ledger-tab-reveals').click()
  await expect(page).toHaveURL(/\/ledgers\/reveals$/)
  const reveal = page
    .getByTestId('reveal-entry')
    .filter({ hasText: WORKER.displayName })
    .filter({ hasText: REASON })
  await expect(reveal).toBeVisible()
  await expect(reveal).toContainText('欧阳**')
  await expect(reveal).not.toContainText('欧阳明月')
})
