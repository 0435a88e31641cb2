import type { Page } from '@playwright/test'
import { expect, test } from './csp-guard'
import { adminApi, createUser, gridAt, gridChain, json, signIn } from './journey'

const run = Date.now().toString(36)
const CHIEF = { username: `street_${run}`, displayName: '钱街道', password: 'Street#2026x' }
/** A micro-grid of the demo district lies under this point; the chief's street holds it. */
const POINT = { lng: 104.0712, lat: 30.6688 }
const SHOTS = process.env.SHOTS_DIR ?? 'test-results'
/** The grid map's fit (GridMap.tsx): 40 px of padding, and the details card's 320 px kept free at a desk. */
const PAD = 40
const CARD = 320

test.use({ viewport: { width: 1280, height: 800 } })

/** Pixel positions across the middle of the fitted grid, from just outside its left side to outside its right. */
async function acrossTheGrid(page: Page) {
  const box = await page.getByTestId('grid-map').boundingBox()
  if (!box) throw new Error('the map has no box')
  const left = box.x + PAD / 2
  const right = box.x + box.width - (box.width >= 2 * CARD ? CARD + PAD : PAD) + PAD / 2
  const middle = box.y + box.height / 2
  return { left, right, middle, centre: (left + right) / 2 }
}

test('a street chief splits a micro-grid of her street by drawing a line on the map, then merges the pieces', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(baseURL ?? '')
  const chain = await gridChain(api, POINT)
  const street = gridAt(chain, 'street')
  const micro = gridAt(chain, 'micro')
  await createUser(api, CHIEF, 'street_chief', { type: 'grid', path: street.path })
  await api.dispose()

  await signIn(page, CHIEF)
  await page.getByTestId('menu-grids').click()
  // Her tree starts at her street, not at the district.
  const tree = page.getByTestId('grid-tree')
  await expect(tree.locator('.ant-tree-treenode')).toHaveCount(1)
  await expect(tree).toContainText(`${street.name} · 街道/镇 ${street.code}`)

  // The micro-grid found by its code: the map fits it, and she may edit, split and merge it.
  const search = page.getByTestId('grid-search').getByRole('searchbox')
  await search.fill(micro.code)
  await search.press('Enter')
  await page.getByTestId(`grid-result-${micro.code}`).click()
  const details = page.getByTestId('grid-details')
  await expect(details.getByTestId('grid-code')).toHaveText(micro.code)
  const actions = details.getByTestId('grid-actions')
  await expect(actions.getByRole('button')).toHaveText(['编辑', '拆分', '合并'])
  await page.screenshot({ path: `${SHOTS}/reshape-details-1280.png` })

  // She draws a line across it: a click outside its west side, one in the middle, a double-click outside its east side.
  await actions.getByRole('button', { name: '拆分' }).click()
  const panel = page.getByTestId('grid-split')
  await expect(panel).toContainText('在地图上依次点击')
  const at = await acrossTheGrid(page)
  // A line that stays inside the grid cuts nothing: the server says so, in Chinese, and she draws again.
  await page.mouse.click(at.centre - 8, at.middle)
  await page.mouse.click(at.centre + 8, at.middle)
  await panel.getByRole('button', { name: '完成' }).click()
  await expect(panel.getByTestId('form-error')).toHaveText('切割线没有从一侧穿过网格到另一侧，请重画')
  await panel.getByRole('button', { name: '重画' }).click()
  await expect(panel.getByTestId('cut-vertices')).toHaveText('已画 0 个点')
  await page.mouse.click(at.left, at.middle)
  await expect(panel.getByTestId('cut-vertices')).toHaveText('已画 1 个点')
  await page.mouse.click(at.centre, at.middle + 2)
  await expect(panel.getByTestId('cut-vertices')).toHaveText('已画 2 个点')
  await page.mouse.dblclick(at.right, at.middle)

  // The two pieces, coloured on the map and in the panel: she names them and keeps the offered codes.
  const north = panel.getByTestId('split-part-0')
  const south = panel.getByTestId('split-part-1')
  await expect(north).toContainText('第 1 块')
  await expect(south).toContainText('第 2 块')
  await north.getByLabel('名称').fill('北片微网格')
  await south.getByLabel('名称').fill('南片微网格')
  const codeOf = async (part: typeof north) =>
    (await part.locator('.ant-select-content, .ant-select-selection-item').first().textContent()) ?? ''
  const northCode = await codeOf(north)
  const southCode = await codeOf(south)
  expect(northCode).toMatch(new RegExp(`^${micro.code.slice(0, -3)}\\d{3}$`))
  expect(southCode).not.toBe(northCode)
  await panel.getByLabel('原因（可选）').fill('新建小区围墙分隔')
  await page.screenshot({ path: `${SHOTS}/reshape-preview-1280.png` })
  await panel.getByRole('button', { name: '确认拆分' }).click()
  await expect(page.getByText('网格已拆分')).toBeVisible()

  // The first new grid shows, with where it came from, when and by whom.
  await expect(details.getByTestId('grid-code')).toHaveText(northCode)
  await expect(details).toContainText('北片微网格')
  const lineage = details.getByTestId('grid-lineage')
  await expect(lineage).toContainText(`拆分自 ${micro.name} ${micro.code}`)
  await expect(lineage).toContainText(CHIEF.username)
  await expect(lineage).toContainText('新建小区围墙分隔')
  await page.screenshot({ path: `${SHOTS}/reshape-done-1280.png` })

  // Both pieces are found by name; the old micro-grid went to them.
  await search.fill('南片微网格')
  await search.press('Enter')
  await page.getByTestId(`grid-result-${southCode}`).click()
  await expect(details.getByTestId('grid-code')).toHaveText(southCode)
  await lineage.getByRole('link', { name: `${micro.name} ${micro.code}` }).click()
  await expect(details.getByTestId('grid-code')).toHaveText(micro.code)
  await expect(details.getByTestId('grid-retired')).toBeVisible()
  await expect(lineage).toContainText('已拆分为 北片微网格')
  await expect(lineage).toContainText('已拆分为 南片微网格')
  await expect(details.getByTestId('grid-actions')).toHaveCount(0)

  // She merges the two pieces again: ticked in the list of sibling micro-grids, named, confirmed.
  await lineage.getByRole('link', { name: `北片微网格 ${northCode}` }).click()
  await expect(details.getByTestId('grid-code')).toHaveText(northCode)
  await details.getByTestId('grid-actions').getByRole('button', { name: '合并' }).click()
  const merge = page.getByTestId('grid-merge')
  await merge.getByLabel(`南片微网格 · ${southCode}`).check()
  await merge.getByLabel('合并后名称').fill('合片微网格')
  await page.screenshot({ path: `${SHOTS}/reshape-merge-1280.png` })
  await merge.getByRole('button', { name: '合并 2 个网格' }).click()
  await expect(page.getByText('网格已合并')).toBeVisible()
  await expect(details).toContainText('合片微网格')
  await expect(lineage).toContainText(`合并自 北片微网格 ${northCode}`)
  await expect(lineage).toContainText(`合并自 南片微网格 ${southCode}`)

  // On a phone the same page is one column: the tree, the map, the details below it.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(page.getByTestId('bottom-nav')).toBeVisible()
  await expect(details).toContainText('合片微网格')
  await page.waitForTimeout(1_000) // the tiles, for the picture
  await page.screenshot({ path: `${SHOTS}/reshape-phone-390.png`, fullPage: true })
  const piece = await json<{ validTo: string | null }>(await page.request.get(`/api/grids/${southCode}`))
  expect(piece.validTo).not.toBeNull()
})
