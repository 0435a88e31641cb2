import type { Executor } from '../../db/database'
import { badRequest, conflict } from '../../lib/problem'
import { checkCode } from './grids.code'
import { EXCLUSIVE_PARENTS, type LevelScheme, levelOf } from './grids.levels'
import { type GridRow, gridsRepo } from './grids.repo'
import type { GridCreateBody } from './grids.schema'
import type { GridWarning } from './grids.settings'
import type { CodeReference } from './grids.succession'

/** A household count outside its level's range is a warning, not a refusal. */
export function householdWarnings(
  scheme: LevelScheme,
  level: string,
  households: number | undefined,
  code: string,
): GridWarning[] {
  const range = levelOf(scheme, level)?.households
  if (households === undefined || !range || (households >= range.min && households <= range.max)) return []
  return [
    {
      code: 'grid.households_out_of_range',
      message: `Grid ${code} has ${households} households; a ${level} is sized for ${range.min}–${range.max}`,
    },
  ]
}

/** The code must fit its level and embed its parent's code. */
export function checkCodeFits(scheme: LevelScheme, code: string, level: string, parentCode: string | null) {
  const fit = checkCode(scheme, code, level, parentCode)
  if (!fit.ok) throw badRequest(`grid.code_${fit.reason}`, `The code ${code} does not fit: ${fit.reason}`)
}

export async function checkUnused(ex: Executor, code: string) {
  if (await gridsRepo.findByCode(ex, code)) throw conflict('grid.code_taken', `The code ${code} is taken`)
}

/** Where a new grid hangs: a known level, under a parent of an allowed level, with a code that fits. */
export async function checkPlacement(ex: Executor, scheme: LevelScheme, body: GridCreateBody, code: string) {
  const def = levelOf(scheme, body.level)
  if (!def) throw badRequest('grid.unknown_level', `Unknown level ${body.level}`)
  if (body.exclusive !== (body.sector !== undefined)) {
    throw badRequest(
      'grid.sector_mismatch',
      'An exclusive grid needs a sector, and only an exclusive grid has one',
    )
  }
  const parent = body.parentCode ? await gridsRepo.findByCode(ex, body.parentCode) : undefined
  if (body.parentCode && !parent)
    throw badRequest('grid.parent_not_found', `No parent grid ${body.parentCode}`)
  const allowedParents: readonly string[] = body.exclusive ? EXCLUSIVE_PARENTS : def.parents
  if (parent ? !allowedParents.includes(parent.level) : allowedParents.length > 0) {
    throw badRequest(
      'grid.parent_level',
      `A ${body.level} cannot hang under ${parent ? `a ${parent.level}` : 'nothing'}`,
    )
  }
  checkCodeFits(scheme, code, body.level, parent?.code ?? null)
  return parent ?? null
}

/** A code correction: it must fit, be unused, and the grid must have no children nor anything quoting it. */
export async function checkRecode(
  ex: Executor,
  scheme: LevelScheme,
  codeReferences: readonly CodeReference[],
  grid: GridRow,
  code: string,
  parent: GridRow | null,
) {
  checkCodeFits(scheme, code, grid.level, parent?.code ?? null)
  await checkUnused(ex, code)
  if ((await gridsRepo.childCount(ex, grid.id)) > 0)
    throw conflict(
      'grid.code_frozen',
      `${grid.code} has children whose codes embed it: split or merge instead`,
    )
  for (const quotes of codeReferences) {
    if (await quotes(ex, grid.id))
      throw conflict(
        'grid.code_frozen',
        `${grid.code} is quoted by existing records and can no longer change`,
      )
  }
}
