import { describe, expect, it } from 'vitest'
import type { Actor, Grant, Scope } from '../../lib/context'
import { may, mayAssign, mayGrant, mayManageUser, pathCovers, scopeCovers, type Target } from './auth.policy'
import { BUILTIN_ROLES, builtinRoles, dutiesOf, type Permission } from './permissions'

const ROOT: Scope = { type: 'grid', path: '' }
const grid = (path: string): Scope => ({ type: 'grid', path })
const DEPT = '0190a3b4-0000-7000-8000-000000000001'
const OTHER_DEPT = '0190a3b4-0000-7000-8000-000000000002'

function permissionsOf(roleKey: string): readonly string[] {
  const role = BUILTIN_ROLES.find((r) => r.key === roleKey)
  if (!role) throw new Error(`no built-in role ${roleKey}`)
  return role.permissions
}

const grant = (roleKey: string, scope: Scope): Grant => ({
  roleKey,
  permissions: permissionsOf(roleKey),
  scope,
})
const user = (...grants: Grant[]): Actor => ({ type: 'user', id: 'u', name: 'u', grants })

const admin = user(grant('admin', ROOT))
// 社区负责人 of community 510104.001.002
const communityChief = user(grant('community_chief', grid('510104.001.002')))
// 网格指导员 of the same community: supervises, appoints no one
const gridInstructor = user(grant('grid_instructor', grid('510104.001.002')))
// 街道负责人 of street 510104.001
const streetChief = user(grant('street_chief', grid('510104.001')))
const departmentStaff = user(grant('department_staff', { type: 'department', id: DEPT }))
const dispatchKey: Actor = {
  type: 'api_key',
  id: 'k',
  name: 'hotline',
  grants: [grant('dispatcher', grid('510104'))],
}

describe('pathCovers: ancestor by path segment, as ltree @>', () => {
  it.each([
    ['', '510104.001.002', true, 'the root covers everything'],
    ['', '', true, 'the root covers itself'],
    ['510104.001.002', '510104.001.002', true, 'a path covers itself'],
    ['510104.001.002', '510104.001.002.07', true, 'a path covers its subtree'],
    ['510104.001.002', '510104.001.003', false, 'a sibling is not covered'],
    ['510104.001.002', '510104.001', false, 'a parent is not covered'],
    ['510104.001.002', '510104.001.0021', false, 'a string-prefix look-alike is not covered'],
    ['510104.001.002', '', false, 'a path does not cover the root'],
  ])('pathCovers(%j, %j) is %s: %s', (a, b, expected) => {
    expect(pathCovers(a, b)).toBe(expected)
  })
})

describe('scopeCovers', () => {
  const cases: [string, Scope, Target, boolean][] = [
    ['root grid scope, no target', ROOT, undefined, true],
    ['root grid scope, a department', ROOT, { departmentId: DEPT }, true],
    ['grid scope, own subtree', grid('510104.001.002'), { gridPath: '510104.001.002.07' }, true],
    ['grid scope, sibling', grid('510104.001.002'), { gridPath: '510104.001.003' }, false],
    ['grid scope, parent', grid('510104.001.002'), { gridPath: '510104.001' }, false],
    ['grid scope, prefix look-alike', grid('510104.001.002'), { gridPath: '510104.001.0021' }, false],
    ['grid scope, no target (whole deployment)', grid('510104.001.002'), undefined, false],
    ['grid scope, a department', grid('510104.001.002'), { departmentId: DEPT }, false],
    ['department scope, its department', { type: 'department', id: DEPT }, { departmentId: DEPT }, true],
    [
      'department scope, another department',
      { type: 'department', id: DEPT },
      { departmentId: OTHER_DEPT },
      false,
    ],
    ['department scope, a grid', { type: 'department', id: DEPT }, { gridPath: '510104' }, false],
    ['department scope, no target', { type: 'department', id: DEPT }, undefined, false],
  ]
  it.each(cases)('%s', (_name, scope, target, expected) => {
    expect(scopeCovers(scope, target)).toBe(expected)
  })
})

