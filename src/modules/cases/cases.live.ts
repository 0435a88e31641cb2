import type { Tx } from '../../db/database'
import type { LiveBus } from '../../lib/bus/bus'
import type { OutboxDrainer } from '../outbox/outbox.drainer'
import type { WorkCalendar } from './calendar/calendar'
import { toCaseSummary } from './cases.presenter'
import { casesRepo } from './cases.repo'
import type { CaseMapPoint } from './cases.schema'
import { isOpen } from './cases.states'

/** The live bus topic of cases that changed (reported, or moved by an action). */
export const LIVE_CASES = 'cases'

/** A changed case as the live map hears it, with what decides who may see it (never sent on). */
export interface LiveCase {
  point: CaseMapPoint
  open: boolean
  gridPath: string | null
  ownerPath: string | null
  departmentId: string | null
}

/**
 * Publishes each case once its report or action is committed (from the outbox, so never before and
 * never lost to a crash in between): every node's live map sockets hear it and filter by viewer.
 */
export function registerCaseLive(
  drainer: OutboxDrainer,
  bus: LiveBus,
  settings: { calendar: WorkCalendar; clock: () => Date },
) {
  const publish = async (tx: Tx, caseId: string) => {
    const row = await casesRepo.find(tx, caseId)
    if (!row) return undefined
    const c = toCaseSummary(row, settings.calendar, settings.clock())
    if (!c.location) return undefined
    const live: LiveCase = {
      point: {
        id: c.id,
        no: c.no,
        state: c.state,
        light: c.light,
        category: c.category,
        source: c.source,
        urgency: c.urgency,
        reportedAt: c.reportedAt,
        ...c.location,
      },
      open: isOpen(c.state),
      gridPath: row.grid_path,
      ownerPath: row.owner_path,
      departmentId: row.department_id,
    }
    return () => bus.publish(LIVE_CASES, live)
  }
  drainer.on('case.reported', (tx, p) => publish(tx, String(p.caseId)))
  drainer.on('case.transition', (tx, p) => publish(tx, String(p.caseId)))
}
