import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../src/db/database'
import { uuidv7 } from '../../src/lib/ids'

/**
 * A person on the ledger in the grid at `path`, written straight to the table (the people module has
 * its own API and tests; the places tests only need someone to move in).
 */
export async function personIn(db: Db, path: string, name: string): Promise<string> {
  const id = uuidv7()
  await db.execute(sql`insert into people (id, grid_id, grid_path, kind, id_type, name)
    select ${id}, id, path, 'registered', 'resident', ${name} from grids where path = ${path}::ltree and valid_to is null`)
  return id
}

/** The grid a person is in now, by code. */
export async function gridOfPerson(db: Db, id: string): Promise<string | undefined> {
  const [row] = await queryRows<{ code: string }>(
    db,
    sql`select g.code from people p join grids g on g.id = p.grid_id where p.id = ${id}`,
  )
  return row?.code
}
