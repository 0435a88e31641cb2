import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import type { Duration } from './calendar/calendar'

export interface PendingExtension {
  id: string
  duration: Duration
  reason: string
}

/** The whistle's participants, the extension requests, the supervision notices and the merge lock of a case. */
export const loopRepo = {
  async summon(
    ex: Executor,
    caseId: string,
    departments: { id: string; role: 'lead' | 'assist' }[],
    at: Date,
    reportDue: Date,
  ): Promise<void> {
    await ex.execute(sql`delete from case_participants where case_id = ${caseId}`)
    await ex.execute(sql`insert into case_participants (case_id, department_id, role, summoned_at, report_due)
      values ${sql.join(
        departments.map((d) => sql`(${caseId}, ${d.id}, ${d.role}, ${at}, ${reportDue})`),
        sql`, `,
      )}`)
  },

  /** Marks these departments reported in; answers the codes of those that had not yet. */
  async reportIn(ex: Executor, caseId: string, departmentIds: string[], at: Date): Promise<string[]> {
    if (departmentIds.length === 0) return []
    const rows = await queryRows<{ code: string }>(
      ex,
      sql`update case_participants p set reported_at = ${at} from departments d
        where p.case_id = ${caseId} and p.reported_at is null and d.id = p.department_id
          and p.department_id in (${sql.join(
            departmentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) returning d.code`,
    )
    return rows.map((r) => r.code)
  },

  async participants(
    ex: Executor,
    caseId: string,
  ): Promise<{ code: string; name: string; role: string; report_due: Date; reported_at: Date | null }[]> {
    return queryRows(
      ex,
      sql`select d.code, d.name, p.role, p.report_due, p.reported_at from case_participants p
        join departments d on d.id = p.department_id where p.case_id = ${caseId} order by p.role desc, d.code`,
    )
  },

  async pendingExtension(ex: Executor, caseId: string): Promise<PendingExtension | undefined> {
    const [row] = await queryRows<PendingExtension>(
      ex,
      sql`select id, duration, reason from case_extensions where case_id = ${caseId} and decided_at is null`,
    )
    return row
  },

  async requestExtension(
    ex: Executor,
    e: { caseId: string; by: string | null; at: Date; duration: Duration; reason: string },
  ): Promise<void> {
    await ex.execute(sql`insert into case_extensions (id, case_id, requested_by, requested_at, duration, reason)
      values (${uuidv7()}, ${e.caseId}, ${e.by}, ${e.at}, ${JSON.stringify(e.duration)}::jsonb, ${e.reason})`)
  },

  async decideExtension(ex: Executor, id: string, by: string | null, at: Date, approved: boolean) {
    await ex.execute(sql`update case_extensions set decided_by = ${by}, decided_at = ${at}, approved = ${approved}
      where id = ${id}`)
  },

  /** The state of a case, its row locked until the transaction ends (a merge target checked again). */
  async lockedState(ex: Executor, caseId: string): Promise<string | undefined> {
    const [row] = await queryRows<{ state: string }>(
      ex,
      sql`select state from cases where id = ${caseId} for update`,
    )
    return row?.state
  },

  /** A supervision notice 督办单: its grade, the stage it was earned in, and whether it goes to the head. */
  async issueSupervision(
    ex: Executor,
    n: {
      caseId: string
      grade: string
      stage: string | null
      at: Date
      by: string | null
      note: string | null
    },
  ): Promise<void> {
    await ex.execute(sql`insert into supervision_notices (id, case_id, grade, stage, issued_at, issued_by, to_head, note)
          values (${uuidv7()}, ${n.caseId}, ${n.grade}, ${n.stage}, ${n.at}, ${n.by}, ${n.grade === 'red'}, ${n.note})`)
  },

  /** A whistled department and the case's lead department, with their names and codes. */
  lateAndLead(
    ex: Executor,
    caseId: string,
    departmentId: string,
  ): Promise<{ id: string; name: string; code: string; role: string }[]> {
    return queryRows(
      ex,
      sql`select d.id, d.name, d.code, p.role from case_participants p join departments d on d.id = p.department_id
      where p.case_id = ${caseId} and (p.department_id = ${departmentId} or p.role = 'lead')`,
    )
  },
}
