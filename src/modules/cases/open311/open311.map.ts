import { type CaseState, isOpen } from '../cases.states'
import type { Duration, FilingStandard } from '../categories/categories.types'

export type Open311Status = 'open' | 'closed'

/** The states that end the loop (closed, rejected, merged, voided) are GeoReport `closed`. */
export function statusOf(state: string): Open311Status {
  return isOpen(state) ? 'open' : 'closed'
}

/**
 * mySociety's extended statuses (the FixMyStreet Open311 extension), for `extended_attributes`:
 * the nearest of theirs to each of ours. 已回退 and 已提级 go back to be routed again (an internal
 * referral); 挂账 waits for a later date; 核查 passed means the fix was seen on the ground.
 */
export const DETAILED_STATUS: Record<CaseState, string> = {
  reported: 'OPEN',
  accepted: 'INVESTIGATING',
  dispatched: 'ACTION_SCHEDULED',
  returned: 'INTERNAL_REFERRAL',
  in_progress: 'IN_PROGRESS',
  handled: 'IN_PROGRESS',
  verified: 'FIXED',
  reopened: 'REOPEN',
  escalated: 'INTERNAL_REFERRAL',
  suspended: 'ACTION_SCHEDULED',
  closed: 'FIXED',
  rejected: 'NO_FURTHER_ACTION',
  merged: 'DUPLICATE',
  voided: 'CANCELLED',
}

export function detailedStatusOf(state: string): string {
  return DETAILED_STATUS[state as CaseState] ?? 'OPEN'
}

/** The running stage's deadline (`expected_datetime`), as the case view's traffic light reads it. */
export function expectedAt(c: {
  state: string
  accept_due: Date | null
  handle_due: Date | null
  verify_due: Date | null
}): Date | null {
  if (c.state === 'reported') return c.accept_due
  if (c.state === 'handled') return c.verify_due
  if (['accepted', 'dispatched', 'in_progress', 'reopened', 'returned', 'escalated'].includes(c.state))
    return c.handle_due
  return null
}

const inWorkingTime = (d: Duration) => ('hours' in d ? `${d.hours} 工作时` : `${d.days} 工作日`)

/** `service_notice`: the category's limits, e.g. 「1 工作时内受理，4 工作时内处置」. */
export function noticeOf(standard: FilingStandard | null): string | null {
  if (!standard) return null
  return `${inWorkingTime(standard.limits.accept)}内受理，${inWorkingTime(standard.limits.handle.normal)}内处置`
}
