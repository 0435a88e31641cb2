import { describe, expect, it } from 'vitest'
import type { Actor, Scope } from '../../lib/context'
import {
  mayDefineDepartments,
  mayEndPost,
  mayManageStaff,
  mayReadStaffing,
  mayViewDepartmentStaff,
  mayViewDepartments,
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
