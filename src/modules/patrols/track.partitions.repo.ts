import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'

/**
 * The day partitions of `track_points` (`track_points_pYYYYMMDD`, one China-time day each): PostgreSQL's
 * native partitioning on both drivers, so no extension is needed and PGlite runs the same statements.
 */

const name = (day: string) => `track_points_p${day.replaceAll('-', '')}`
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

export const trackPartitionsRepo = {
  /** Waits for, then holds until commit, the right to change the partitions (one node at a time). */
  async lock(ex: Executor): Promise<void> {
    await ex.execute(sql`select pg_advisory_xact_lock(hashtext('wangge.track_partitions'))`)
  },

  /** The days that have a partition, oldest first. */
  async days(ex: Executor): Promise<string[]> {
    const rows = await queryRows<{ name: string }>(
      ex,
      sql`select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        where p.relname = 'track_points' order by c.relname`,
    )
    return rows
      .map((r) => /^track_points_p(\d{4})(\d{2})(\d{2})$/.exec(r.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]}-${m[2]}-${m[3]}`)
  },

  /** Creates the day's partition unless it exists (two nodes may race: the loser's statement is a no-op). */
  async create(ex: Executor, day: string, nextDay: string): Promise<void> {
    if (!ISO_DAY.test(day) || !ISO_DAY.test(nextDay)) throw new Error(`not a day: ${day}, ${nextDay}`)
    await ex.execute(
      sql.raw(
        `create table if not exists ${name(day)} partition of track_points
          for values from ('${day} 00:00+08') to ('${nextDay} 00:00+08')`,
      ),
    )
  },

  /** Drops a day's partition with its points (compacted patrols keep their lines). */
  async drop(ex: Executor, day: string): Promise<void> {
    if (!ISO_DAY.test(day)) throw new Error(`not a day: ${day}`)
    await ex.execute(sql.raw(`drop table if exists ${name(day)}`))
  },
}
