import { expect, test } from './csp-guard'
import {
  ADMIN,
  AUDITOR,
  adminApi,
  chooseTyped,
  firstPassword,
  json,
  pickInTree,
  settlePassword,
  signIn,
  signOut,
} from './journey'

const RUN = Date.now().toString(36).slice(-5)
const CHIEF = { username: `chief-${RUN}`, displayName: `社区书记${RUN}`, password: 'Chief#2026x' }
const DISTRICT = '510104'
const STREET = '510104001'
const COMMUNITY = '510104001001'
/** Not the community's first grid: the grid journey counts that one's two workers. */
const SHORT_GRID = `${COMMUNITY}002`

test('an administrator grants a role in a community picked from the grid tree; its holder sees that subtree only, and the auditor reads the grant', async ({
  page,
  baseURL,
}) => {
  const api = await adminApi(baseURL ?? '')
  await json(
    await api.post('/api/users', {
      data: { ...CHIEF, password: firstPassword(CHIEF), grants: [] },
    }),
  )
  await settlePassword(CHIEF)
  const roles = await json<{ key: string; nameZh: string }[]>(await api.get('/api/roles'))
  const role = roles.find((r) => r.key === 'grid_worker')
  if (!role) throw new Error('no grid_worker role')
  const { items } = await json<{ items: { code: string; name: string }[] }>(
    await api.get('/api/grids/outline', { params: { parent: STREET } }),
  )
  const community = items.find((g) => g.code === COMMUNITY)
  if (!community) throw new Error(`no community ${COMMUNITY}`)
  // One of the two workers of a grid in the community leaves: the grid is understaffed (一格两员).
  const posts = await json<{ id: string; post: string }[]>(await api.get(`/api/grids/${SHORT_GRID}/posts`))
  const worker = posts.find((p) => p.post.endsWith('_worker'))
  if (!worker) throw new Error(`no worker in ${SHORT_GRID}`)
  expect((await api.delete(`/api/grids/${SHORT_GRID}/posts/${worker.id}`)).status()).toBe(204)
  await api.dispose()

  // The administrator grants the role with a scope picked from the tree: district → street → community.
  await signIn(page, ADMIN)
  await page.getByTestId('menu-users').click()
  await page.getByTestId('user-search').getByRole('searchbox').fill(CHIEF.username)
  await page.getByTestId('user-search').getByRole('searchbox').press('Enter')
  const row = page.getByRole('row').filter({ hasText: CHIEF.username })
  await row.getByRole('button', { name: '授予角色' }).click()
  const dialog = page.getByRole('dialog').filter({ hasText: '授予角色' })
  // Typed: the list is virtual, and a role below its first screen is not drawn until scrolled to.
  await chooseTyped(page, '角色', role.nameZh)
  await dialog.getByTestId('scope-path').click()
  await pickInTree(page, [DISTRICT, STREET, COMMUNITY])
  await expect(dialog.getByTestId('scope-path')).toContainText(community.name)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(row).toContainText(role.nameZh)
  await signOut(page)

  // Its holder's home page lists the understaffed grids of that community, and none elsewhere.
  await signIn(page, CHIEF)
  const understaffed = page.getByTestId('understaffed')
  await expect(understaffed.getByRole('listitem').filter({ hasText: SHORT_GRID })).toContainText(
    '网格员 1 名',
  )
  for (const item of await understaffed.getByRole('listitem').allTextContents())
    expect(item).toContain(COMMUNITY)

  // Its grid page opens on that community: no district, no other street.
  await page.getByTestId('menu-grids').click()
  const tree = page.getByTestId('grid-tree')
  await expect(tree).toContainText(COMMUNITY)
  await expect(tree.locator('.ant-tree-treenode')).toHaveCount(1)
  await tree.locator('.ant-tree-switcher').first().click()
  await expect(tree).toContainText(`${COMMUNITY}001`)
  await expect(tree).not.toContainText('510104002')
  await signOut(page)

  // 三员分立: the audit administrator reads the grant in words: the action, the role and the grid by name.
  await signIn(page, AUDITOR)
  await page.getByTestId('menu-audit').click()
  await page.getByLabel('操作', { exact: true }).fill('role.grant')
  await page.getByLabel('操作', { exact: true }).press('Enter')
  await page.getByRole('button', { name: '查询' }).click()
  const grant = page.getByRole('row').filter({ hasText: community.name }).first()
  await expect(grant).toContainText('授予角色')
  await expect(grant).toContainText(`角色：${role.nameZh} (grid_worker)`)
  await expect(grant).toContainText(`网格：${community.name}`)
  await expect(grant).toContainText('系统管理员 (admin)')
})
