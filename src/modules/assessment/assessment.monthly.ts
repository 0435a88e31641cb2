import type { FastifyBaseLogger } from 'fastify'
import { systemContext } from '../../lib/context'
import { chinaDay } from '../../lib/dates'
import { type PeriodicJob, periodicJob } from '../../lib/periodic'
import { lastMonthOf } from './assessment.period'
import type { AssessmentService } from './assessment.service'

/** Hourly: soon after a month ends, its runs exist without anyone asking. */
export const MONTHLY_EVERY_MS = 3_600_000

/**
 * Computes last month's whole-deployment run of every scheme that has none yet (each scheme's
 * monthly ranking 月度排名, on the 1st). Several nodes may run it: a run is computed from the data
 * alone, so two nodes computing the same one write the same figures, and the unique key keeps one.
 */
export function createMonthlyAssessment(
  assessment: AssessmentService,
  clock: () => Date,
  log: FastifyBaseLogger,
): PeriodicJob<number> {
  return periodicJob(
    'monthly assessment',
    MONTHLY_EVERY_MS,
    () => assessment.computeMissing(systemContext('monthly-assessment'), lastMonthOf(chinaDay(clock()))),
    log,
  )
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Last month's assessments: the server runs it hourly; tests run it when they want. */
    monthlyAssessment: PeriodicJob<number>
  }
}
