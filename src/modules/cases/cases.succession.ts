import { recordAudit } from '../audit/audit.service'
import type { CodeReference, SuccessionHook } from '../grids/grids.succession'
import { caseGridsRepo } from './cases.grids.repo'

/**
 * Cases follow their grids through splits, mergers and re-codings by location: a case held by a grid
 * given up moves to the successor covering its point (the lower code on a shared edge), both as its
 * leaf grid and as its owner at the handling level.
 */
export const casesFollowGrids: SuccessionHook = async (tx, ctx, { predecessors, successors }) => {
  const successorIds = successors.map((s) => s.id)
  for (const from of predecessors) {
    const relocated = await caseGridsRepo.relocateLeaves(tx, from.id, successorIds)
    const owners = await caseGridsRepo.relocateOwners(tx, from.path, successorIds)
    if (relocated + owners === 0) continue
    await recordAudit(tx, ctx, {
      action: 'case.follow_grid',
      resourceType: 'grid',
      resourceId: from.code,
      summary: { relocated, owners },
    })
  }
}

/** A grid whose subtree holds events is quoted by them (their numbers and reports name it). */
export const casesQuoteCode: CodeReference = (ex, gridId) => caseGridsRepo.quotes(ex, gridId)
