import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
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

test('the administrator browses the grids on the tree and the map, and imports a bad file', async ({
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
