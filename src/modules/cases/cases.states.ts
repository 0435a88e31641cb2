import type { Permission } from '../auth/permissions'

/**
 * The states of an event (case) 事件. Open states run a clock; `closed`, `rejected`, `merged` and
 * `voided` end the loop (a closed case may still be reopened by its reporter's bad rating).
 */
export const CASE_STATES = {
  reported: { zh: '待受理', en: 'Reported', open: true },
  accepted: { zh: '已立案', en: 'Accepted', open: true },
  dispatched: { zh: '已派遣', en: 'Dispatched', open: true },
  returned: { zh: '已回退', en: 'Returned', open: true },
  in_progress: { zh: '处置中', en: 'In progress', open: true },
  handled: { zh: '待核查', en: 'Handled', open: true },
  verified: { zh: '待结案', en: 'Verified', open: true },
  reopened: { zh: '返工', en: 'Reopened', open: true },
  escalated: { zh: '已提级', en: 'Escalated', open: true },
  suspended: { zh: '挂账', en: 'Suspended', open: true },
  closed: { zh: '已结案', en: 'Closed', open: false },
  rejected: { zh: '不予立案', en: 'Rejected', open: false },
  merged: { zh: '已合并', en: 'Merged', open: false },
  voided: { zh: '已作废', en: 'Voided', open: false },
} as const

export type CaseState = keyof typeof CASE_STATES

/** Where an action leads: a state, the state the case was in before it was suspended, or nowhere (a note). */
export type Target = CaseState | 'previous' | 'same'

export interface ActionDef {
  zh: string
  en: string
  from: readonly CaseState[]
  to: Target
  permission: Permission
}

const OPEN: readonly CaseState[] = (Object.keys(CASE_STATES) as CaseState[]).filter(
  (s) => CASE_STATES[s].open,
)
const WORKING: readonly CaseState[] = [
  'accepted',
  'dispatched',
  'returned',
  'in_progress',
  'reopened',
  'escalated',
]

/**
 * The one table of allowed transitions (ARCHITECTURE.md): no other code changes `cases.state`. Who
 * may act is further narrowed by scope (grid path or department) in cases.policy.ts.
 */
export const ACTIONS = {
  accept: {
    zh: '受理立案',
    en: 'Accept',
    from: ['reported', 'returned'],
    to: 'accepted',
    permission: 'case.accept',
  },
  reject: { zh: '不予立案', en: 'Reject', from: ['reported'], to: 'rejected', permission: 'case.accept' },
  merge: { zh: '合并', en: 'Merge', from: ['reported', 'accepted'], to: 'merged', permission: 'case.accept' },
  void: { zh: '作废', en: 'Void', from: ['reported', 'accepted'], to: 'voided', permission: 'case.void' },
  dispatch: {
    zh: '派遣',
    en: 'Dispatch',
    from: ['accepted', 'escalated', 'reopened', 'returned'],
    to: 'dispatched',
    permission: 'case.dispatch',
  },
  return: { zh: '回退', en: 'Return', from: ['dispatched'], to: 'returned', permission: 'case.handle' },
  start: {
    zh: '开始处置',
    en: 'Start',
    from: ['dispatched', 'reopened'],
    to: 'in_progress',
    permission: 'case.handle',
  },
  handle: {
    zh: '处置完成',
    en: 'Handled',
    from: ['dispatched', 'in_progress'],
    to: 'handled',
    permission: 'case.handle',
  },
  verify: { zh: '核查', en: 'Verify', from: ['handled'], to: 'verified', permission: 'case.verify' },
  close: { zh: '结案', en: 'Close', from: ['verified'], to: 'closed', permission: 'case.close' },
  reopen: {
    zh: '重新办理',
    en: 'Reopen',
    from: ['handled', 'verified', 'closed'],
    to: 'reopened',
    permission: 'case.close',
  },
  escalate: { zh: '提级', en: 'Escalate', from: WORKING, to: 'escalated', permission: 'case.dispatch' },
  suspend: { zh: '挂账', en: 'Suspend', from: WORKING, to: 'suspended', permission: 'case.supervise' },
  resume: { zh: '恢复办理', en: 'Resume', from: ['suspended'], to: 'previous', permission: 'case.supervise' },
  self_handle: {
    zh: '自行处置',
    en: 'Self-handle',
    from: ['reported'],
    to: 'closed',
    permission: 'case.handle',
  },
  comment: { zh: '备注', en: 'Comment', from: [...OPEN, 'closed'], to: 'same', permission: 'case.read' },
  rate: { zh: '评价', en: 'Rate', from: ['closed'], to: 'same', permission: 'case.report' },
  revisit: { zh: '回访', en: 'Revisit', from: ['closed'], to: 'same', permission: 'case.supervise' },
  /** 吹哨: a street or town summons several departments; one leads, the others assist. */
  whistle: {
    zh: '吹哨',
    en: 'Whistle',
    from: ['accepted', 'escalated', 'reopened', 'returned'],
    to: 'dispatched',
    permission: 'case.whistle',
  },
  /** 报到: a summoned department reports in. */
  report_in: {
    zh: '报到',
    en: 'Report in',
    from: ['dispatched', 'in_progress'],
    to: 'same',
    permission: 'case.handle',
  },
  /** 督办: a supervisor issues a graded notice (the sweep issues them by the clock). */
  supervise: {
    zh: '督办',
    en: 'Supervise',
    from: ['reported', ...WORKING, 'handled'],
    to: 'same',
    permission: 'case.supervise',
  },
  /** 延期申请: the handler asks for more time. */
  extend: { zh: '延期申请', en: 'Request extension', from: WORKING, to: 'same', permission: 'case.handle' },
  /** 延期审批: a dispatcher grants or refuses it. */
  decide_extension: {
    zh: '延期审批',
    en: 'Decide extension',
    from: WORKING,
    to: 'same',
    permission: 'case.dispatch',
  },
} as const satisfies Record<string, ActionDef>

export type CaseAction = keyof typeof ACTIONS
export const CASE_ACTIONS = Object.keys(ACTIONS) as [CaseAction, ...CaseAction[]]

/** The state an action leads to from `state`, or null when the state does not allow it. */
export function nextState(
  action: CaseAction,
  state: CaseState,
  suspendedFrom: CaseState | null,
): CaseState | null {
  const def: ActionDef = ACTIONS[action]
  if (!def.from.includes(state)) return null
  if (def.to === 'same') return state
  if (def.to === 'previous') return suspendedFrom
  return def.to
}
