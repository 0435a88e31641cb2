import { daysBetween } from '../ledgers/groups/groups.schedule'
import type { RaisedWarning } from './warnings.repo'
import type { MissedVisit } from './warnings.rules.repo'

/**
 * Missed visits 走访逾期: a member of a special group 重点人群 not visited by their plan's due day.
 * One warning per membership and due day (a visit moves the due day on: a later miss is another
 * warning). Red once a whole further period has gone by. The title and inputs name the group and the
 * grid, never the person: the membership's id is there for those who may open it on the ledger's
 * masked screens (ledger.special over the grid, which the warning's readers need too).
 */
export function visitWarnings(missed: MissedVisit[], today: string): RaisedWarning[] {
  return missed.map((m) => {
    const late = daysBetween(m.due, today)
    return {
      rule: 'visit_missed',
      scopePath: m.grid_path,
      dedupKey: `visit_missed|${m.membership_id}|${m.due}`,
      level: m.every_days !== null && late >= m.every_days ? 'red' : 'yellow',
      titleZh: `${m.grid_name}有一名${m.group_zh}（重点人群）已超过走访计划 ${late} 天未走访（应于 ${m.due} 前）`,
      titleEn: `A person of group ${m.group_en} in ${m.grid_name} has had no visit for ${late} days beyond their plan (due ${m.due})`,
      categoryCode: null,
      location: null,
      inputs: {
        membershipId: m.membership_id,
        groupCode: m.group_code,
        due: m.due,
        daysLate: late,
        everyDays: m.every_days,
      },
    }
  })
}
