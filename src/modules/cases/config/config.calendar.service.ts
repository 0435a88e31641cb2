import type { RequestContext } from '../../../lib/context'
import { forbidden, notFound } from '../../../lib/problem'
import { inTransaction, type ServiceDeps } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { DayKind } from '../calendar/calendar'
import { mayConfigureCalendar, mayReadCalendar } from './config.policy'
import { configRepo } from './config.repo'
import { daysInForce, type LiveCalendar } from './live-calendar'

/**
 * The working calendar's own days, over the shipped and file ones. Every change is audited in its
 * transaction and reaches this node's case clocks at once (see live-calendar.ts).
 */
export function createCalendarConfig(deps: ServiceDeps, calendar: LiveCalendar) {
  const { db } = deps

  return {
    calendar(ctx: RequestContext, year: number) {
      if (!mayReadCalendar(ctx.actor)) throw forbidden('auth.forbidden', 'You may not view the calendar')
      const layers = calendar.layers()
      return {
        year,
        known: calendar.knowsYear(year),
        shifts: layers.shifts.map(([start, end]): [string, string] => [start, end]),
        days: daysInForce(layers, year),
      }
    },

    /** Sets a database day (over the shipped and file ones) and rebuilds this node's calendar. */
    async setDay(ctx: RequestContext, date: string, body: { kind: DayKind; name: string }) {
      if (!mayConfigureCalendar(ctx.actor))
        throw forbidden(
          'auth.forbidden',
          'Setting calendar days needs case.configure over the whole deployment',
        )
      const before = await configRepo.calendarDay(db, date)
      await inTransaction(deps, async (tx) => {
        await configRepo.setCalendarDay(tx, { date, ...body })
        await recordAudit(tx, ctx, {
          action: 'calendar.set_day',
          resourceType: 'calendar_day',
          resourceId: date,
          summary: { kind: body.kind, name: body.name, before: before ?? null },
        })
      })
      await calendar.reload()
      const day = daysInForce(calendar.layers(), Number(date.slice(0, 4))).find((d) => d.date === date)
      if (!day) throw new Error(`calendar day ${date} missing after it was set`)
      return day
    },

    /** Clears a database day: the shipped or file day, or the weekday rule, applies again. */
    async clearDay(ctx: RequestContext, date: string): Promise<void> {
      if (!mayConfigureCalendar(ctx.actor))
        throw forbidden(
          'auth.forbidden',
          'Clearing calendar days needs case.configure over the whole deployment',
        )
      const before = await configRepo.calendarDay(db, date)
      if (!before)
        throw notFound(
          'calendar.day_not_found',
          `No day ${date} was set through the API (shipped and file days are overridden, not cleared)`,
        )
      await inTransaction(deps, async (tx) => {
        await configRepo.deleteCalendarDay(tx, date)
        await recordAudit(tx, ctx, {
          action: 'calendar.clear_day',
          resourceType: 'calendar_day',
          resourceId: date,
          summary: { before },
        })
      })
      await calendar.reload()
    },
  }
}
