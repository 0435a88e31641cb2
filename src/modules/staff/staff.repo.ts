import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'

export interface PostRow {
  id: string
  post: string
  user_id: string | null
  holder: string
  work_phone: string | null
  duties: string | null
  valid_from: string
  role_grant_id: string | null
  /** SHA-256 of its photo; null without one. */
  photo_sha: string | null
}

/** A post ended by a grid's succession. */
export interface EndedPost {
  id: string
  post: string
  user_id: string | null
  role_grant_id: string | null
}

export const staffRepo = {
  /** The deepest current grid where the user holds a current post (their own grid), or null. */
  async ownGrid(ex: Executor, userId: string): Promise<{ id: string; path: string } | null> {
    const [row] = await queryRows<{ id: string; path: string }>(
      ex,
      sql`select g.id, g.path::text as path from grid_posts p join grids g on g.id = p.grid_id
        where p.user_id = ${userId} and (p.valid_to is null or p.valid_to > current_date) and g.valid_to is null
        order by nlevel(g.path) desc, p.valid_from, p.id limit 1`,
    )
    return row ?? null
  },

  async insertPost(
    ex: Executor,
    p: {
      id: string
      gridId: string
      post: string
      userId: string | null
      personName: string | null
      workPhone: string | null
      duties: string | null
      roleGrantId: string | null
    },
  ): Promise<void> {
    await ex.execute(sql`insert into grid_posts (id, grid_id, post, user_id, person_name, work_phone, duties, role_grant_id)
      values (${p.id}, ${p.gridId}, ${p.post}, ${p.userId}, ${p.personName}, ${p.workPhone}, ${p.duties}, ${p.roleGrantId})`)
  },

  /** The grid's current posts with the holder's name (the user's display name, or the person's). */
  async currentPosts(ex: Executor, gridId: string): Promise<PostRow[]> {
    return queryRows(
      ex,
      sql`select p.id, p.post, p.user_id, coalesce(u.display_name, p.person_name) as holder, p.work_phone, p.duties,
          p.valid_from::text as valid_from, p.role_grant_id,
          (select ph.sha256 from grid_post_photos ph where ph.post_id = p.id) as photo_sha
        from grid_posts p left join users u on u.id = p.user_id
        where p.grid_id = ${gridId} and (p.valid_to is null or p.valid_to > current_date)
        order by p.valid_from, p.id`,
    )
  },

  async findPost(ex: Executor, gridId: string, id: string): Promise<PostRow | undefined> {
    const rows = await staffRepo.currentPosts(ex, gridId)
    return rows.find((r) => r.id === id)
  },

  /** A current post's work phone and duties; a field left undefined stays as it is. */
  async updatePost(
    ex: Executor,
    id: string,
    change: { workPhone?: string | null; duties?: string | null },
  ): Promise<void> {
    const sets = [
      ...(change.workPhone === undefined ? [] : [sql`work_phone = ${change.workPhone}`]),
      ...(change.duties === undefined ? [] : [sql`duties = ${change.duties}`]),
    ]
    if (sets.length === 0) return
    await ex.execute(
      sql`update grid_posts set ${sql.join(sets, sql`, `)} where id = ${id} and valid_to is null`,
    )
  },

  async endPost(ex: Executor, id: string): Promise<void> {
    await ex.execute(sql`update grid_posts set valid_to = current_date where id = ${id}`)
  },

  /** Current grids of a level with fewer workers than the rule asks, within the reader's subtrees. */
  async understaffed(
    ex: Executor,
    level: string,
    required: number,
    workerPosts: string[],
    within: string[] | null,
  ): Promise<{ code: string; name: string; workers: number }[]> {
    const posts = sql.join(
      workerPosts.map((p) => sql`${p}`),
      sql`, `,
    )
    return queryRows(
      ex,
      sql`select g.code, g.name, count(p.id)::int as workers
        from grids g left join grid_posts p on p.grid_id = g.id and p.post in (${posts})
          and (p.valid_to is null or p.valid_to > current_date)
        where g.level = ${level} and g.valid_to is null ${andPathWithin(sql.raw('g.path'), within)}
        group by g.id, g.code, g.name having count(p.id) < ${required}
        order by g.code limit 1000`,
    )
  },

  /** Ends today every current post of the grid; answers those it ended. */
  async endPostsOfGrid(ex: Executor, gridId: string): Promise<EndedPost[]> {
    return queryRows<EndedPost>(
      ex,
      sql`update grid_posts set valid_to = current_date where grid_id = ${gridId} and valid_to is null
        returning id, post, user_id, role_grant_id`,
    )
  },

  /** The same post, holder and duties held anew from today in another grid, with the grant given there. */
  async copyPost(
    ex: Executor,
    from: string,
    to: { id: string; gridId: string; roleGrantId: string | null },
  ): Promise<void> {
    await ex.execute(sql`insert into grid_posts (id, grid_id, post, user_id, person_name, work_phone, duties, role_grant_id)
      select ${to.id}, ${to.gridId}, post, user_id, person_name, work_phone, duties, ${to.roleGrantId}::uuid
      from grid_posts where id = ${from}`)
  },

  /** Whether the grid ever had a post (its code has been on a notice board). */
  async gridEverStaffed(ex: Executor, gridId: string): Promise<boolean> {
    const [row] = await queryRows<{ quoted: boolean }>(
      ex,
      sql`select exists (select 1 from grid_posts where grid_id = ${gridId}) as quoted`,
    )
    return !!row?.quoted
  },

  /** Posts held by people without accounts, many in one statement (the demo's notice boards). */
  async insertPersonPosts(
    ex: Executor,
    posts: {
      id: string
      grid_id: string
      post: string
      person_name: string
      work_phone: string
      duties: string
    }[],
  ): Promise<void> {
    await ex.execute(sql`insert into grid_posts (id, grid_id, post, person_name, work_phone, duties)
      select r.id, r.grid_id, r.post, r.person_name, r.work_phone, r.duties
      from json_to_recordset(${JSON.stringify(posts)}::json)
        as r(id uuid, grid_id uuid, post text, person_name text, work_phone text, duties text)`)
  },
}
