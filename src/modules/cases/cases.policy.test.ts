import { describe, expect, it } from 'vitest'
import type { Actor, Scope } from '../../lib/context'
import { BUILTIN_ROLES } from '../auth/permissions'
import { abilities, type CaseFacts, mayAct, mayReadCase } from './cases.policy'
import { allows, CASE_STATES, type CaseAction, type CaseState } from './cases.states'

// The case lies in grid g1 of community c1, which owns it at the community level.
const COMMUNITY = '510104.001.001'
const GRID = `${COMMUNITY}.001`
const OTHER_COMMUNITY = '510104.001.002'
const MY_DEPARTMENT = '0190a3b4-0000-7000-8000-000000000001'
const LEAD_DEPARTMENT = '0190a3b4-0000-7000-8000-000000000002'
const REPORTER = 'reporter'

type Relation =
  | 'reporter'
  | 'owner grid'
  | 'leaf grid'
  | 'assigned department'
  | 'summoned department'
  | 'out of scope'

/** Where the actor's grant lies and what the case looks like from there. */
const RELATIONS: Record<Relation, { scope: Scope; actorId: string; case: Partial<CaseFacts> }> = {
  // Reported it, and holds their role somewhere else.
  reporter: { scope: { type: 'grid', path: OTHER_COMMUNITY }, actorId: REPORTER, case: {} },
  // Staff of the grid at the handling level (社区), above the case's own grid.
  'owner grid': { scope: { type: 'grid', path: COMMUNITY }, actorId: 'staff', case: {} },
  // Staff of the case's own grid only (网格).
  'leaf grid': { scope: { type: 'grid', path: GRID }, actorId: 'staff', case: {} },
  // The case was dispatched to the actor's department.
  'assigned department': {
    scope: { type: 'department', id: MY_DEPARTMENT },
    actorId: 'staff',
    case: { departmentId: MY_DEPARTMENT },
  },
  // A whistle 吹哨 summoned the actor's department to assist another that leads.
  'summoned department': {
    scope: { type: 'department', id: MY_DEPARTMENT },
    actorId: 'staff',
    case: { departmentId: LEAD_DEPARTMENT, participants: [LEAD_DEPARTMENT, MY_DEPARTMENT] },
  },
  'out of scope': { scope: { type: 'grid', path: OTHER_COMMUNITY }, actorId: 'staff', case: {} },
}

const STAFF_ON_GROUND = 'read return start handle verify self_handle comment extend'
const DEPARTMENT_HANDLER = 'read return start handle comment extend'
const SUMMONED_HANDLER = 'read report_in comment'
const REPORTER_ONLY = {
  reporter: 'read rate',
  'owner grid': '',
  'leaf grid': '',
  'assigned department': '',
  'summoned department': '',
  'out of scope': '',
}
const READER_ONLY = 'read comment'

/**
 * What each built-in role may do in each relation when the state allows it: `read` is mayReadCase,
 * the rest are actions. Written out apart from the policy so that a change to it fails here; the
 * states that allow each action are tested cell by cell in cases.states.test.ts.
 */
const EXPECTED = {
  admin: {
    reporter: 'read rate',
    'owner grid':
      'read accept reject merge void dispatch return start handle verify close reopen escalate suspend resume self_handle comment revisit whistle supervise extend decide_extension',
    'leaf grid': STAFF_ON_GROUND,
    'assigned department': DEPARTMENT_HANDLER,
    'summoned department': SUMMONED_HANDLER,
    'out of scope': '',
  },
  security_admin: REPORTER_ONLY,
  audit_admin: REPORTER_ONLY,
  intake_clerk: {
    reporter: 'read rate',
    'owner grid': 'read accept reject merge comment',
    'leaf grid': READER_ONLY,
    'assigned department': READER_ONLY,
    'summoned department': READER_ONLY,
    'out of scope': '',
  },
  shift_lead: {
    reporter: 'read rate',
    'owner grid':
      'read accept reject merge void dispatch close reopen escalate suspend resume comment revisit supervise decide_extension',
    'leaf grid': READER_ONLY,
    'assigned department': READER_ONLY,
    'summoned department': READER_ONLY,
    'out of scope': '',
  },
  dispatcher: {
    reporter: 'read rate',
    'owner grid': 'read dispatch escalate comment decide_extension',
    'leaf grid': READER_ONLY,
    'assigned department': READER_ONLY,
    'summoned department': READER_ONLY,
    'out of scope': '',
  },
  street_chief: {
    reporter: 'read rate',
    'owner grid':
      'read accept reject merge void dispatch return start handle verify close reopen escalate suspend resume self_handle comment revisit whistle supervise extend decide_extension',
    'leaf grid': STAFF_ON_GROUND,
    'assigned department': DEPARTMENT_HANDLER,
    'summoned department': SUMMONED_HANDLER,
    'out of scope': '',
  },
  community_chief: {
    reporter: 'read rate',
    'owner grid':
      'read accept reject merge dispatch return start handle verify close reopen escalate suspend resume self_handle comment revisit supervise extend decide_extension',
    'leaf grid': STAFF_ON_GROUND,
    'assigned department': DEPARTMENT_HANDLER,
    'summoned department': SUMMONED_HANDLER,
    'out of scope': '',
  },
  grid_instructor: {
    reporter: 'read rate',
    'owner grid': 'read suspend resume comment revisit supervise',
    'leaf grid': READER_ONLY,
    'assigned department': READER_ONLY,
    'summoned department': READER_ONLY,
    'out of scope': '',
  },
  grid_worker: {
    reporter: 'read rate',
    'owner grid': STAFF_ON_GROUND,
    'leaf grid': STAFF_ON_GROUND,
    'assigned department': DEPARTMENT_HANDLER,
    'summoned department': SUMMONED_HANDLER,
    'out of scope': '',
  },
  department_staff: {
    reporter: 'read rate',
    'owner grid': 'read return start handle self_handle comment extend',
    'leaf grid': 'read return start handle self_handle comment extend',
    'assigned department': DEPARTMENT_HANDLER,
    'summoned department': SUMMONED_HANDLER,
    'out of scope': '',
  },
  resident: REPORTER_ONLY,
} satisfies Record<string, Record<Relation, string>>

