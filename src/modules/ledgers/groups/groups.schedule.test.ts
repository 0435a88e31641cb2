import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../lib/context'
import { dueReach, membershipAbilities } from './groups.policy'
import { addDays, chinaDay, dueState, nextVisitDue, ruleFor, type VisitRule, weekOf } from './groups.schedule'

const rules: VisitRule[] = [
  { groupCode: 'elderly_alone', minAttention: 1, everyDays: 7 },
  { groupCode: 'mental', minAttention: 1, everyDays: 30 },
  { groupCode: 'mental', minAttention: 3, everyDays: 14 },
  { groupCode: 'mental', minAttention: 5, everyDays: 3 },
]
const member = (
  groupCode: string,
  attention: number,
  startsOn = '2026-11-02',
  endsOn: string | null = null,
) => ({
  groupCode,
  attention,
  startsOn,
  endsOn,
})

describe('the visit schedule', () => {
  it('takes the rule with the highest level not above the attention', () => {
    expect(ruleFor(rules, 'mental', 1)?.everyDays).toBe(30)
    expect(ruleFor(rules, 'mental', 2)?.everyDays).toBe(30)
    expect(ruleFor(rules, 'mental', 3)?.everyDays).toBe(14)
    expect(ruleFor(rules, 'mental', 4)?.everyDays).toBe(14)
    expect(ruleFor(rules, 'mental', 5)?.everyDays).toBe(3)
    expect(ruleFor(rules, 'disabled', 5)).toBeNull()
    expect(ruleFor([{ groupCode: 'drug', minAttention: 2, everyDays: 10 }], 'drug', 1)).toBeNull()
  })

  it('counts from the start before any visit, then from the last visit', () => {
    expect(nextVisitDue(member('elderly_alone', 1), null, rules)).toBe('2026-11-09')
    expect(nextVisitDue(member('elderly_alone', 1), '2026-11-20', rules)).toBe('2026-11-27')
    expect(nextVisitDue(member('mental', 3), '2026-11-20', rules)).toBe('2026-12-04')
    // Across a month and a year.
    expect(nextVisitDue(member('mental', 1, '2026-12-15'), null, rules)).toBe('2027-01-14')
    // A visit recorded before the start (moved start) counts from the start.
    expect(nextVisitDue(member('elderly_alone', 1, '2026-11-10'), '2026-11-01', rules)).toBe('2026-11-17')
  })

  it('has nothing due without a rule or after the membership ends', () => {
    expect(nextVisitDue(member('disabled_unknown', 1), null, rules)).toBeNull()
    expect(nextVisitDue(member('elderly_alone', 1, '2026-11-02', '2026-11-08'), null, rules)).toBeNull()
    expect(nextVisitDue(member('elderly_alone', 1, '2026-11-02', '2026-11-09'), null, rules)).toBe(
      '2026-11-09',
    )
  })

  it('reads days in China time and weeks from Monday', () => {
    expect(chinaDay(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06')
    expect(chinaDay(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07')
    expect(weekOf('2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' }) // a Sunday
    expect(weekOf('2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' }) // a Monday
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })

  it('says overdue once the due day has passed, due within the week', () => {
    const today = '2026-12-09' // a Wednesday; its week ends on Sunday the 13th
    expect(dueState('2026-12-08', today)).toBe('overdue')
    expect(dueState('2026-12-09', today)).toBe('due')
    expect(dueState('2026-12-13', today)).toBe('due')
    expect(dueState('2026-12-14', today)).toBe('later')
    expect(dueState(null, today)).toBe('none')
  })
})

const actor = (roleKey: string, permissions: string[], path = '1.2'): Actor => ({
  type: 'user',
  id: `u-${roleKey}`,
  name: roleKey,
  grants: [{ roleKey, permissions, scope: { type: 'grid', path } }],
})
const worker = actor('grid_worker', ['ledger.read', 'ledger.write', 'ledger.unmask', 'ledger.special'])
const chief = actor('community_chief', [
  'ledger.read',
  'ledger.write',
  'ledger.unmask',
  'ledger.special',
  'ledger.break_glass',
])
const instructor = actor('grid_instructor', ['ledger.read', 'ledger.special'])
const reader = actor('reader', ['ledger.read', 'ledger.write', 'ledger.unmask'])

describe('who may do what with a membership', () => {
  const inScope = { gridPath: '1.2.3', responsibleUserId: null, ended: false }
  it.each([
    ['the grid worker', worker, inScope, ['update', 'end', 'visit']],
    [
      'the responsible worker',
      worker,
      { ...inScope, responsibleUserId: worker.id },
      ['update', 'end', 'visit', 'unmask'],
    ],
    ['the chief (break-glass)', chief, inScope, ['update', 'end', 'visit', 'unmask']],
    ['the instructor (reads only)', instructor, inScope, []],
    ['a reader without ledger.special', reader, inScope, []],
    ['the worker outside the scope', worker, { ...inScope, gridPath: '1.9' }, []],
    ['the worker, once ended', worker, { ...inScope, ended: true }, ['update']],
  ] as const)('%s', (_who, a, m, abilities) => {
    expect(membershipAbilities(a, m)).toEqual(abilities)
  })

  it('shows a chief their subtree’s due visits and a worker their own', () => {
    expect(dueReach(chief)).toBe('subtree')
    expect(dueReach(worker)).toBe('mine')
  })
})
