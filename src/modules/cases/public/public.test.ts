import { describe, expect, it } from 'vitest'
import type { Actor, Scope } from '../../../lib/context'
import { isPublicCategory, mayUnmaskContact } from '../cases.publication'
import type { TransitionRow } from '../cases.repo'
import { canRate, toPublicCase } from './public.presenter'
import type { TrackedRow } from './public.repo'

describe('isPublicCategory', () => {
  it.each([
    ['06010', 'city', true],
    ['01001', 'city', true],
    ['90001', 'city', true],
    ['21001', 'social', true],
    ['23001', 'social', true],
    ['24001', 'social', true],
    ['27001', 'social', true],
    ['22001', 'social', false],
    ['25001', 'social', false],
    ['26001', 'social', false],
    ['28001', 'social', false],
  ])('%s (%s) → %s', (code, catalogue, expected) => {
    expect(isPublicCategory({ code, catalogue })).toBe(expected)
  })
})

const actor = (roleKey: string, permissions: string[], scope: Scope): Actor => ({
  type: 'user',
  id: 'u1',
  name: 'u',
  grants: [{ roleKey, permissions, scope }],
})
const grid = (path: string): Scope => ({ type: 'grid', path })

describe('mayUnmaskContact', () => {
  const c = { gridPath: '510104.001.001.001', ownerPath: '510104.001' }
  it.each([
    ['the street chief owning it (accept)', actor('street_chief', ['case.accept'], grid('510104.001')), true],
    [
      'an instructor over its grid (supervise)',
      actor('grid_instructor', ['case.supervise'], grid('510104.001.001')),
      true,
    ],
    ['a deployment-wide shift lead', actor('shift_lead', ['case.accept'], grid('')), true],
    [
      'a grid worker of its grid',
      actor('grid_worker', ['case.read', 'case.handle'], grid(c.gridPath)),
      false,
    ],
    ['a chief of another street', actor('street_chief', ['case.accept'], grid('510104.002')), false],
    ['department staff', actor('department_staff', ['case.read'], { type: 'department', id: 'd' }), false],
    ['nobody', null, false],
  ])('%s → %s', (_, who, expected) => {
    expect(mayUnmaskContact(who, c)).toBe(expected)
  })

  it('leaves a case outside every grid to deployment-wide grants', () => {
    const outside = { gridPath: null, ownerPath: null }
    expect(mayUnmaskContact(actor('a', ['case.accept'], grid('')), outside)).toBe(true)
    expect(mayUnmaskContact(actor('a', ['case.accept'], grid('510104')), outside)).toBe(false)
  })
})

const step = (
  action: string,
  from: string | null,
  to: string,
  extra: Partial<TransitionRow> = {},
): TransitionRow => ({
  id: action,
  action,
  from_state: from,
  to_state: to,
  actor_id: 'staff-id',
  actor_name: '王科长',
  actor_role: 'street_chief',
  at: new Date('2026-11-23T02:00:00Z'),
  public_text: null,
  private_note: '内部备注',
  data: { department: 'secret' },
  ...extra,
})

describe('canRate', () => {
  const closed = [step('report', null, 'reported'), step('self_handle', 'reported', 'closed')]
  it('is true once a case is closed and until it is rated', () => {
    expect(canRate('reported', closed.slice(0, 1))).toBe(false)
    expect(canRate('closed', closed)).toBe(true)
    expect(canRate('closed', [...closed, step('comment', 'closed', 'closed')])).toBe(true)
    expect(canRate('closed', [...closed, step('rate', 'closed', 'closed')])).toBe(false)
  })
  it('is true again when a reopened case is closed again', () => {
    const again = [
      ...closed,
      step('rate', 'closed', 'reopened'),
      step('start', 'reopened', 'in_progress'),
      step('handle', 'in_progress', 'handled'),
      step('verify', 'handled', 'verified'),
      step('close', 'verified', 'closed'),
    ]
    expect(canRate('closed', again)).toBe(true)
    expect(canRate('closed', [...again, step('rate', 'closed', 'closed')])).toBe(false)
  })
})

describe('toPublicCase', () => {
  const row: TrackedRow = {
    id: 'id',
    no: 'E20261123000001',
    version: 3,
    state: 'accepted',
    category_code: '06010',
    category_zh: '暴露垃圾',
    category_en: 'Exposed waste',
    address: null,
    reported_at: new Date('2026-11-23T02:00:00Z'),
    rating: null,
    rating_text: null,
    tracking_token_hash: 'digest',
  }
  it('keeps only the public side: no notes, names, roles, data or token digest', () => {
    const view = toPublicCase(
      row,
      [
        step('report', null, 'reported', { actor_role: 'resident', actor_name: null, private_note: null }),
        step('accept', 'reported', 'accepted', { public_text: '已受理' }),
      ],
      [],
    )
    expect(view.timeline).toEqual([
      expect.objectContaining({
        action: 'report',
        actionName: { zh: '上报', en: 'Reported' },
        by: 'resident',
      }),
      expect.objectContaining({
        action: 'accept',
        publicText: '已受理',
        by: 'staff',
        toName: { zh: '已立案', en: 'Accepted' },
      }),
    ])
    const text = JSON.stringify(view)
    for (const hidden of ['内部备注', '王科长', 'street_chief', 'secret', 'digest', 'staff-id'])
      expect(text).not.toContain(hidden)
    expect(view).toMatchObject({
      stateName: { zh: '已立案' },
      canRate: false,
      reportedAt: '2026-11-23T02:00:00.000Z',
    })
  })
})
