import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { type CalendarDay, createWorkCalendar, isIsoDate, shiftProblem, type WorkCalendar } from './calendar'
import { CN_DAYS } from './calendar.cn'

const Time = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected a time HH:MM')

// Strict objects: a misspelt key ("dates", "type") would otherwise be dropped without a word.
const CalendarFileSchema = z
  .strictObject({
    shifts: z
      .array(z.tuple([Time, Time]))
      .min(1)
      .optional(),
    days: z.array(
      z.strictObject({
        date: z.string().refine(isIsoDate, 'expected a real date YYYY-MM-DD'),
        kind: z.enum(['holiday', 'workday']),
        name: z.string().min(1),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const problem = file.shifts && shiftProblem(file.shifts)
    if (problem) ctx.addIssue({ code: 'custom', path: ['shifts', problem.index], message: problem.message })
    const seen = new Set<string>()
    for (const [i, day] of file.days.entries()) {
      if (seen.has(day.date)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `${day.date} is listed twice` })
      }
      seen.add(day.date)
    }
  })

/** The shipped arrangements (2020–2026), for deployments that configure nothing. */
export const SHIPPED_DAYS: readonly CalendarDay[] = CN_DAYS

/**
 * The deployment's working calendar: the shipped days plus those of the JSON file WANGGE_CALENDAR
 * names (`{ shifts?, days }`; a date in the file overrides the shipped one), or the shipped calendar.
 * A bad file stops the start with one line naming the variable and the field.
 */
export function loadCalendar(path: string | undefined): WorkCalendar {
  if (!path) return createWorkCalendar({ days: SHIPPED_DAYS })
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(
      `invalid configuration: WANGGE_CALENDAR=${path} cannot be read as JSON (${(error as Error).message})`,
    )
  }
  const parsed = CalendarFileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || '(top level)'
    throw new Error(`invalid configuration: WANGGE_CALENDAR=${path} ${field}: ${issue?.message}`)
  }
  // createWorkCalendar lets the later entry for a date win, so the file's days come last.
  return createWorkCalendar({ shifts: parsed.data.shifts, days: [...SHIPPED_DAYS, ...parsed.data.days] })
}
