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

/**
 * Most actions lead one way. A few lead one of several ways, each named by what happened (a failed
 * 核查 sends the case back for 返工); the action's code in cases.actions.ts names the outcome, and
 * this table alone says where it leads.
 */
export type Targets = Target | { readonly [outcome: string]: Target }

export interface ActionDef {
  zh: string
  en: string
  from: readonly CaseState[]
  to: Targets
  permission: Permission
}

const STATES = Object.keys(CASE_STATES) as CaseState[]
const OPEN: readonly CaseState[] = STATES.filter((s) => CASE_STATES[s].open)

/** The states that end the loop: closed 已结案, rejected, merged and voided. */
export const CLOSED_STATES: readonly CaseState[] = STATES.filter((s) => !CASE_STATES[s].open)

/** Whether a case in this state is still in the loop (a state this table does not know counts as open). */
export function isOpen(state: string): boolean {
  return !CLOSED_STATES.includes(state as CaseState)
}

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
  /** 核查: a failed check sends the case back to whoever handled it (返工). */
  verify: {
    zh: '核查',
    en: 'Verify',
    from: ['handled'],
    to: { passed: 'verified', failed: 'reopened' },
    permission: 'case.verify',
  },
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
  /** 评价: the reporter rates the result; a rating of 2 or less (不满意) reopens the case. */
  rate: {
    zh: '评价',
    en: 'Rate',
    from: ['closed'],
    to: { satisfied: 'same', dissatisfied: 'reopened' },
    permission: 'case.report',
  },
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

type OutcomesOf<T extends Targets> = T extends Target ? never : keyof T & string

/** The named outcomes of the actions that lead more than one way. */
export type Outcome = { [A in CaseAction]: OutcomesOf<(typeof ACTIONS)[A]['to']> }[CaseAction]

const targetsOf = (def: ActionDef): Target[] =>
  typeof def.to === 'string' ? [def.to] : Object.values(def.to)

/** Whether a case in `state` allows the action (resuming needs the state it was suspended from). */
export function allows(action: CaseAction, state: CaseState, suspendedFrom: CaseState | null): boolean {
  const def: ActionDef = ACTIONS[action]
  return def.from.includes(state) && targetsOf(def).some((t) => t !== 'previous' || suspendedFrom !== null)
}

/**
 * The state an action leads to from `state`, or null when the state does not allow it. An action that
 * leads more than one way needs the `outcome` its code decided; one that leads one way takes none.
 */
export function nextState(
  action: CaseAction,
  state: CaseState,
  suspendedFrom: CaseState | null,
  outcome?: Outcome,
): CaseState | null {
  if (!allows(action, state, suspendedFrom)) return null
  const to: Targets = ACTIONS[action].to
  const target = outcome === undefined ? to : typeof to === 'string' ? undefined : to[outcome]
  if (typeof target !== 'string')
    throw new Error(`The action ${action} has no outcome ${outcome ?? '(none named)'}`)
  if (target === 'same') return state
  if (target === 'previous') return suspendedFrom
  return target
}
