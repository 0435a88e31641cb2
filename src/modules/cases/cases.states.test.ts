import { describe, expect, it } from 'vitest'
import {
  ACTIONS,
  allows,
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseState,
  CLOSED_STATES,
  isOpen,
  nextState,
  type Outcome,
} from './cases.states'

/** A state, the state itself (`same`), or the state the case was suspended from (`previous`). */
type Lead = CaseState | 'same' | 'previous'

const STATES = Object.keys(CASE_STATES) as CaseState[]
const WORKING: CaseState[] = ['accepted', 'dispatched', 'returned', 'in_progress', 'reopened', 'escalated']
const OPEN: CaseState[] = [...WORKING, 'reported', 'handled', 'verified', 'suspended']
const each = (states: CaseState[], lead: Lead | Record<string, Lead>) =>
  Object.fromEntries(states.map((s) => [s, lead]))

/**
 * Where each action leads from each state that allows it, written out apart from the table so that
 * any change to the table fails here. A state not named refuses the action; an action that leads more
 * than one way names each outcome.
 */
const EXPECTED: Record<CaseAction, Partial<Record<CaseState, Lead | Record<string, Lead>>>> = {
  accept: { reported: 'accepted', returned: 'accepted' },
  reject: { reported: 'rejected' },
  merge: { reported: 'merged', accepted: 'merged' },
  void: { reported: 'voided', accepted: 'voided' },
  dispatch: each(['accepted', 'escalated', 'reopened', 'returned'], 'dispatched'),
  return: { dispatched: 'returned' },
  start: { dispatched: 'in_progress', reopened: 'in_progress' },
  handle: { dispatched: 'handled', in_progress: 'handled' },
  verify: { handled: { passed: 'verified', failed: 'reopened' } },
  close: { verified: 'closed' },
  reopen: each(['handled', 'verified', 'closed'], 'reopened'),
  escalate: each(WORKING, 'escalated'),
  suspend: each(WORKING, 'suspended'),
  resume: { suspended: 'previous' },
  self_handle: { reported: 'closed' },
  comment: each([...OPEN, 'closed'], 'same'),
  rate: { closed: { satisfied: 'same', dissatisfied: 'reopened' } },
  revisit: { closed: 'same' },
  whistle: each(['accepted', 'escalated', 'reopened', 'returned'], 'dispatched'),
  report_in: each(['dispatched', 'in_progress'], 'same'),
  supervise: each(['reported', ...WORKING, 'handled'], 'same'),
  extend: each(WORKING, 'same'),
  decide_extension: each(WORKING, 'same'),
}

// A suspended case in these tests was suspended while in progress.
const SUSPENDED_FROM: CaseState = 'in_progress'
const suspendedFrom = (state: CaseState) => (state === 'suspended' ? SUSPENDED_FROM : null)
const resolve = (lead: Lead, state: CaseState): CaseState =>
  lead === 'same' ? state : lead === 'previous' ? SUSPENDED_FROM : lead

describe('the state table: every action from every state', () => {
  const pairs = STATES.flatMap((state) => CASE_ACTIONS.map((action) => [state, action] as const))

  it.each(pairs)('a %s case: %s', (state, action) => {
    const lead = EXPECTED[action][state]
    const from = suspendedFrom(state)
    expect(allows(action, state, from)).toBe(lead !== undefined)
    if (lead === undefined) {
      expect(nextState(action, state, from)).toBeNull()
    } else if (typeof lead === 'string') {
      expect(nextState(action, state, from)).toBe(resolve(lead, state))
    } else {
      expect(Object.keys(ACTIONS[action].to).sort()).toEqual(Object.keys(lead).sort())
      for (const [outcome, to] of Object.entries(lead))
        expect(nextState(action, state, from, outcome as Outcome), outcome).toBe(resolve(to, state))
    }
  })
})

describe('outcomes', () => {
  it('needs the outcome of an action that leads more than one way, and refuses one it does not name', () => {
    expect(() => nextState('verify', 'handled', null)).toThrow(/verify has no outcome/)
    expect(() => nextState('rate', 'closed', null, 'passed')).toThrow(/rate has no outcome passed/)
  })

  it('takes no outcome for an action that leads one way', () => {
    expect(() => nextState('close', 'verified', null, 'passed')).toThrow(/close has no outcome passed/)
  })

  it('does not ask for an outcome when the state refuses the action anyway', () => {
    expect(nextState('verify', 'closed', null)).toBeNull()
  })
})

describe('resume', () => {
  it.each(WORKING)('returns a case suspended while %s to that state', (from) => {
    expect(nextState('resume', 'suspended', from)).toBe(from)
  })

  it('is refused for a suspended case that does not know where it was', () => {
    expect(allows('resume', 'suspended', null)).toBe(false)
    expect(nextState('resume', 'suspended', null)).toBeNull()
  })
})

describe('open and closed states', () => {
  it('closes the loop in exactly closed, rejected, merged and voided', () => {
    expect([...CLOSED_STATES].sort()).toEqual(['closed', 'merged', 'rejected', 'voided'])
    expect(STATES.filter(isOpen).sort()).toEqual([...OPEN].sort())
  })

  it('counts a state it does not know as open, as the lists it replaced did', () => {
    expect(isOpen('archived')).toBe(true)
  })
})
