import type { Tx } from '../../db/database'
import type { LiveBus } from '../../lib/bus/bus'
import type { OutboxDrainer } from '../outbox/outbox.drainer'
import type { WorkCalendar } from './calendar/calendar'
import { toCaseSummary } from './cases.presenter'
import { type CaseRow, casesRepo } from './cases.repo'
import type { CaseMapPoint } from './cases.schema'
import { isOpen } from './cases.states'

/** The live bus topic of cases that changed (reported, or moved by an action). */
export const LIVE_CASES = 'cases'

/** A changed case as the live map hears it, with what decides who may see it (never sent on). */
export interface LiveCase {
  point: CaseMapPoint
  open: boolean
  /** The case's version: a node fans each version out once, and never one older than it has sent. */
  version: number
  gridPath: string | null
  ownerPath: string | null
  departmentId: string | null
}

/** A case row as the live map hears it, or null for a case with no place on the map. */
export function liveCaseOf(row: CaseRow, calendar: WorkCalendar, now: Date): LiveCase | null {
  const c = toCaseSummary(row, calendar, now)
  if (!c.location) return null
  return {
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
    version: row.version,
    gridPath: row.grid_path,
    ownerPath: row.owner_path,
    departmentId: row.department_id,
  }
}

/**
 * Publishes a case filed on this node the moment its report commits (`CasesSettings.filed`): the
 * shortest way to the live map. The outbox announces it again when it claims the report's message
 * (below), which covers a process that stops in between; the second hearing has the same version
 * and every node's hub drops it.
 */
export function publishFiled(
  bus: LiveBus,
  settings: { calendar: WorkCalendar; clock: () => Date },
  row: CaseRow,
): void {
  const live = liveCaseOf(row, settings.calendar, settings.clock())
  if (live) bus.publish(LIVE_CASES, live)
}

/**
 * Publishes each case once its report or action is committed, as the outbox claims its message (so
 * never before the commit, and never lost to a crash in between): every node's live map sockets
 * hear it and filter by viewer. The cases of a claimed batch are read in one statement and published
 * before the batch's notices are written; each carries its state and version as they are when read,
 * so a case published twice (a drain retried, a report published at its commit) shows the same or a
 * later state.
 */
export function registerCaseLive(
  drainer: OutboxDrainer,
  bus: LiveBus,
  settings: { calendar: WorkCalendar; clock: () => Date },
) {
  const publish = async (tx: Tx, payloads: Record<string, unknown>[]) => {
    const rows = await casesRepo.findAll(tx, [...new Set(payloads.map((p) => String(p.caseId)))])
    const now = settings.clock()
    for (const row of rows) {
      const live = liveCaseOf(row, settings.calendar, now)
      if (live) bus.publish(LIVE_CASES, live)
    }
  }
  drainer.announce('case.reported', publish)
  drainer.announce('case.transition', publish)
}
