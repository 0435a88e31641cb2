import { expect, test } from './csp-guard'
import { adminApi, choose, createUser, signIn } from './journey'

// A run of its own: the journey can be run again on the same server.
const RUN = Date.now().toString(36).slice(-5)
const WORKER = { username: `places${RUN}`, displayName: `楼栋网格员${RUN}`, password: 'Rooms&Units#2026' }
/** The demo district's first grid: its first micro-grids hold the demo's buildings (places.demo.ts). */
const FIRST_GRID = '510104.001.001.001'

test('a grid worker moves a resident out of a demo room, adds a building on the map with a unit and a room, and moves the resident in', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL ?? '')
  await createUser(api, WORKER, 'grid_worker', { type: 'grid', path: FIRST_GRID })
  await api.dispose()
  await signIn(page, WORKER)

  // The list: the demo's buildings of the worker's grid, found by address.
  await page.goto('/ledgers/buildings')
  await page.getByTestId('building-search').getByRole('searchbox').fill('锦华苑 1 栋')
  await page.getByTestId('building-search').getByRole('searchbox').press('Enter')
  const row = page
    .getByTestId('building-table')
    .getByRole('row')
    .filter({ hasText: '锦华路 1 号 锦华苑 1 栋' })
  await expect(row).toBeVisible()
  await row.click()

  // Building → unit → room: the first room of unit 1 someone lives in (a run moves one out), masked.
  const unit = page.getByTestId('unit-group').filter({ hasText: '1 单元' }).first()
  await expect(unit.getByTestId('room-tile').first()).toBeVisible()
  const tile = unit
    .getByTestId('room-tile')
    .filter({ hasText: /[\u4e00-\u9fa5]\*+/ })
    .first()
  const masked = ((await tile.textContent()) ?? '').match(/[\u4e00-\u9fa5]\*+/)?.[0] ?? ''
  expect(masked).not.toBe('')
  await tile.click()
  const drawer = page.getByTestId('room-drawer')
  const occupant = drawer.getByTestId('room-occupants').getByTestId('occupant').filter({ hasText: masked })
  const href = await occupant.getByRole('link').getAttribute('href')
  const personId = href?.split('/').at(-1) ?? ''
  expect(personId).toMatch(/^[0-9a-f-]{36}$/)

  // Moved out (the last day lived there: yesterday); the history keeps the residence.
  await occupant.getByTestId('move-out').click()
  const out = page.locator('.ant-modal').filter({ hasText: '迁出' })
  await out.getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect(out).toBeHidden()
  await expect(drawer.getByTestId('room-occupants').getByTestId('occupant')).toHaveCount(0)
  await expect(drawer.getByTestId('room-history')).toContainText(masked)

  // A new building, placed on the map in the worker's grid.
  await page.goto('/ledgers/buildings')
  await page.getByTestId('building-add').click()
  const form = page.locator('.ant-modal').filter({ hasText: '新增楼栋' })
  await form.getByTestId('building-address').fill(`测试路 ${RUN} 号`)
  await form.getByTestId('building-name').fill(`测试楼${RUN}`)
  await form.getByTestId('building-code').fill(`T${RUN}`)
  const map = form.getByTestId('case-map')
  await expect(map.locator('canvas')).toBeVisible()
  await map.scrollIntoViewIfNeeded()
  const box = await map.boundingBox()
  if (!box) throw new Error('the map has no box')
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await expect(form.getByTestId('case-picked')).toBeVisible()
  await form.getByRole('button', { name: /保\s*存/ }).click()
  await expect(form).toBeHidden()
  await expect(
    page
      .getByRole('heading', { name: `测试路 ${RUN} 号` })
      .or(page.getByText(`测试路 ${RUN} 号`))
      .first(),
  ).toBeVisible()

  // A unit and a room.
  await page.getByTestId('unit-add').click()
  const unitForm = page.locator('.ant-modal').filter({ hasText: '新增单元' })
  await unitForm.getByTestId('unit-name').fill('1单元')
  await unitForm.getByRole('button', { name: /保\s*存/ }).click()
  await expect(unitForm).toBeHidden()
  await page.getByTestId('room-add').click()
  const roomForm = page.locator('.ant-modal').filter({ hasText: '新增房屋' })
  await roomForm.getByTestId('room-number').fill('101')
  await roomForm.getByRole('button', { name: /保\s*存/ }).click()
  await expect(roomForm).toBeHidden()

  // The resident moves in today.
  const newTile = page.getByTestId('room-tile').filter({ hasText: '101' })
  await expect(newTile).toContainText('无人居住')
  await newTile.click()
  await page.getByTestId('move-in').click()
  const moveIn = page.locator('.ant-modal').filter({ hasText: '登记入住' })
  // Found by the record number the link carried (a name or an ID number works the same way).
  await expect(async () => {
    await moveIn.getByTestId('move-in-person').click()
    await moveIn.getByTestId('move-in-person').locator('input').fill(personId)
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: masked })
      .first()
      .click({ timeout: 3_000 })
    await expect(moveIn.getByTestId('move-in-person')).toContainText(masked, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await moveIn.getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect(moveIn).toBeHidden()
  await expect(page.getByTestId('room-drawer').getByTestId('room-occupants')).toContainText(masked)

  // The house fields: the room is now lived in by its owner's family.
  await page.getByTestId('room-edit').click()
  const edit = page.locator('.ant-modal').filter({ hasText: '修改房屋' })
  await choose(page, '居住状况', '自住')
  await edit.getByRole('button', { name: /保\s*存/ }).click()
  await expect(edit).toBeHidden()
  await expect(page.getByTestId('room-drawer')).toContainText('自住')
})
