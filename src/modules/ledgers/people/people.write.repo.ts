import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../../db/arrays'
import { type Executor, queryRows } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'

/** A person's row as stored, personal fields sealed. */
export interface PersonRow {
  id: string
  grid_id: string
  grid_path: string
  kind: string
  id_type: string
  id_number_sealed: string | null
  id_number_bidx: string | null
  name: string
  former_name: string | null
  sex: string | null
  birth_date: string | null
  ethnicity: string | null
  native_place: string | null
  marital_status: string | null
  political_status: string | null
  education: string | null
  occupation: string | null
  workplace: string | null
  phone_sealed: string | null
  phone_bidx: string | null
  registered_address_sealed: string | null
  current_address_sealed: string | null
  lives_where_registered: boolean | null
  details: Record<string, string>
  tags: string[]
  erased_at: string | null
  version: number
  created_at: string
  updated_at: string
}

/** A new person's row, personal fields already sealed. */
export type PersonInsert = Omit<PersonRow, 'tags' | 'erased_at' | 'version' | 'created_at' | 'updated_at'>

const INSERT_COLUMNS = [
  'id',
  'grid_id',
  'grid_path',
  'kind',
  'id_type',
  'id_number_sealed',
  'id_number_bidx',
  'name',
  'former_name',
  'sex',
  'birth_date',
  'ethnicity',
  'native_place',
  'marital_status',
  'political_status',
  'education',
  'occupation',
  'workplace',
  'phone_sealed',
  'phone_bidx',
  'registered_address_sealed',
  'current_address_sealed',
  'lives_where_registered',
  'details',
] as const satisfies readonly (keyof PersonInsert)[]

/** A value as its column takes it (ltree, date and jsonb columns cast). */
function castFor(column: string, value: unknown): SQL {
  if (column === 'grid_path') return sql`${value}::ltree`
  if (column === 'birth_date') return sql`${value}::date`
  if (column === 'details') return sql`${JSON.stringify(value)}::jsonb`
  return sql`${value}`
}

/** The statements that write people in batches (the store seals and decides; this writes). */
export const peopleWriteRepo = {
  /** The people whose ID number's blind index is one of these, locked for the batch's update. */
  byIdNumberIndexes(ex: Executor, indexes: readonly string[]): Promise<PersonRow[]> {
    return queryRows<PersonRow>(
      ex,
      sql`select * from people where id_number_bidx = any(${pgTextArray(indexes)}::text[]) for update`,
    )
  },

  async one(ex: Executor, id: string): Promise<PersonRow | null> {
    const [row] = await queryRows<PersonRow>(ex, sql`select * from people where id = ${id}`)
    return row ?? null
  },

  /**
   * Many people in one statement, sent as one JSON parameter that the table's own row type reads
   * (a few hundred rows of 24 values would otherwise be thousands of bound parameters to build).
   */
  async insertMany(ex: Executor, rows: readonly PersonInsert[]): Promise<void> {
    if (!rows.length) return
    const columns = sql.join(
      INSERT_COLUMNS.map((c) => sql.identifier(c)),
      sql`, `,
    )
    await ex.execute(sql`insert into people (${columns})
      select ${columns} from json_populate_recordset(null::people, ${JSON.stringify(rows)}::json)`)
  },

  /** Sets these columns of one person, a new version. */
  async update(ex: Executor, id: string, values: Partial<PersonInsert>): Promise<void> {
    const sets = Object.entries(values).map(([c, v]) => sql`${sql.identifier(c)} = ${castFor(c, v)}`)
    if (!sets.length) return
    await ex.execute(sql`update people set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now()
      where id = ${id}`)
  },

  /** The change history 变更记录 of people, values masked by the caller. */
  async recordChanges(ex: Executor, actor: string, items: readonly { id: string; changes: object }[]) {
    if (!items.length) return
    const rows = items.map(
      (c) => sql`(${uuidv7()}::uuid, 'person', ${c.id}::uuid, ${actor}, ${JSON.stringify(c.changes)}::jsonb)`,
    )
    // With the version each person reached (the change is recorded after the write, in its transaction).
    await ex.execute(sql`insert into ledger_changes (id, record_type, record_id, actor, changes, version)
      select c.id, c.record_type, c.record_id, c.actor, c.changes, p.version
      from (values ${sql.join(rows, sql`, `)}) as c (id, record_type, record_id, actor, changes)
        join people p on p.id = c.record_id`)
  },
}
