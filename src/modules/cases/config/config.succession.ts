import { sql } from 'drizzle-orm'
import type { SuccessionHook } from '../../grids/grids.succession'

/**
 * Routing rules follow their grid: a rule on a grid merged or re-coded moves to its successor; a rule
 * on a grid split is copied to every part (each part keeps routing as the whole did).
 */
export const routesFollowGrids: SuccessionHook = async (tx, _ctx, { predecessors, successors }) => {
  for (const from of predecessors) {
    for (const to of successors) {
      await tx.execute(sql`insert into case_routes (id, grid_path, category_prefix, department_id, level)
        select gen_random_uuid(), ${to.path}::ltree, category_prefix, department_id, level
        from case_routes where grid_path = ${from.path}::ltree
        on conflict (grid_path, category_prefix) do nothing`)
    }
    await tx.execute(sql`delete from case_routes where grid_path = ${from.path}::ltree`)
  }
}
