import { uuidv7 } from '../../lib/ids'
import { recordAudit } from '../audit/audit.service'
import { gridGrantOf, revokeGrants } from '../auth/grants'
import type { CodeReference, SuccessionHook } from '../grids/grids.succession'
import { departmentsRepo } from './departments.repo'
import { photosRepo } from './staff.photos.repo'
import { POSTS, type Post } from './staff.posts'
import { staffRepo } from './staff.repo'

/**
 * When grids are split, merged or re-coded: departments serve every successor; posts end on the old
 * grid and are held anew on the heir (with the grant that followed it, see grantsFollowGrids), or, in
 * a split with no heir, end with their grants.
 */
export const staffFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, successors, heir }) => {
  for (const from of predecessors) {
    for (const to of successors) await departmentsRepo.serveAlso(tx, from.id, to.id)
    const posts = await staffRepo.endPostsOfGrid(tx, from.id)
    if (posts.length === 0) continue
    if (heir) {
      for (const p of posts) {
        const id = uuidv7()
        const role = POSTS[p.post as Post]?.role ?? ''
        const roleGrantId = p.user_id ? await gridGrantOf(tx, p.user_id, role, heir.path) : null
        await staffRepo.copyPost(tx, p.id, { id, gridId: heir.id, roleGrantId })
        await photosRepo.copy(tx, p.id, id)
      }
    } else {
      await revokeGrants(
        tx,
        posts.flatMap((p) => (p.role_grant_id ? [p.role_grant_id] : [])),
      )
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
export const postsQuoteCode: CodeReference = (ex, gridId) => staffRepo.gridEverStaffed(ex, gridId)
