import { sql } from 'drizzle-orm'
import { queryRows } from '../../db/database'
import { uuidv7 } from '../../lib/ids'
import { recordAudit } from '../audit/audit.service'
import type { CodeReference, SuccessionHook } from '../grids/grids.succession'
import { POSTS, type Post } from './staff.posts'

interface HeldPost {
  id: string
  post: string
  user_id: string | null
  role_grant_id: string | null
}

/**
 * When grids are split, merged or re-coded: departments serve every successor; posts end on the old
 * grid and are held anew on the heir (with the grant that followed it, see grantsFollowGrids), or, in
 * a split with no heir, end with their grants.
 */
export const staffFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, successors, heir }) => {
  for (const from of predecessors) {
    for (const to of successors) {
      await tx.execute(sql`insert into department_grids (department_id, grid_id)
        select department_id, ${to.id} from department_grids where grid_id = ${from.id} on conflict do nothing`)
    }
    const posts = await queryRows<HeldPost>(
      tx,
      sql`update grid_posts set valid_to = current_date where grid_id = ${from.id} and valid_to is null
        returning id, post, user_id, role_grant_id`,
    )
    if (posts.length === 0) continue
    if (heir) {
      for (const p of posts) {
        const id = uuidv7()
        const role = POSTS[p.post as Post]?.role
        await tx.execute(sql`insert into grid_posts (id, grid_id, post, user_id, person_name, work_phone, duties, role_grant_id)
          select ${id}, ${heir.id}, post, user_id, person_name, work_phone, duties,
            (select g.id from role_grants g join roles r on r.id = g.role_id
              where g.user_id = p.user_id and r.key = ${role ?? ''} and g.scope_type = 'grid'
                and g.scope_grid_path = ${heir.path}::ltree)
          from grid_posts p where p.id = ${p.id}`)
        await tx.execute(sql`insert into grid_post_photos (post_id, content_type, bytes, sha256, reencoded)
          select ${id}, content_type, bytes, sha256, reencoded from grid_post_photos where post_id = ${p.id}`)
      }
    } else {
      const grants = posts.flatMap((p) => (p.role_grant_id ? [sql`${p.role_grant_id}::uuid`] : []))
      if (grants.length > 0)
        await tx.execute(sql`delete from role_grants where id in (${sql.join(grants, sql`, `)})`)
    }
    await recordAudit(tx, ctx, {
      action: 'staff.follow_grid',
      resourceType: 'grid',
      resourceId: from.code,
      summary: { to: heir?.code ?? null, posts: posts.length, ended: heir ? 0 : posts.length },
    })
  }
}

/** A grid whose posts were ever published has its code on a notice board 公示牌 on the wall. */
export const postsQuoteCode: CodeReference = async (ex, gridId) => {
  const [row] = await queryRows<{ quoted: boolean }>(
    ex,
    sql`select exists (select 1 from grid_posts where grid_id = ${gridId}) as quoted`,
  )
  return !!row?.quoted
}
