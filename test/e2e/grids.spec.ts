import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from './csp-guard'
import { ADMIN, signIn } from './journey'

// The e2e server starts on an empty database and loads the demo district (510104) on its first start.
const MICRO_GRID = '510104001001001001'

const badImport = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      // A street's code is the district's 6 digits and 3 more: 4 more is the wrong width.
      properties: { code: '5101040019', name: 'x', level: 'street', parent_code: '510104' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [104, 30.6],
            [104.01, 30.6],
            [104.01, 30.61],
            [104, 30.61],
            [104, 30.6],
          ],
        ],
      },
    },
  ],
}

test('the administrator browses the grids on the tree and the map, sees their staff and notice boards, and imports a bad file', async ({
  page,
}) => {
  await signIn(page, ADMIN)
  await page.getByTestId('menu-grids').click()
  await expect(page).toHaveURL(/\/grids$/)

  // The map opens on the district: a click at its centre picks the deepest grid drawn there.
  const map = page.getByTestId('grid-map')
  await expect(map.locator('canvas')).toBeVisible()
  const box = await map.boundingBox()
  if (!box) throw new Error('the map has no box')
  const details = page.getByTestId('grid-details')
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await expect(details.getByTestId('grid-code')).toHaveText(/^510104\d*$/, { timeout: 1_000 })
  }).toPass({ timeout: 30_000 })

  // The tree loads level by level: the district opens onto its streets.
  const tree = page.getByTestId('grid-tree')
  await expect(tree).toContainText('510104')
  await tree.locator('.ant-tree-switcher').first().click()
  await expect(tree).toContainText('510104001')
  await expect(tree).toContainText('街道/镇')

  // A micro-grid found by its code shows its details and the chain of grids above it.
  await page.getByTestId('grid-search').getByRole('searchbox').fill(MICRO_GRID)
  await page.getByTestId('grid-search').getByRole('searchbox').press('Enter')
  await page.getByTestId(`grid-result-${MICRO_GRID}`).click()
  await expect(details.getByTestId('grid-code')).toHaveText(MICRO_GRID)
  await expect(details).toContainText('微网格')
  await expect(details.getByTestId('grid-breadcrumb').getByRole('link')).toHaveCount(4)

  // Picked on the map instead, the micro-grid shows its staff: the demo gives each a leader 微网格长.
  await details.getByRole('button', { name: '关闭' }).click()
  await expect(details).toBeHidden()
  const fitted = await map.boundingBox()
  if (!fitted) throw new Error('the map has no box')
  // The map fitted the micro-grid to the part of it the details card leaves free (the card is 320 px).
  const freeWidth = fitted.width >= 640 ? fitted.width - 320 : fitted.width
  await page.mouse.click(fitted.x + freeWidth / 2, fitted.y + fitted.height / 2)
  await expect(details.getByTestId('grid-code')).toHaveText(MICRO_GRID)
  const staff = details.getByTestId('grid-staff')
  await expect(staff).toContainText('微网格长')
  const holder = (await staff.getByTestId('grid-post-holder').first().textContent()) ?? ''
  expect(holder).not.toBe('')

  // Its public notice board opens in a new tab: the same person, and the supervision hotline.
  const [notice] = await Promise.all([
    page.waitForEvent('popup'),
    staff.getByRole('link', { name: '公示牌' }).click(),
  ])
  await expect(notice).toHaveURL(new RegExp(`/notice/${MICRO_GRID}$`))
  await expect(notice.locator('h1')).toContainText('网格公示牌')
  await expect(notice.getByText(holder, { exact: true })).toBeVisible()
  await expect(notice.locator('footer')).toContainText('监督电话：12345')
  await notice.close()

  // The grid above it has two workers ("one grid, two workers" 一格两员).
  await details.getByTestId('grid-breadcrumb').getByRole('link').last().click()
  await expect(details.getByTestId('grid-code')).toHaveText(MICRO_GRID.slice(0, 15))
  await expect(staff.getByTestId('grid-post-holder')).toHaveCount(2)
  await expect(staff).toContainText('专职网格员')
  await expect(staff).toContainText('兼职网格员')

  // A file with a code of the wrong width is refused whole, and the table says which feature and why.
  const dir = mkdtempSync(join(tmpdir(), 'wangge-grids-'))
  try {
    const file = join(dir, 'bad-grids.geojson')
    writeFileSync(file, JSON.stringify(badImport))
    await page.locator('input[type="file"]').setInputFiles(file)
    const failures = page.getByTestId('import-failures')
    await expect(failures).toBeVisible()
    await expect(failures).toContainText('grid.code_wrong_width')
    await expect(failures).toContainText('5101040019')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
