import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

export interface DepartmentRow {
  id: string
  code: string
  name: string
  contact_phone: string | null
  parent_code: string | null
  kind: string | null
  grids: string[]
  /** The names of `grids`, in the same order. */
  grid_names: string[]
}

const served = (column: string) =>
  `coalesce((select array_agg(${column} order by g.code) from department_grids dg join grids g on g.id = dg.grid_id
            where dg.department_id = d.id and g.valid_to is null), '{}')`

const select = sql.raw(`select d.id, d.code, d.name, d.contact_phone, p.code as parent_code, d.kind,
  ${served('g.code')} as grids, ${served('g.name')} as grid_names
  from departments d left join departments p on p.id = d.parent_id`)

export interface DepartmentChange {
  name?: string
  contactPhone?: string | null
  parentId?: string | null
  kind?: string | null
}

export const departmentsRepo = {
  async list(ex: Executor): Promise<DepartmentRow[]> {
    return queryRows(ex, sql`${select} order by d.code`)
  },

  async findByCode(ex: Executor, code: string): Promise<DepartmentRow | undefined> {
    const [row] = await queryRows<DepartmentRow>(ex, sql`${select} where d.code = ${code}`)
    return row
  },

  async insert(
    ex: Executor,
    d: {
      id: string
      code: string
      name: string
      contactPhone: string | null
      parentId: string | null
      kind: string | null
    },
  ) {
    await ex.execute(sql`insert into departments (id, code, name, contact_phone, parent_id, kind)
      values (${d.id}, ${d.code}, ${d.name}, ${d.contactPhone}, ${d.parentId}, ${d.kind})`)
  },

  /** Sets the fields given; the others stay. */
  async update(ex: Executor, id: string, change: DepartmentChange): Promise<void> {
    const columns = {
      name: change.name,
      contact_phone: change.contactPhone,
      parent_id: change.parentId,
      kind: change.kind,
    }
    const sets = Object.entries(columns).flatMap(([column, value]) =>
      value === undefined ? [] : [sql`${sql.identifier(column)} = ${value}`],
    )
    if (sets.length === 0) return
    await ex.execute(sql`update departments set ${sql.join(sets, sql`, `)} where id = ${id}`)
  },

  /** Whether `ancestorId` is the department `id` or one of the departments above it. */
  async isAtOrBelow(ex: Executor, id: string, ancestorId: string): Promise<boolean> {
    const [row] = await queryRows<{ found: boolean }>(
      ex,
      sql`with recursive up as (
          select id, parent_id from departments where id = ${id}
          union select d.id, d.parent_id from departments d join up on d.id = up.parent_id)
        select exists (select 1 from up where id = ${ancestorId}) as found`,
    )
    return !!row?.found
  },

  async serve(ex: Executor, departmentId: string, gridId: string): Promise<void> {
    await ex.execute(sql`insert into department_grids (department_id, grid_id) values (${departmentId}, ${gridId})
      on conflict do nothing`)
  },

  /** The department stops serving the grid; answers whether it served it. */
  async unserve(ex: Executor, departmentId: string, gridId: string): Promise<boolean> {
    const rows = await queryRows(
      ex,
      sql`delete from department_grids where department_id = ${departmentId} and grid_id = ${gridId}
        returning grid_id`,
    )
    return rows.length > 0
  },

  /** The departments serving one grid serve another as well. */
  async serveAlso(ex: Executor, fromGridId: string, toGridId: string): Promise<void> {
    await ex.execute(sql`insert into department_grids (department_id, grid_id)
      select department_id, ${toGridId} from department_grids where grid_id = ${fromGridId} on conflict do nothing`)
  },

  /** Defines a department unless its code is taken (the demo's, seeded again). */
  async insertUnlessTaken(
    ex: Executor,
    d: { id: string; code: string; name: string; kind: string; contactPhone: string },
  ): Promise<void> {
    await ex.execute(sql`insert into departments (id, code, name, kind, contact_phone)
      values (${d.id}, ${d.code}, ${d.name}, ${d.kind}, ${d.contactPhone}) on conflict (code) do nothing`)
  },

  /** The department with this code serves the grid (as `serve`, by code). */
  async serveByCode(ex: Executor, code: string, gridId: string): Promise<void> {
    await ex.execute(sql`insert into department_grids (department_id, grid_id)
      select id, ${gridId} from departments where code = ${code} on conflict do nothing`)
  },
}
