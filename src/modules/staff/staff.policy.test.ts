import { describe, expect, it } from 'vitest'
import type { Actor, Scope } from '../../lib/context'
import { BUILTIN_ROLES } from '../auth/permissions'
import {
  appointable,
  departmentAbilities,
  mayAppointUser,
  mayDefineDepartments,
  mayEndPost,
  mayManageStaff,
  mayReadStaffing,
  mayViewDepartmentStaff,
  mayViewDepartments,
  postAbilities,
} from './staff.policy'

const COMMUNITY = { path: '510104.001.002' }
const grid = (path: string): Scope => ({ type: 'grid', path })
const holder = (permissions: string[], scope: Scope): Actor => ({
  type: 'user',
  id: 'u',
  name: 'u',
  grants: [{ roleKey: 'r', permissions, scope }],
})

// One row per holding × where it is held (a manager of grids reads them too), relative to the community 510104.001.002.
const actors: Record<string, Actor | null> = {
  anonymous: null,
  'grid.manage over everything': holder(['grid.read', 'grid.manage'], grid('')),
  'grid.manage over the street': holder(['grid.read', 'grid.manage'], grid('510104.001')),
  'grid.manage over another street': holder(['grid.read', 'grid.manage'], grid('510104.002')),
  'user.manage over the community': holder(['user.manage'], grid('510104.001.002')),
  'grid.read over another street': holder(['grid.read'], grid('510104.002')),
  'case.read in a department': holder(['case.read'], { type: 'department', id: 'd' }),
  'user.read in a department': holder(['user.read'], { type: 'department', id: 'd' }),
  'grant.manage over everything': holder(['grant.manage'], grid('')),
}

describe('staff policy, holding × scope', () => {
  it.each([
    // actor, read staffing, manage staff, end a post, define departments, view departments, view their staff
    ['anonymous', false, false, false, false, false, false],
    ['grid.manage over everything', true, true, true, true, true, true],
    ['grid.manage over the street', true, true, true, false, true, false],
    ['grid.manage over another street', true, false, false, false, true, false],
    ['user.manage over the community', false, false, true, false, true, false],
    ['grid.read over another street', true, false, false, false, true, false],
    ['case.read in a department', false, false, false, false, true, false],
    ['user.read in a department', false, false, false, false, false, true],
    ['grant.manage over everything', false, false, false, false, true, false],
  ] as const)('%s', (name, readStaffing, manage, end, define, view, viewStaff) => {
    const actor = actors[name] ?? null
    expect({
      readStaffing: mayReadStaffing(actor),
      manage: mayManageStaff(actor, COMMUNITY),
      end: mayEndPost(actor, COMMUNITY),
      define: mayDefineDepartments(actor),
      view: mayViewDepartments(actor),
      viewStaff: mayViewDepartmentStaff(actor),
    }).toEqual({ readStaffing, manage, end, define, view, viewStaff })
  })
})

describe('appointing a user to a post, by holding × scope', () => {
  const GRID = { path: '510104.001.002.003' }
  const chief = (path: string): Actor => ({
    type: 'user',
    id: 'c',
    name: 'c',
    grants: [
      {
        roleKey: 'community_chief',
        // The built-in role as shipped: a chief appoints workers holding what the chief holds.
        permissions: [...(BUILTIN_ROLES.find((r) => r.key === 'community_chief')?.permissions ?? [])],
        scope: grid(path),
      },
    ],
  })
  it.each([
    // actor, a worker 专职网格员, a grid chief 网格长 (who manages others), a department specialist
    ['a chief of the community above', chief('510104.001.002'), true, true, true],
    ['a chief of the grid itself', chief(GRID.path), true, false, true],
    ['a chief of another community', chief('510104.001.009'), false, false, false],
    ['grid.manage without users', holder(['grid.read', 'grid.manage'], grid('')), false, false, false],
    ['anonymous', null, false, false, false],
  ] as const)('%s', (_, actor, worker, gridChief, specialist) => {
    expect({
      worker: mayAppointUser(actor, GRID, 'full_time_worker'),
      gridChief: mayAppointUser(actor, GRID, 'grid_chief'),
      specialist: mayAppointUser(actor, GRID, 'specialist'),
    }).toEqual({ worker, gridChief, specialist })
  })

  it('lists the posts open to the reader, with a person or a user, and what they may do with a post', () => {
    const above = chief('510104.001.002')
    expect(appointable(above, GRID)).toContainEqual({ post: 'grid_chief', person: true, user: true })
    const ownChief = appointable(chief(GRID.path), GRID)
    expect(ownChief).toContainEqual({ post: 'grid_chief', person: true, user: false })
    expect(ownChief).toContainEqual({ post: 'liaison', person: true, user: true })
    expect(appointable(holder(['grid.read'], grid('')), GRID)).toEqual([])
    expect(postAbilities(above, GRID)).toEqual(['end', 'photo', 'edit'])
    expect(postAbilities(actors['user.manage over the community'] ?? null, GRID)).toEqual(['end'])
    expect(postAbilities(actors['grid.read over another street'] ?? null, GRID)).toEqual([])
  })

  it('gives the department abilities to those who define departments and read their staff', () => {
    expect(departmentAbilities(actors['grid.manage over everything'] ?? null)).toEqual([
      'update',
      'serve',
      'staff',
    ])
    expect(departmentAbilities(actors['user.read in a department'] ?? null)).toEqual(['staff'])
    expect(departmentAbilities(actors['grid.manage over the street'] ?? null)).toEqual([])
  })
})
