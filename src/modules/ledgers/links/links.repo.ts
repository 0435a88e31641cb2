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
  /** An event by its number, with what the cases' policy decides a staff reader on. */
  async caseByNo(ex: Executor, no: string): Promise<LinkedCaseRow | null> {
    const [row] = await queryRows<LinkedCaseRow>(
      ex,
      sql`select c.id, c.no, c.state, c.suspended_from, c.grid_path::text as grid_path,
          c.owner_path::text as owner_path, c.department_id, c.reporter_id,
          coalesce(array(select p.department_id::text from case_participants p where p.case_id = c.id), '{}') as participants
        from cases c where c.no = ${no}`,
    )
    return row ?? null
  },

  /**
   * The records an event concerns whose grid lies within these subtrees (the others are not even
   * counted): a person (not erased), a room with its building's address, an organisation.
   */
  subjectsOf(ex: Executor, caseId: string, within: string[] | null) {
    const path = sql`coalesce(p.grid_path, b.grid_path, o.grid_path)`
    return queryRows<SubjectRow>(
      ex,
      sql`select s.subject_type as type, s.subject_id::text as id, ${path}::text as grid_path,
          p.name as person_name, p.id_number_sealed, b.id::text as building_id, b.address as building_address,
          u.name as unit_name, r.number as room_number, o.name as organization_name
        from case_subjects s
        left join people p on s.subject_type = 'person' and p.id = s.subject_id and p.erased_at is null
        left join rooms r on s.subject_type = 'room' and r.id = s.subject_id
        left join building_units u on u.id = r.unit_id
        left join buildings b on b.id = r.building_id
        left join organizations o on s.subject_type = 'organization' and o.id = s.subject_id
        where s.case_id = ${caseId} and ${path} is not null ${andPathWithin(path, within)}
        order by s.created_at, s.subject_type, s.subject_id`,
    )
  },

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

export interface LinkedCaseRow {
  id: string
  no: string
  state: string
  suspended_from: string | null
  grid_path: string | null
  owner_path: string | null
  department_id: string | null
  reporter_id: string | null
  participants: string[]
}

export interface SubjectRow {
  type: SubjectType
  id: string
  grid_path: string
  person_name: string | null
  id_number_sealed: string | null
  building_id: string | null
  building_address: string | null
  unit_name: string | null
  room_number: string | null
  organization_name: string | null
}
