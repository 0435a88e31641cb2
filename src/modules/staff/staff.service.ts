import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden, notFound } from '../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../lib/service'
import { recordPersonalDataRead } from '../audit/audit.personal-data'
import { recordAudit } from '../audit/audit.service'
import type { UsersService } from '../auth/users.service'
import { readableSubtrees } from '../grids/grids.policy'
import type { GridsService } from '../grids/grids.service'
import { photosRepo } from './staff.photos.repo'
import { createStaffPhotos } from './staff.photos.service'
import { appointable, mayEndPost, mayManageStaff, mayReadStaffing, postAbilities } from './staff.policy'
import { POSTS } from './staff.posts'
import { postNames, toPostView, toPublicPost } from './staff.presenter'
import { type PostRow, staffRepo } from './staff.repo'
import type { PostCreateBody, PostUpdateBody } from './staff.schema'

/** Whether work phones are asked in clear, and why (an unmask must say why). */
type Unmask = { unmask: boolean; reason?: string }
const masked: Unmask = { unmask: false }

export function createStaffService(deps: ServiceDeps, grids: GridsService, users: UsersService) {
  const { db } = deps

  /**
   * The grid's current posts for a reader of the grid, work phones masked; in clear when asked, after
   * the read is audited (the board publishes them, but a desk view of personal data is still recorded).
   */
  async function postsOf(ctx: RequestContext, grid: { id: string; path: string }, ask: Unmask) {
    const { unmask } = ask
    const reason = ask.reason?.trim()
    if (unmask && !reason)
      throw badRequest('staff.unmask_reason_required', 'Say why you show the work phones in clear')
    const rows = await staffRepo.currentPosts(db, grid.id)
    const withPhone = rows.flatMap((r) => (r.work_phone ? [r.id] : []))
    if (unmask && withPhone.length > 0)
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'grid_post',
        subjectIds: withPhone,
        purpose: 'staff.work_phone',
        fields: ['workPhone'],
        masked: false,
        reason,
      })
    const abilities = postAbilities(ctx.actor, grid)
    return rows.map((r) => toPostView(r, { abilities, unmask }))
  }

  return {
    photos: createStaffPhotos(deps, grids),

    async list(ctx: RequestContext, code: string, ask: Unmask = masked) {
      return postsOf(ctx, await grids.current(ctx, code), ask)
    },

    /** A grid's posts and the posts the reader may fill there: the staff page's one answer. */
    async staffing(ctx: RequestContext, code: string, ask: Unmask = masked) {
      const grid = await grids.current(ctx, code)
      return {
        grid: { code: grid.code, name: grid.name, level: grid.level },
        posts: await postsOf(ctx, grid, ask),
        appointable: appointable(ctx.actor, grid).map((a) => ({ ...a, ...postNames(a.post) })),
      }
    },

    /**
     * Appoints someone to a post in a grid. A user gets the post's role scoped to the grid, which the
     * appointer must be able to grant; a person without an account needs grid.manage over the grid.
     */
    async appoint(ctx: RequestContext, code: string, body: PostCreateBody) {
      const grid = await grids.current(ctx, code)
      if (!body.userId && !mayManageStaff(ctx.actor, grid)) {
        throw forbidden('grid.out_of_scope', `You may not appoint staff in ${grid.code}`)
      }
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        const roleGrantId = body.userId
          ? await users.grantForPost(tx, ctx, body.userId, POSTS[body.post].role, {
              type: 'grid',
              path: grid.path,
            })
          : null
        await staffRepo.insertPost(tx, {
          id,
          gridId: grid.id,
          post: body.post,
          userId: body.userId ?? null,
          personName: body.personName ?? null,
          workPhone: body.workPhone ?? null,
          duties: body.duties ?? null,
          roleGrantId,
        })
        await recordAudit(tx, ctx, {
          action: 'staff.appoint',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: { postId: id, post: body.post, userId: body.userId ?? null },
        })
      })
      const created = await staffRepo.findPost(db, grid.id, id)
      if (!created) throw new Error('the post just written is missing')
      return toPostView(created, { abilities: postAbilities(ctx.actor, grid), unmask: false })
    },

    /** Changes a current post's work phone or duties: by whoever manages the grid; audited by field name. */
    async update(ctx: RequestContext, code: string, postId: string, body: PostUpdateBody) {
      const grid = await grids.current(ctx, code)
      const post = await staffRepo.findPost(db, grid.id, postId)
      if (!post) throw notFound('staff.post_not_found', 'No such current post in this grid')
      if (!mayManageStaff(ctx.actor, grid)) {
        throw forbidden('grid.out_of_scope', `You may not change posts in ${grid.code}`)
      }
      await inTransaction(deps, async (tx) => {
        await staffRepo.updatePost(tx, postId, body)
        await recordAudit(tx, ctx, {
          action: 'staff.update',
          resourceType: 'grid',
          resourceId: grid.code,
          // The names of the fields changed, not the phone itself: the log is no copy of personal data.
          summary: { postId, post: post.post, fields: Object.keys(body) },
        })
      })
      const changed = await staffRepo.findPost(db, grid.id, postId)
      if (!changed) throw new Error('the post just changed is missing')
      return toPostView(changed, { abilities: postAbilities(ctx.actor, grid), unmask: false })
    },

    /** Ends a post today; a user's grant that came with it goes too, and so does its photo. */
    async end(ctx: RequestContext, code: string, postId: string): Promise<void> {
      const grid = await grids.current(ctx, code)
      const post = await staffRepo.findPost(db, grid.id, postId)
      if (!post) throw notFound('staff.post_not_found', 'No such current post in this grid')
      if (!mayEndPost(ctx.actor, grid)) {
        throw forbidden('grid.out_of_scope', `You may not end posts in ${grid.code}`)
      }
      await inTransaction(deps, async (tx) => {
        await staffRepo.endPost(tx, postId)
        const photoRemoved = await photosRepo.remove(tx, postId)
        if (post.user_id && post.role_grant_id)
          await users.revokeGrantForPost(tx, ctx, post.user_id, post.role_grant_id)
        await recordAudit(tx, ctx, {
          action: 'staff.end',
          resourceType: 'grid',
          resourceId: grid.code,
          summary: { postId, post: post.post, photoRemoved },
        })
      })
    },

    /** Grids of a level with fewer workers than the level scheme's staffing rule asks, within the reader's subtrees. */
    async understaffed(ctx: RequestContext, level: string) {
      if (!mayReadStaffing(ctx.actor)) throw forbidden('auth.forbidden', 'You may not view grids')
      const required = grids.levels().find((l) => l.key === level)?.workers
      if (required === undefined) throw badRequest('staff.no_rule', `No staffing rule for the level ${level}`)
      const workerPosts = Object.entries(POSTS).flatMap(([key, p]) => (p.worker ? [key] : []))
      return {
        level,
        required,
        grids: await staffRepo.understaffed(db, level, required, workerPosts, readableSubtrees(ctx.actor)),
      }
    },

    /** The notice board 公示牌 of a grid: public by design (names, photos, work phones, duties). */
    async notice(code: string) {
      const grid = /^\d+$/.test(code) ? await grids.publicGrid(code) : null
      if (!grid) return null
      const posts: PostRow[] = await staffRepo.currentPosts(db, grid.id)
      const { id: _id, path: _path, ...shown } = grid
      return { grid: shown, posts: posts.map(toPublicPost) }
    },
  }
}

export type StaffService = ReturnType<typeof createStaffService>
