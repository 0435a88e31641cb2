import type { Executor } from '../../../db/database'
import { uuidv7 } from '../../../lib/ids'
import { configRepo } from './config.repo'

/** A routing rule as a seed names it: a grid's path, a category prefix and a department's code. */
export interface SeedRoute {
  gridPath: string
  categoryPrefix: string
  department: string
}

/**
 * Writes routing rules 分拨规则 in the caller's transaction, for a seeded demo: no actor and no audit
 * row of their own (the seed writes one for the whole demo). A department that does not exist is a
 * bug in the seed, not bad input.
 */
export async function seedRoutes(ex: Executor, rules: readonly SeedRoute[]): Promise<void> {
  for (const rule of rules) {
    const department = await configRepo.departmentByCode(ex, rule.department)
    if (!department) throw new Error(`the seed names no department ${rule.department}`)
    await configRepo.insertRoute(ex, {
      id: uuidv7(),
      grid_path: rule.gridPath,
      category_prefix: rule.categoryPrefix,
      department_id: department.id,
      level: null,
    })
  }
}
