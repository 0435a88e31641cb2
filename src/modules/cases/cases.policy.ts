import type { Actor } from '../../lib/context'
import { may, type Target } from '../auth/auth.policy'
import type { Permission } from '../auth/permissions'
import type { CaseRow } from './cases.repo'
import { ACTIONS, allows, type CaseAction, type CaseState } from './cases.states'

/** What the policy needs to know of a case. */
export interface CaseFacts {
  state: CaseState
  suspendedFrom: CaseState | null
  /** The leaf grid holding the case ('' when outside every grid: only deployment-wide staff cover it). */
  gridPath: string
  /** The grid at the handling level, whose staff own the case. */
  ownerPath: string
  departmentId: string | null
  /** Departments summoned by a whistle 吹哨 (the lead among them). */
  participants: readonly string[]
  reporterId: string | null
  selfHandle: boolean
}

/** The facts of a case row the policy decides on. */
export const caseFacts = (row: CaseRow): CaseFacts => ({
  state: row.state as CaseState,
  suspendedFrom: row.suspended_from as CaseState | null,
  gridPath: row.grid_path ?? '',
  ownerPath: row.owner_path ?? '',
  departmentId: row.department_id,
  participants: row.participants ?? [],
  reporterId: row.reporter_id,
  selfHandle: !!row.standard?.selfHandle,
})

const actingOnGround: readonly CaseAction[] = ['start', 'handle', 'return', 'extend']

/**
 * Where an actor's grant must reach for an action: the owning grid for the loop's decisions, the
 * department for a case dispatched to one, the leaf grid for the grid staff on the ground.
 */
function targetsFor(action: CaseAction, c: CaseFacts): Target[] {
  if (actingOnGround.includes(action))
    return c.departmentId ? [{ departmentId: c.departmentId }] : [{ gridPath: c.gridPath }]
  if (action === 'report_in') return c.participants.map((departmentId) => ({ departmentId }))
  if (action === 'self_handle' || action === 'verify')
    return [{ gridPath: c.gridPath }, { gridPath: c.ownerPath }]
  if (action === 'comment')
    return [
      { gridPath: c.ownerPath },
      { gridPath: c.gridPath },
      ...(c.departmentId ? [{ departmentId: c.departmentId }] : []),
      ...c.participants.map((departmentId) => ({ departmentId })),
    ]
  return [{ gridPath: c.ownerPath }]
}

const reaches = (actor: Actor | null, permission: Permission, target: Target) =>
  'gridPath' in (target ?? {}) && (target as { gridPath: string }).gridPath === ''
    ? may(actor, permission) // the root covers what lies outside every grid
    : may(actor, permission, target)

/** May this actor read the case as staff: case.read reaching its grid, owner or department. */
export function mayReadAsStaff(actor: Actor | null, c: CaseFacts): boolean {
  return targetsFor('comment', c).some((t) => reaches(actor, 'case.read', t))
}

/** May this actor read the case: as staff, or as its reporter (who sees only the public parts). */
export function mayReadCase(actor: Actor | null, c: CaseFacts): boolean {
  if (actor && c.reporterId === actor.id) return true
  return mayReadAsStaff(actor, c)
}

/** Whether the actor may take this action on the case now (state, permission, scope and the rule's extras). */
export function mayAct(actor: Actor | null, action: CaseAction, c: CaseFacts): boolean {
  if (!allows(action, c.state, c.suspendedFrom)) return false
  if (action === 'rate') return !!actor && actor.id === c.reporterId
  if (action === 'self_handle' && !c.selfHandle) return false
  const permission = ACTIONS[action].permission
  return targetsFor(action, c).some((t) => reaches(actor, permission, t))
}

/** Every action the actor may take now: the buttons the UI shows. */
export function abilities(actor: Actor | null, c: CaseFacts): CaseAction[] {
  return (Object.keys(ACTIONS) as CaseAction[]).filter((a) => mayAct(actor, a, c))
}
