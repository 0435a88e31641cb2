import type { Executor } from '../../db/database'
import { patrolsRepo } from './patrols.repo'

/**
 * Whether the patrol is one of this user's own (running or ended): an event reported during a patrol
 * links to it only then (the cases module asks).
 */
export async function isPatrolOf(ex: Executor, patrolId: string, userId: string | null): Promise<boolean> {
  if (!userId) return false
  const patrol = await patrolsRepo.find(ex, patrolId)
  return patrol?.user_id === userId && (patrol.state === 'running' || patrol.state === 'ended')
}