describe('may: one row per role × relation', () => {
  const own = { gridPath: '510104.001.002' }
  const cases: [string, Actor | null, Permission, Target, boolean][] = [
    ['admin, whole deployment', admin, 'user.manage', undefined, true],
    ['admin, any grid', admin, 'case.dispatch', own, true],
    ['admin, any department', admin, 'case.handle', { departmentId: DEPT }, true],
    ['community chief, own community', communityChief, 'case.dispatch', own, true],
    [
      'community chief, a grid inside',
      communityChief,
      'case.dispatch',
      { gridPath: '510104.001.002.07' },
      true,
    ],
    [
      'community chief, sibling community',
      communityChief,
      'case.dispatch',
      { gridPath: '510104.001.003' },
      false,
    ],
    ['community chief, parent street', communityChief, 'case.dispatch', { gridPath: '510104.001' }, false],
    [
      'community chief, prefix look-alike',
      communityChief,
      'case.dispatch',
      { gridPath: '510104.001.0021' },
      false,
    ],
    ['community chief, whole deployment', communityChief, 'case.dispatch', undefined, false],
    ['grid instructor, a permission not held', gridInstructor, 'user.manage', own, false],
    ['department staff, own department', departmentStaff, 'case.handle', { departmentId: DEPT }, true],
    [
      'department staff, another department',
      departmentStaff,
      'case.handle',
      { departmentId: OTHER_DEPT },
      false,
    ],
    ['department staff, a grid', departmentStaff, 'case.handle', own, false],
    ['API key, inside its scope', dispatchKey, 'case.dispatch', { gridPath: '510104.001' }, true],
    ['API key, outside its scope', dispatchKey, 'case.dispatch', { gridPath: '510105' }, false],
    ['API key, a permission its role lacks', dispatchKey, 'user.manage', { gridPath: '510104.001' }, false],
    ['nobody', null, 'case.read', undefined, false],
    ['nobody, a grid', null, 'case.read', own, false],
  ]
  it.each(cases)('%s', (_name, actor, permission, target, expected) => {
    expect(may(actor, permission, target)).toBe(expected)
  })
})

