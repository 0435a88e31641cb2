import type { Executor } from '../../../db/database'
import { groupsRepo } from './groups.repo'
import { nextVisitDue, type VisitRule } from './groups.schedule'

/**
 * Moves every open membership's next due date to the rules given (after the policy table changed):
 * the same arithmetic as a recorded visit, in one update of the rows whose date moves. Answers how many.
 */
export async function rescheduleAll(
  ex: Executor,
  rules: readonly VisitRule[],
  today: string,
): Promise<number> {
  const moved = (await groupsRepo.open(ex, today)).flatMap((m) => {
    const due = nextVisitDue(
      { groupCode: m.group_code, attention: m.attention, startsOn: m.starts_on, endsOn: m.ends_on },
      m.last_visit_day,
      rules,
    )
    return due === m.next_visit_due ? [] : [{ id: m.id, due }]
  })
  await groupsRepo.setDues(ex, moved)
  return moved.length
}