const STATES = Object.keys(CASE_STATES) as CaseState[]

function caseIn(state: CaseState, overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    state,
    suspendedFrom: state === 'suspended' ? 'in_progress' : null,
    gridPath: GRID,
    ownerPath: COMMUNITY,
    departmentId: null,
    participants: [],
    reporterId: REPORTER,
    // The category lets grid staff handle it on the spot (自行处置).
    selfHandle: true,
    ...overrides,
  }
}

function actorOf(roleKey: string, scope: Scope, id: string): Actor {
  const role = BUILTIN_ROLES.find((r) => r.key === roleKey)
  if (!role) throw new Error(`no built-in role ${roleKey}`)
  return { type: 'user', id, name: id, grants: [{ roleKey, permissions: role.permissions, scope }] }
}

const words = (s: string) => s.split(' ').filter(Boolean)

describe('the case policy: every built-in role, in every relation to the case, in every state', () => {
  it('names every built-in role', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(BUILTIN_ROLES.map((r) => r.key).sort())
  })

  const rows = (Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]).flatMap((role) =>
    (Object.keys(RELATIONS) as Relation[]).map((relation) => [role, relation] as const),
  )

  it.each(rows)('%s, %s', (role, relation) => {
    const { scope, actorId, case: shape } = RELATIONS[relation]
    const actor = actorOf(role, scope, actorId)
    const expected = words(EXPECTED[role][relation])
    const actions = expected.filter((w) => w !== 'read') as CaseAction[]
    for (const state of STATES) {
      const c = caseIn(state, shape)
      expect(mayReadCase(actor, c), `read, ${state}`).toBe(expected.includes('read'))
      const allowedNow = actions.filter((a) => allows(a, state, c.suspendedFrom))
      expect([...abilities(actor, c)].sort(), state).toEqual(allowedNow.sort())
    }
  })
})

describe('the rule extras', () => {
  it('offers self-handling 自行处置 only for a category that admits it', () => {
    const chief = actorOf('street_chief', { type: 'grid', path: COMMUNITY }, 'staff')
    expect(mayAct(chief, 'self_handle', caseIn('reported'))).toBe(true)
    expect(mayAct(chief, 'self_handle', caseIn('reported', { selfHandle: false }))).toBe(false)
  })

  it('lets only a deployment-wide grant act on a case outside every grid', () => {
    const outside = caseIn('reported', { gridPath: '', ownerPath: '' })
    const streetChief = actorOf('street_chief', { type: 'grid', path: '510104.001' }, 'staff')
    const admin = actorOf('admin', { type: 'grid', path: '' }, 'staff')
    expect(abilities(streetChief, outside)).toEqual([])
    expect(mayReadCase(streetChief, outside)).toBe(false)
    expect(mayAct(admin, 'accept', outside)).toBe(true)
    expect(mayReadCase(admin, outside)).toBe(true)
  })

  it('hands the ground work of a case dispatched to a department to that department, not the grid', () => {
    const worker = actorOf('grid_worker', { type: 'grid', path: GRID }, 'staff')
    const dispatched = caseIn('dispatched', { departmentId: LEAD_DEPARTMENT })
    expect(mayAct(worker, 'handle', dispatched)).toBe(false)
    expect(mayAct(worker, 'handle', caseIn('dispatched'))).toBe(true)
  })
})
