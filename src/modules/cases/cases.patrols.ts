import type { Executor } from '../../db/database'
import { casesRepo } from './cases.repo'

/** The events reported during a patrol (`cases.patrol_id`), for the patrol's detail: number and state. */
export function casesOfPatrol(
  ex: Executor,
  patrolId: string,
): Promise<{ id: string; no: string; state: string }[]> {
  return casesRepo.ofPatrol(ex, patrolId)
}