describe('mayGrant: nobody hands out more than they hold, or outside their scope', () => {
  const instructor = permissionsOf('grid_instructor')
  const cases: [string, Actor | null, 'user.manage' | 'apikey.manage', readonly string[], Scope, boolean][] =
    [
      ['admin grants admin at the root (a peer)', admin, 'user.manage', permissionsOf('admin'), ROOT, false],
      [
        'admin grants a shift lead at the root',
        admin,
        'user.manage',
        permissionsOf('shift_lead'),
        ROOT,
        true,
      ],
      [
        'admin grants a street chief in a street',
        admin,
        'user.manage',
        permissionsOf('street_chief'),
        grid('510104.001'),
        true,
      ],
      [
        'street chief grants a community chief in a community inside',
        streetChief,
        'user.manage',
        permissionsOf('community_chief'),
        grid('510104.001.002'),
        true,
      ],
      [
        'community chief grants a community chief in the same community (a peer)',
        communityChief,
        'user.manage',
        permissionsOf('community_chief'),
        grid('510104.001.002'),
        false,
      ],
      [
        'community chief grants a community chief in a grid inside',
        communityChief,
        'user.manage',
        permissionsOf('community_chief'),
        grid('510104.001.002.07'),
        true,
      ],
      [
        'community chief grants a grid worker in the same community',
        communityChief,
        'user.manage',
        permissionsOf('grid_worker'),
        grid('510104.001.002'),
        true,
      ],
      [
        'a merged administrator issues a root key with admin rights',
        user({ roleKey: 'admin', permissions: ['*'], scope: ROOT }),
        'apikey.manage',
        permissionsOf('admin'),
        ROOT,
        true,
      ],
      [
        'admin issues a key in a department (keys are the security administrator’s)',
        admin,
        'apikey.manage',
        permissionsOf('department_staff'),
        { type: 'department', id: DEPT },
        false,
      ],
      ['street chief, own street', streetChief, 'user.manage', instructor, grid('510104.001'), true],
      [
        'street chief, a community inside',
        streetChief,
        'user.manage',
        instructor,
        grid('510104.001.002'),
        true,
      ],
      ['street chief, another street', streetChief, 'user.manage', instructor, grid('510104.002'), false],
      ['street chief, the district above', streetChief, 'user.manage', instructor, grid('510104'), false],
      ['street chief, prefix look-alike', streetChief, 'user.manage', instructor, grid('510104.0012'), false],
      [
        'street chief, a department',
        streetChief,
        'user.manage',
        instructor,
        { type: 'department', id: DEPT },
        false,
      ],
      [
        'street chief, more permissions than held (admin)',
        streetChief,
        'user.manage',
        permissionsOf('admin'),
        grid('510104.001.002'),
        false,
      ],
      [
        'street chief, issuing an API key (no apikey.manage)',
        streetChief,
        'apikey.manage',
        instructor,
        grid('510104.001'),
        false,
      ],
      [
        'grid instructor, no user.manage',
        gridInstructor,
        'user.manage',
        ['case.read'],
        grid('510104.001.002'),
        false,
      ],
      ['nobody', null, 'user.manage', ['case.read'], ROOT, false],
    ]
  it.each(cases)('%s', (_name, actor, via, permissions, scope, expected) => {
    expect(mayGrant(actor, via, permissions, scope)).toBe(expected)
  })

  it('counts permissions held in another grant covering the same scope', () => {
    const chiefAndReporter = user(
      { roleKey: 'personnel', permissions: ['user.manage', 'case.read'], scope: grid('510104.001') },
      grant('resident', grid('510104.001.002')),
    )
    const reportAndRead = ['case.report', 'case.read']
    expect(mayGrant(chiefAndReporter, 'user.manage', reportAndRead, grid('510104.001.002'))).toBe(true)
    expect(mayGrant(chiefAndReporter, 'user.manage', reportAndRead, grid('510104.001.003'))).toBe(false)
  })
})

describe('mayManageUser: only someone who could have granted every one of the target’s grants', () => {
  const cases: [string, Actor | null, Grant[], boolean][] = [
    ['admin, another administrator (a peer)', admin, [grant('admin', ROOT)], false],
    ['admin manages a whole-deployment shift lead', admin, [grant('shift_lead', ROOT)], true],
    ['admin manages a street chief', admin, [grant('street_chief', grid('510104.001'))], true],
    [
      'community chief, another chief of the same community',
      communityChief,
      [grant('community_chief', grid('510104.001.002'))],
      false,
    ],
    [
      'community chief, a chief of the same community who is also a worker below',
      communityChief,
      [grant('community_chief', grid('510104.001.002')), grant('grid_worker', grid('510104.001.002.07'))],
      false,
    ],
    [
      'community chief, a grid worker of the same community',
      communityChief,
      [grant('grid_worker', grid('510104.001.002'))],
      true,
    ],
    [
      'street chief, a community chief inside',
      streetChief,
      [grant('community_chief', grid('510104.001.002'))],
      true,
    ],
    [
      'street chief, another street chief of the same street',
      streetChief,
      [grant('street_chief', grid('510104.001'))],
      false,
    ],
    [
      'department-scoped manager, a peer in the department',
      user({
        roleKey: 'dept_head',
        permissions: ['user.manage', 'case.handle'],
        scope: { type: 'department', id: DEPT },
      }),
      [
        {
          roleKey: 'dept_head',
          permissions: ['user.manage', 'case.handle'],
          scope: { type: 'department', id: DEPT },
        },
      ],
      false,
    ],
    ['admin manages a user with no grant', admin, [], true],
    [
      'street chief manages an instructor inside',
      streetChief,
      [grant('grid_instructor', grid('510104.001.002'))],
      true,
    ],
    [
      'street chief, an instructor in another street',
      streetChief,
      [grant('grid_instructor', grid('510104.002'))],
      false,
    ],
    [
      'street chief, one grant inside and one outside',
      streetChief,
      [grant('grid_instructor', grid('510104.001.002')), grant('grid_instructor', grid('510104.002'))],
      false,
    ],
    ['street chief, the administrator', streetChief, [grant('admin', ROOT)], false],
    ['street chief, a user with no grant', streetChief, [], false],
    ['grid instructor (no user.manage)', gridInstructor, [grant('resident', grid('510104.001.002'))], false],
    ['nobody', null, [grant('resident', grid('510104.001.002'))], false],
  ]
  it.each(cases)('%s', (_name, actor, targetGrants, expected) => {
    expect(mayManageUser(actor, targetGrants)).toBe(expected)
  })
})

