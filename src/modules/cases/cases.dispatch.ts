import type { Executor } from '../../db/database'
import type { RequestContext } from '../../lib/context'
import { badRequest, forbidden, Problem } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { type ChainGrid, gridChain } from '../grids/grids.reads'
import { HANDLING_LEVELS } from './cases.actions'
import { loadReadable } from './cases.actor'
import { dispatchRepo } from './cases.dispatch.repo'
import { caseFacts, mayAct } from './cases.policy'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseActionBody, DispatchOptions } from './cases.schema'
import type { FilingStandard } from './categories/categories.types'

/** Where a dispatch goes: a department, or a grid's own staff (the department is then null). */
export interface DispatchTarget {
  departmentId: string | null
  grid: string | null
}

const notAdmitted = () =>
  new Problem(
    422,
    'case.not_admitted',
    'This category is not on the admitted list: grid workers cannot be given it',
  )

const noHandler = () =>
  new Problem(422, 'case.no_handler', 'No department serves this case here: name one or add a routing rule')

/** The levels above the grid 网格: streets, communities and districts are not sent cases "down". */
const ABOVE_GRIDS: readonly string[] = HANDLING_LEVELS.filter((l) => l !== 'grid')

/** A grid a case may be sent down to: a 网格 or below it (micro-grids; other schemes' cells count as grids). */
export const isGridLevel = (level: string): boolean => !ABOVE_GRIDS.includes(level)

/** The grids of a case's chain that may take it: those at the grid level or below, if its class is admitted. */
export function gridsThatTake(chain: readonly ChainGrid[], standard: FilingStandard): ChainGrid[] {
  return standard.admitted ? chain.filter((g) => isGridLevel(g.level)) : []
}

/**
 * Where the rules send a case 按规则派遣: its routing rule, else the department of its class's kind
 * serving its deepest grid, else its deepest grid that may take it; null when nothing would.
 */
export async function ruleTarget(
  ex: Executor,
  chain: readonly ChainGrid[],
  categoryCode: string,
  standard: FilingStandard,
): Promise<DispatchTarget | null> {
  const route = await casesRepo.route(
    ex,
    chain.map((g) => g.path),
    categoryCode,
  )
  const departmentId =
    route?.department_id ??
    (standard.department
      ? await casesRepo.departmentOfKind(
          ex,
          standard.department,
          chain.map((g) => g.id),
        )
      : null)
  if (departmentId) return { departmentId, grid: null }
  const grid = gridsThatTake(chain, standard).at(-1)
  return grid ? { departmentId: null, grid: grid.code } : null
}

/** Where a dispatch goes: the department named, the grid named, else the rules (see ruleTarget). */
export async function dispatchTarget(
  deps: ServiceDeps,
  row: CaseRow,
  body: CaseActionBody,
  standard: FilingStandard,
): Promise<DispatchTarget> {
  const { db } = deps
  if (body.department) {
    const d = await casesRepo.departmentByCode(db, body.department)
    if (!d) throw badRequest('case.unknown_department', `No department ${body.department}`)
    return { departmentId: d.id, grid: null }
  }
  const chain = await gridChain(db, row.grid_path)
  if (body.grid) {
    const grid = chain.find((g) => g.code === body.grid)
    if (!grid) throw badRequest('case.grid_not_in_chain', `Grid ${body.grid} does not hold this case`)
    if (!isGridLevel(grid.level))
      throw new Problem(
        422,
        'case.not_a_grid',
        `${grid.code} is a ${grid.level}, not a grid: only grids are sent cases down`,
      )
    if (!standard.admitted) throw notAdmitted()
    return { departmentId: null, grid: grid.code }
  }
  const target = await ruleTarget(db, chain, row.category_code, standard)
  if (!target) throw noHandler()
  return target
}

/**
 * What the dispatch form may offer for a case, as the server would accept it now: where the rules
 * send it (or why they cannot), and the grids that may take it (or why none may).
 */
export function createDispatchOptions(deps: ServiceDeps) {
  const { db } = deps
  return async function dispatchOptions(ctx: RequestContext, id: string): Promise<DispatchOptions> {
    const row = await loadReadable(db, ctx, id)
    if (!mayAct(ctx.actor, 'dispatch', caseFacts(row)))
      throw forbidden('case.forbidden', 'You may not dispatch this case')
    const standard = row.standard
    if (!standard) throw new Error(`category ${row.category_code} has no filing standard`)
    const chain = await gridChain(db, row.grid_path)
    const target = await ruleTarget(db, chain, row.category_code, standard)
    const outline = (g: ChainGrid) => ({ code: g.code, name: g.name, level: g.level })
    const ruleGrid = target?.grid ? chain.find((g) => g.code === target.grid) : undefined
    const grids = gridsThatTake(chain, standard)
    return {
      byRule: target && {
        department: target.departmentId
          ? ((await dispatchRepo.department(db, target.departmentId)) ?? null)
          : null,
        grid: ruleGrid ? outline(ruleGrid) : null,
      },
      byRuleRefused: target ? null : 'case.no_handler',
      grids: grids.map(outline),
      gridsRefused: grids.length > 0 ? null : standard.admitted ? 'case.no_grid' : 'case.not_admitted',
    }
  }
}
