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
}

const select = sql.raw(`select d.id, d.code, d.name, d.contact_phone, p.code as parent_code, d.kind,
  coalesce((select array_agg(g.code order by g.code) from department_grids dg join grids g on g.id = dg.grid_id
            where dg.department_id = d.id and g.valid_to is null), '{}') as grids
  from departments d left join departments p on p.id = d.parent_id`)

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

  async serve(ex: Executor, departmentId: string, gridId: string): Promise<void> {
    await ex.execute(sql`insert into department_grids (department_id, grid_id) values (${departmentId}, ${gridId})
      on conflict do nothing`)
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
