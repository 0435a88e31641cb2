import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { uuidv7 } from '../../lib/ids'
import { badRequest, forbidden } from '../../lib/problem'
import { recordAudit } from '../audit/audit.service'
import { checkBoundary, prepareBoundary } from './grids.boundary'
import { pathOf } from './grids.code'
import { checkPlacement, checkUnused, householdWarnings } from './grids.placement'
import { mayReadGrid, mayWriteUnder } from './grids.policy'
import { gridsRepo } from './grids.repo'
import type { GridCreateBody } from './grids.schema'
import type { GridSettings, GridWarning } from './grids.settings'

/**
 * Creates one grid in the caller's transaction, after every check a new grid passes (one of an
 * import runs in its own savepoint). Answers the warnings of a grid created despite them.
 */
export async function createGridIn(
  ex: Executor,
  ctx: RequestContext,
  settings: GridSettings,
  body: GridCreateBody,
  code: string,
  repair = false,
): Promise<GridWarning[]> {
  const named = body.parentCode ? await gridsRepo.findByCode(ex, body.parentCode) : undefined
  // A parent the caller may not see answers as a missing one: the answer must not tell it exists.
  if (named && !mayReadGrid(ctx.actor, named.path))
    throw badRequest('grid.parent_not_found', `No parent grid ${body.parentCode}`)
  const parent = await checkPlacement(ex, settings.scheme, body, code)
  if (!mayWriteUnder(ctx.actor, parent?.path ?? null)) {
    throw forbidden('grid.out_of_scope', `You may not create grids under ${parent?.code ?? 'the root'}`)
  }
  await checkUnused(ex, code)
  const boundary = await prepareBoundary(ex, body.boundary, code, repair)
  await checkBoundary(ex, settings.tolerance, boundary.geojson, code, parent?.id ?? null)
  await gridsRepo.insert(ex, {
    id: uuidv7(),
    code,
    name: body.name,
    level: body.level,
    path: pathOf(code, parent?.code ?? null, parent?.path ?? null),
    parent_id: parent?.id ?? null,
    exclusive: body.exclusive,
    sector: body.sector ?? null,
    boundary: boundary.geojson,
    households: body.households ?? null,
    population: body.population ?? null,
    responsible_unit: body.responsibleUnit ?? null,
    attributes: body.attributes,
  })
  await recordAudit(ex, ctx, {
    action: 'grid.create',
    resourceType: 'grid',
    resourceId: code,
    summary: { code, level: body.level, parent: parent?.code ?? null },
  })
  return [...boundary.warnings, ...householdWarnings(settings.scheme, body.level, body.households, code)]
}
