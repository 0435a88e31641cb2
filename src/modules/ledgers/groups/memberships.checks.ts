import type { Executor } from '../../../db/database'
import type { Actor } from '../../../lib/context'
import { badRequest } from '../../../lib/problem'
import { codesRepo } from '../codes/codes.repo'
import { unknownCode } from '../codes/codes.service'
import { maySeeMembership } from './groups.policy'
import { groupsRepo } from './groups.repo'
import type { GroupDetails } from './groups.schema'

/** The checks of a membership written from the screen: its group, its details, its dates, its worker. */

const GROUP_TABLE = 'special_group'

/** Which details a group takes: a correction class for community correction, a risk level for mental illness. */
const DETAIL_GROUPS: Partial<Record<keyof GroupDetails, readonly string[]>> = {
  correctionClass: ['correction'],
  riskLevel: ['mental'],
}

/** A top-level group of the code table, and a sub-kind of that group. */
export async function checkGroup(ex: Executor, group: string, subKind: string | null | undefined) {
  const code = await codesRepo.find(ex, GROUP_TABLE, group)
  if (!code?.active || code.parent_code) throw unknownCode(GROUP_TABLE, group)
  if (subKind) {
    const sub = await codesRepo.find(ex, GROUP_TABLE, subKind)
    if (!sub?.active || sub.parent_code !== group) throw unknownCode(GROUP_TABLE, subKind)
  }
}

/** Only the details its group takes, and a correction class of the code table. */
export async function checkDetails(ex: Executor, group: string, details: GroupDetails) {
  for (const [field, groups] of Object.entries(DETAIL_GROUPS))
    if (details[field as keyof GroupDetails] !== undefined && !groups.includes(group))
      throw badRequest('ledger.detail_not_for_group', `${field} is not a detail of the group ${group}`, {
        field,
        groupCode: group,
      })
  if (details.correctionClass && !(await codesRepo.find(ex, 'correction_class', details.correctionClass)))
    throw unknownCode('correction_class', details.correctionClass)
}

export function checkDates(startsOn: string, endsOn: string | null | undefined) {
  if (endsOn && endsOn < startsOn)
    throw badRequest('ledger.invalid_dates', 'A membership cannot end before it starts', {
      startsOn,
      endsOn,
    })
}

/** The responsible worker: an active user who sees special groups in the membership's grid. */
export async function checkResponsible(ex: Executor, userId: string | null | undefined, gridPath: string) {
  if (!userId) return
  if (!(await groupsRepo.activeUser(ex, userId)))
    throw badRequest('ledger.unknown_user', 'The responsible worker is not an active user', { userId })
  const worker: Actor = {
    type: 'user',
    id: userId,
    name: '',
    grants: await groupsRepo.grantsOf(ex, userId),
  }
  if (!maySeeMembership(worker, { gridPath }))
    throw badRequest(
      'ledger.responsible_out_of_scope',
      'The responsible worker does not see special groups here',
      {
        userId,
      },
    )
}
