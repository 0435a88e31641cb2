import { describe, expect, it } from 'vitest'
import type { Actor, Grant, Scope } from '../../lib/context'
import { BUILTIN_ROLES } from '../auth/permissions'
import { gridAbilities, pageAbilities, rootSubtrees } from './grids.policy'

const grid = (path: string): Scope => ({ type: 'grid', path })
const grant = (roleKey: string, scope: Scope): Grant => {
  const role = BUILTIN_ROLES.find((r) => r.key === roleKey)
  if (!role) throw new Error(`no role ${roleKey}`)
  return { roleKey, permissions: role.permissions, scope }
}
const actor = (...grants: Grant[]): Actor => ({ type: 'user', id: 'u', name: 'u', grants })

const admin = actor(grant('admin', grid('')))
const streetChief = actor(grant('street_chief', grid('510104.001')))
const communityChief = actor(grant('community_chief', grid('510104.001.002')))
const worker = actor(grant('grid_worker', grid('510104.001.002.003')))
const twoGrids = actor(
  grant('grid_worker', grid('510104.002.001.001')),
  grant('grid_worker', grid('510104.001.002.003')),
)
const nested = actor(
  grant('community_chief', grid('510104.001.002')),
  grant('grid_worker', grid('510104.001.002.003')),
)
const officer = actor(grant('department_staff', { type: 'department', id: 'd1' }))

describe('where a reader’s grid tree starts', () => {
  it.each([
    ['a whole-deployment administrator: the deployment’s roots', admin, null],
    ['a street chief: her street', streetChief, ['510104.001']],
    ['a grid worker: his grid', worker, ['510104.001.002.003']],
    ['a worker of two grids: both, in code order', twoGrids, ['510104.001.002.003', '510104.002.001.001']],
    ['a chief who also works a grid of her community: the community only', nested, ['510104.001.002']],
    ['a department officer: nothing', officer, []],
    ['nobody signed in: nothing', null, []],
  ])('%s', (_who, reader, roots) => {
    expect(rootSubtrees(reader)).toEqual(roots)
  })
})

describe('what a reader may do to a grid', () => {
  const current = (path: string) => ({ path, validTo: null })
  it.each([
    ['an administrator, to a district', admin, current('510104'), ['edit', 'split', 'merge']],
    [
      'a street chief, to a community of her street',
      streetChief,
      current('510104.001.002'),
      ['edit', 'split', 'merge'],
    ],
    [
      'a street chief, to her street itself (its parent is above her)',
      streetChief,
      current('510104.001'),
      [],
    ],
    ['a street chief, to a grid of another street', streetChief, current('510104.002.001'), []],
    [
      'a community chief, to a grid of her community',
      communityChief,
      current('510104.001.002.003'),
      ['edit', 'split', 'merge'],
    ],
    ['a grid worker, to his own grid', worker, current('510104.001.002.003'), []],
    ['a grid worker, to a micro-grid of his grid', worker, current('510104.001.002.003.001'), []],
    ['an administrator, to a retired grid', admin, { path: '510104.009', validTo: '2026-01-01' }, []],
  ])('%s', (_who, reader, target, actions) => {
    expect(gridAbilities(reader, target)).toEqual(actions)
  })
})

describe('what a reader may do on the grid page', () => {
  it.each([
    ['an administrator imports', admin, ['import']],
    ['a street chief imports (grids under her street)', streetChief, ['import']],
    ['a grid worker does not', worker, []],
    ['a department officer does not', officer, []],
  ])('%s', (_who, reader, actions) => {
    expect(pageAbilities(reader)).toEqual(actions)
  })
})
