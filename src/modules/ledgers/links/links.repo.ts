import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/** The records an event may concern 事件关联对象, and where each one's grid path is found. */
export const SUBJECT_TYPES = ['person', 'room', 'organization'] as const
export type SubjectType = (typeof SUBJECT_TYPES)[number]

const PATH_OF: Record<SubjectType, (id: string) => ReturnType<typeof sql>> = {
  person: (id) =>
    sql`select grid_path::text as path from people where id = ${id}::uuid and erased_at is null`,
  room: (id) =>
    sql`select b.grid_path::text as path from rooms r join buildings b on b.id = r.building_id where r.id = ${id}::uuid`,
  organization: (id) => sql`select grid_path::text as path from organizations where id = ${id}::uuid`,
}

export const linksRepo = {
  /** The grid path of a record (null: no such record). */
  async subjectPath(ex: Executor, type: SubjectType, id: string): Promise<string | null> {
    const [row] = await queryRows<{ path: string }>(ex, PATH_OF[type](id))
    return row?.path ?? null
  },

  /** An event by its number, when it lies within these subtrees. */
  async caseIn(ex: Executor, no: string, within: string[] | null): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      ex,
      sql`select c.id from cases c where c.no = ${no} ${andPathWithin(sql`c.grid_path`, within)}`,
    )
    return row?.id ?? null
  },

  /** Links them; false when they were linked already. */
  async link(ex: Executor, caseId: string, type: SubjectType, id: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`insert into case_subjects (case_id, subject_type, subject_id) values (${caseId}, ${type}, ${id})
        on conflict do nothing returning 1`,
    )
    return rows.length === 1
  },

  async unlink(ex: Executor, caseId: string, type: SubjectType, id: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`delete from case_subjects where case_id = ${caseId} and subject_type = ${type} and subject_id = ${id}
        returning 1`,
    )
    return rows.length === 1
  },
}