describe('三员分立: the three administrators’ duties', () => {
  it('no built-in role holds two of the system, security and audit duties', () => {
    for (const role of BUILTIN_ROLES)
      expect(dutiesOf(role.permissions).length, role.key).toBeLessThanOrEqual(1)
    expect(dutiesOf(permissionsOf('admin'))).toEqual(['system'])
    expect(dutiesOf(permissionsOf('security_admin'))).toEqual(['security'])
    expect(dutiesOf(permissionsOf('audit_admin'))).toEqual(['audit'])
  })

  it('gives admin everything again only when the deployment merges them', () => {
    const merged = builtinRoles(true).find((r) => r.key === 'admin')
    expect(dutiesOf(merged?.permissions ?? [])).toEqual(['system', 'security', 'audit'])
    expect(builtinRoles(false)).toBe(BUILTIN_ROLES)
  })

  const security = user(grant('security_admin', ROOT))
  const securityKey: Actor = { type: 'api_key', id: 'k', name: 'k', grants: [grant('security_admin', ROOT)] }
  const nobody = { userId: 'target', grants: [] }
  const peer = (roleKey: string) => ({ userId: 'target', grants: [grant(roleKey, ROOT)] })
  const worker = permissionsOf('grid_worker')
  const chief = permissionsOf('street_chief')
  it.each<
    [string, Actor, string | null, { userId: string; grants: Grant[] }, readonly string[], Scope, boolean]
  >([
    ['the security administrator grants a role below it', security, 'u', nobody, chief, grid('510104'), true],
    [
      'the security administrator grants to itself',
      security,
      'u',
      { userId: 'u', grants: [] },
      worker,
      ROOT,
      false,
    ],
    ['a key grants to its creator', securityKey, 'target', nobody, worker, grid('510104'), false],
    ['a key grants to someone else', securityKey, 'creator', nobody, worker, grid('510104'), true],
    ['a peer security administrator', security, 'u', peer('security_admin'), worker, grid('510104'), false],
    ['the audit administrator', security, 'u', peer('audit_admin'), worker, grid('510104'), false],
    ['the system administrator', security, 'u', peer('admin'), worker, grid('510104'), false],
    ['a managing role at its own level', security, 'u', nobody, permissionsOf('audit_admin'), ROOT, false],
    ['the system administrator has no grant.manage', admin, 'u', nobody, worker, grid('510104'), false],
    [
      'the audit administrator has no grant.manage',
      user(grant('audit_admin', ROOT)),
      'u',
      nobody,
      worker,
      ROOT,
      false,
    ],
  ])('mayAssign: %s', (_name, actor, person, target, permissions, scope, expected) => {
    expect(mayAssign(actor, person, target, { permissions, scope })).toBe(expected)
  })
})
