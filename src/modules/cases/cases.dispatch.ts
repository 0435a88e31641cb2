import { badRequest, Problem } from '../../lib/problem'
import type { ServiceDeps } from '../../lib/service'
import { gridChain } from '../grids/grids.reads'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseActionBody } from './cases.schema'
import type { FilingStandard } from './categories/categories.types'

const notAdmitted = () =>
  new Problem(
    422,
    'case.not_admitted',
    'This category is not on the admitted list: grid workers cannot be given it',
  )

/** Where a dispatch goes: the department named, the grid named, the routing table, the category's default. */
export async function dispatchTarget(
  deps: ServiceDeps,
  row: CaseRow,
  body: CaseActionBody,
  standard: FilingStandard,
) {
  const { db } = deps
  if (body.department) {
    const d = await casesRepo.departmentByCode(db, body.department)
    if (!d) throw badRequest('case.unknown_department', `No department ${body.department}`)
    return { departmentId: d.id, grid: null }
  }
  const chain = await gridChain(db, row.grid_path)
  const toGrid = (code: string) => {
    if (!standard.admitted) throw notAdmitted()
    return { departmentId: null, grid: code }
  }
  if (body.grid) {
    if (!chain.some((g) => g.code === body.grid))
      throw badRequest('case.grid_not_in_chain', `Grid ${body.grid} does not hold this case`)
    return toGrid(body.grid)
  }
  const route = await casesRepo.route(
    db,
    chain.map((g) => g.path),
    row.category_code,
  )
  const departmentId =
    route?.department_id ??
    (standard.department
      ? await casesRepo.departmentOfKind(
          db,
          standard.department,
          chain.map((g) => g.id),
        )
      : null)
  if (departmentId) return { departmentId, grid: null }
  const leaf = chain.at(-1)
  if (leaf && standard.admitted) return toGrid(leaf.code)
  throw new Problem(
    422,
    'case.no_handler',
    'No department serves this case here: name one or add a routing rule',
  )
}
