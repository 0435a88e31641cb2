import { type Locator, type Page, request } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, createUser, json, signIn } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `hw${RUN}`, displayName: `户籍网格员${RUN}`, password: 'Household#2026w' }
// Names in Chinese characters, one per character of the run, so each run's people are found alone.
const zh = (s: string) =>
  [...s]
    .map((c) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北中'[parseInt(c, 36) % 31])
    .join('')
const HEAD = `欧阳${zh(RUN)}`
const MEMBER = `司马${zh(RUN)}`
const NUMBER = `HH-${RUN}`
const TAG = `独居${zh(RUN)}`
// As the screens show them: a compound surname kept, the rest hidden.
const HEAD_SHOWN = `欧阳${'*'.repeat(RUN.length)}`
const MEMBER_SHOWN = `司马${'*'.repeat(RUN.length)}`

/** A valid resident ID number (GB 11643: region, birth date, sequence, check character), new each run. */
function idNumber(n: number): string {
  const t = Date.now()
  const pad = (v: number, w: number) => String(v).padStart(w, '0')
  const first17 = `110105${1950 + (t % 50)}${pad(1 + (Math.floor(t / 50) % 12), 2)}${pad(1 + (Math.floor(t / 600) % 28), 2)}${pad((Math.floor(t / 7) + n) % 1000, 3)}`
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'.charAt(sum % 11)
}

/** Picks a person in a PersonPicker by typing their name (their only match). */
async function pick(page: Page, picker: Locator, name: string) {
  await picker.click()
  await picker.locator('input').fill(name)
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
  await expect(option).toHaveCount(1)
  await option.click()
}

/** Chooses an option of an antd Select by its text. */
async function choose(page: Page, select: Locator, text: string) {
  await select.click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click()
}

const saveDialog = (page: Page) => page.getByRole('dialog').locator('.ant-btn-primary').click()

test('a grid worker registers a household with its head and a member, sees it on the profile, tags a person and finds them by the tag', async ({
  page,
  baseURL,
}) => {
  // Two people, a household and a tag through five screens: longer than one screen's journey.
  test.setTimeout(240_000)
  const base = baseURL ?? ''
  const admin = await adminApi(base)
  const grids = await json<{ items: { code: string; path: string }[] }>(
    await admin.get('/api/grids', { params: { level: 'grid', limit: 1 } }),
  )
  const grid = grids.items[0]
  if (!grid) throw new Error('the demo has no grid')
  await createUser(admin, WORKER, 'grid_worker', { type: 'grid', path: grid.path })
  await admin.dispose()
  // The two people, registered by the worker through the API (the people form has its own journey).
  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } })
  await json(await api.post('/api/auth/login', { data: WORKER }))
  for (const [i, name] of [HEAD, MEMBER].entries())
    await json(
      await api.post('/api/people', {
        data: { kind: '户籍人口', name, idNumber: idNumber(i), gridCode: grid.code },
      }),
    )
  await api.dispose()

  await signIn(page, WORKER)
  await page.getByTestId('menu-ledgers').click()
  await page.getByTestId('ledger-tab-households').click()
  await expect(page).toHaveURL(/\/ledgers\/households$/)

  // A new household: its number, its head picked by name, and its room.
  await page.getByTestId('household-add').click()
  await page.getByTestId('household-number-input').fill(NUMBER)
  await pick(page, page.getByTestId('household-head-picker'), HEAD)
  // Its room: the building found by its standard address, then a room of it.
  await page.getByTestId('household-building').click()
  await page.getByTestId('household-building').locator('input').fill('锦华苑 2 栋')
  // Options by their text: the head picker's list may still be closing when the next one opens.
  await page.locator('.ant-select-item-option').filter({ hasText: '锦华苑 2 栋' }).first().click()
  await page.getByTestId('household-room').click()
  await page.locator('.ant-select-item-option').filter({ hasText: '1 单元' }).first().click()
  await saveDialog(page)
  await expect(page.getByTestId('household-page')).toBeVisible()
  await expect(page.getByTestId('household-title')).toHaveText(NUMBER)
  await expect(page.getByTestId('household-head')).toHaveText(HEAD_SHOWN)
  // The room shows masked: the road kept, the numbers hidden.
  await expect(page.getByTestId('household-page')).toContainText('锦华路')

  // A member, the head's spouse.
  await page.getByTestId('household-add-member').click()
  await pick(page, page.getByTestId('member-picker'), MEMBER)
  await choose(page, page.getByTestId('member-relation'), '配偶')
  await saveDialog(page)
  const members = page.getByTestId('household-member')
  await expect(members).toHaveCount(2)
  await expect(members.filter({ hasText: MEMBER_SHOWN })).toContainText('配偶')

  // The change of head: the spouse heads the household, the former head becomes their spouse.
  await page.getByTestId('household-change-head').click()
  await choose(page, page.getByTestId('head-picker'), MEMBER_SHOWN)
  await choose(page, page.getByTestId('head-former-relation'), '配偶')
  await saveDialog(page)
  await expect(page.getByTestId('household-head')).toHaveText(MEMBER_SHOWN)

  // Found in the list by the household number, then by the head's name.
  await page.getByTestId('ledger-tab-households').click()
  await page.getByTestId('household-search').getByRole('searchbox').fill(NUMBER)
  await page.getByTestId('household-search').getByRole('searchbox').press('Enter')
  await expect(page.getByTestId('household-number')).toHaveText([NUMBER])
  await page.getByTestId('household-search').getByRole('searchbox').fill(MEMBER)
  await page.getByTestId('household-search').getByRole('searchbox').press('Enter')
  await expect(page.getByTestId('household-number')).toHaveText([NUMBER])
  await page.getByTestId('household-number').click()

  // The member's profile shows the household, whose number leads back to it.
  await members.filter({ hasText: HEAD_SHOWN }).getByTestId('household-member-link').click()
  await expect(page.getByTestId('person-page')).toBeVisible()
  await expect(page.getByTestId('person-household')).toContainText(MEMBER_SHOWN)
  await page.getByTestId('person-household-link').click()
  await expect(page.getByTestId('household-title')).toHaveText(NUMBER)
  await members.filter({ hasText: HEAD_SHOWN }).getByTestId('household-member-link').click()

  // A tag on the profile, then the people list filtered by it finds this person alone.
  await page.getByTestId('person-tag-add').click()
  await page.getByTestId('person-tag-input').fill(` ${TAG} `)
  await page.getByTestId('person-tag-input').press('Enter')
  await expect(page.getByTestId('person-tag')).toHaveText([TAG])
  await expect(page.getByTestId('person-changes')).toContainText(TAG)
  await page.getByTestId('ledger-tab-people').click()
  await page.getByTestId('people-tag').getByRole('searchbox').fill(TAG)
  await page.getByTestId('people-tag').getByRole('searchbox').press('Enter')
  const table = page.getByTestId('people-table')
  await expect(table.getByTestId('person-link')).toHaveText([HEAD_SHOWN])
  await expect(table).toContainText(TAG)
})
