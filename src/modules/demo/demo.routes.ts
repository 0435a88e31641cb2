import { DEFAULT_CATEGORIES } from '../cases/categories/catalogue'
import type { SeedRoute } from '../cases/config/config.seed'
import { demoDepartmentCode } from '../staff/staff.demo'

/**
 * The classes no department kind takes and grid workers may not be given (属地兜底 at the street or
 * community, off the admitted list 准入清单): their default dispatch would find no handler.
 */
export const UNROUTED_CLASSES = DEFAULT_CATEGORIES.filter(
  (c) => c.standard && c.standard.department === null && !c.standard.admitted,
).map((c) => c.code)

/**
 * The demo's routing rules: in every district, the unrouted classes go to 城管 (comprehensive law
 * enforcement, which covers street-level territorial matters), so every shipped class can be
 * dispatched by the rules.
 */
export function demoRoutes(districtPaths: readonly string[]): SeedRoute[] {
  const department = demoDepartmentCode('urban_management')
  return districtPaths.flatMap((gridPath) =>
    UNROUTED_CLASSES.map((categoryPrefix) => ({ gridPath, categoryPrefix, department })),
  )
}
