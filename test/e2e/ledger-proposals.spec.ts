import type { APIRequestContext } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, createUser, json, signedInApi, signIn } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `pw${RUN}`, displayName: `采集网格员${RUN}`, password: 'Propose#2026w' }
const CHIEF = { username: `pc${RUN}`, displayName: `审核社区${RUN}`, password: 'Review#2026c' }
const zh = (s: string) =>
  [...s]
    .map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北中'[parseInt(c, 36) % 31])
    .join('')
// Compound surnames: the masked name keeps them, so each run's people are told apart on screen.
const STALE = `上官${zh(RUN)}`
const PENDING = `诸葛${zh(RUN)}`
const masked = (name: string) => `${name.slice(0, 2)}${'*'.repeat(RUN.length)}`

/** A valid resident ID number (GB 11643), new each run. */
function idNumber(n: number): string {
  const t = Date.now()
  const pad = (v: number, w: number) => String(v).padStart(w, '0')
  const first17 = `110105${1950 + (t % 50)}${pad(1 + (Math.floor(t / 50) % 12), 2)}${pad(1 + (Math.floor(t / 600) % 28), 2)}${pad((Math.floor(t / 7) + n) % 1000, 3)}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}

const propose = (api: APIRequestContext, data: Record<string, unknown>) =>
  api.post('/api/ledgers/proposals', { data: { id: crypto.randomUUID(), kind: 'person', ...data } })

test('a worker’s stale correction shows as a conflict; the chief approves a campaign correction and sees the record change', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const grids = await json<{ items: { code: string; path: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 1 } }),
  )
  const grid = grids.items[0]
  if (!grid) throw new Error('the demo has no grid')
  const community = grid.path.split('.').slice(0, -1).join('.')
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await createUser(admin, CHIEF, 'community_chief', { type: 'grid', path: community })
  await admin.dispose()

  // Two people on the worker's ledger, both teachers (version 1).
  const worker = await signedInApi(base, WORKER)
  const ids: string[] = []
  for (const [i, name] of [STALE, PENDING].entries()) {
    const made = await json<{ id: string }>(
      await worker.post('/api/people', {
        data: { kind: '户籍人口', name, idNumber: idNumber(i), gridCode: grid.code, occupation: '教师' },
      }),
    )
    ids.push(made.id)
  }
  const [staleId, pendingId] = ids as [string, string]

  // While the worker is offline the chief corrects the first person’s occupation on the desk…
  const chief = await signedInApi(base, CHIEF)
  await json(await chief.patch(`/api/people/${staleId}`, { data: { version: 1, occupation: '医生' } }))
  await chief.dispose()
  // …so the worker's queued edit of version 1 comes back as a conflict, nothing applied.
  const stale = await json<{ state: string; fields: { hard: string[] }; current: { version: number } }>(
    await propose(worker, { targetId: staleId, baseVersion: 1, changes: { occupation: '护士' } }),
  )
  expect(stale).toMatchObject({
    state: 'conflict',
    fields: { hard: ['occupation'] },
    current: { version: 2 },
  })
  // An information-verification campaign's correction waits for review.
  const pending = await json<{ state: string }>(
    await propose(worker, {
      targetId: pendingId,
      baseVersion: 1,
      changes: { occupation: '退休', workplace: '市第一中学' },
      source: { campaignId: crypto.randomUUID(), taskId: crypto.randomUUID() },
    }),
  )
  expect(pending.state).toBe('pending')
  await worker.dispose()

  await signIn(page, CHIEF)
  await page.getByTestId('menu-proposals').click()
  await expect(page).toHaveURL(/\/ledgers\/proposals$/)
  await expect(page.getByTestId('proposals-page')).toBeVisible()

  // 冲突: the worker's stale correction, the field both sides changed marked.
  await page.getByTestId('proposals-tab-conflict').click()
  const conflictRow = page.getByRole('row').filter({ hasText: masked(STALE) })
  await expect(conflictRow).toBeVisible()
  await expect(conflictRow.getByTestId('proposal-state-conflict')).toBeVisible()
  await conflictRow.click()
  const drawer = page.getByTestId('proposal-drawer')
  await expect(drawer.getByTestId('proposal-field-occupation')).toContainText('医生')
  await expect(drawer.getByTestId('proposal-field-occupation')).toContainText('护士')
  await expect(drawer.getByTestId('proposal-field-occupation')).toContainText('双方都改了此字段')
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click()

  // 待审核: the campaign's correction; approving applies it onto the version shown.
  await page.getByTestId('proposals-tab-pending').click()
  const pendingRow = page.getByRole('row').filter({ hasText: masked(PENDING) })
  await expect(pendingRow).toBeVisible()
  await pendingRow.click()
  await expect(drawer.getByTestId('proposal-field-occupation')).toContainText('教师')
  await expect(drawer.getByTestId('proposal-field-occupation')).toContainText('退休')
  await expect(drawer.getByTestId('proposal-field-workplace')).toContainText('市第一中学')
  await drawer.getByTestId('proposal-approve').click()
  await expect(page.getByText('已通过，台账已更新')).toBeVisible()
  await expect(drawer.getByTestId('proposal-state-approved')).toBeVisible()

  // The record changed: its profile shows the approved values.
  await drawer.getByRole('link', { name: '查看台账' }).click()
  await expect(page).toHaveURL(new RegExp(`/ledgers/people/${pendingId}$`))
  const profileRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: '职业', exact: true }) })
  await expect(profileRow).toContainText('退休')
  await expect(profileRow).toContainText('市第一中学')

  // 已处理 lists it as approved; the conflict waits still.
  await page.getByTestId('menu-proposals').click()
  await page.getByTestId('proposals-tab-done').click()
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: masked(PENDING) })
      .getByTestId('proposal-state-approved'),
  ).toBeVisible()
})
