import type { RequestContext } from '../../lib/context'
import { forbidden } from '../../lib/problem'
import { gridOutlineRepo, type OutlinePick } from './grids.outline.repo'
import { mayViewOutline, outlineSubtrees } from './grids.policy'
import type { GridsKit } from './grids.settings'

export interface OutlineQuery {
  /** The children of this grid. */
  parent?: string
  /** Grids whose code starts with, or whose name holds, this text. */
  q?: string
  limit: number
}

/**
 * The grid tree as a picker needs it, one level at a time: with neither `parent` nor `q`, the
 * outermost grids the reader sees (the roots, for a reader of everything).
 */
export function createGridOutlineService({ deps }: GridsKit) {
  return {
    async outline(ctx: RequestContext, query: OutlineQuery) {
      if (!mayViewOutline(ctx.actor)) throw forbidden('auth.forbidden', 'You may not view grids')
      const within = outlineSubtrees(ctx.actor)
      const pick: OutlinePick = query.parent
        ? { parentCode: query.parent }
        : query.q
          ? { search: query.q }
          : { tops: within }
      return { items: await gridOutlineRepo.list(deps.db, pick, within, query.limit) }
    },
  }
}
