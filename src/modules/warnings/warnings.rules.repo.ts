import { sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import type { StageClockRow } from '../cases/cases.clock'
import { CLOSED_STATES } from '../cases/cases.states'

const closed = sql.raw(CLOSED_STATES.map((s) => `'${s}'`).join(', '))

/** An open case with its running stage's clock, its number and category (the deadline rule). */
export interface ClockedCase extends StageClockRow {
  id: string
  no: string
  grid_path: string
  /** The grid at the handling level, whose staff own the case (and supervise it). */
  owner_path: string | null
  category_code: string
  category_zh: string
  category_en: string
  lng: number | null
  lat: number | null
}

/** An open warning of a rule, with its case's clock when it names one (what the system settles by). */
export interface OpenWarning {
  id: string
  dedup_key: string
  inputs: Record<string, unknown>
  case: (ClockedCase & { open: boolean }) | null
}

/** A complaint 诉求 of the last days, with who it came from (never shown: only compared). */
export interface Complaint {
  id: string
  grid_path: string
  big_class: string
  lng: number | null
  lat: number | null
  reporter_id: string | null
  /** The reporter's contact, encrypted: opened in memory to compare phones, never stored or shown. */
  reporter_contact: string | null
  /** The households (`h:` id) or rooms without one (`r:` id) the ledgers link the case to. */
  households: string[]
}

/** A special-group membership whose next visit is past, named only by group and grid. */
export interface MissedVisit {
  membership_id: string
  group_code: string
  group_zh: string
  group_en: string
  grid_path: string
  grid_name: string
  due: string
  /** The care plan's days between visits (null: no rule applies any longer). */
  every_days: number | null
}

const CLOCK = sql`c.id, c.no, c.grid_path::text as grid_path, c.owner_path::text as owner_path, c.category_code, coalesce(k.name_zh, c.category_code) as category_zh,
  coalesce(k.name_en, c.category_code) as category_en, ST_X(c.location) as lng, ST_Y(c.location) as lat,
  c.state, c.suspended_from, c.stage_started_at, c.stage_paused_ms, c.accept_due, c.handle_due, c.verify_due`

/** Statements of the deadline, household and visit rules, over the cases' and ledgers' tables. */
export const rulesRepo = {
  /** Every case still in the loop whose stage clock may run (the light is decided in code, cases.clock.ts). */
  clockedCases(ex: Executor, now: Date): Promise<ClockedCase[]> {
    return queryRows<ClockedCase>(
      ex,
      sql`select ${CLOCK} from cases c left join case_categories k on k.code = c.category_code
        where c.state not in (${closed}, 'verified', 'suspended') and c.stage_started_at < ${now}`,
    )
  },

  /** The open warnings of a rule; for deadlines, with their case as it is now. */
  openOf(ex: Executor, rule: string): Promise<OpenWarning[]> {
    return queryRows<OpenWarning>(
      ex,
      sql`select w.id, w.dedup_key, w.inputs,
          case when c.id is null then null else to_jsonb(x) end as "case"
        from warnings w
          left join cases c on c.id = (w.inputs->'cases'->>0)::uuid and ${rule} = 'deadline'
          left join case_categories k on k.code = c.category_code
          left join lateral (select ${CLOCK}, c.state not in (${closed}) as open) x on c.id is not null
        where w.rule = ${rule} and w.state = 'open'`,
    ).then((rows) =>
      rows.map((r) => ({
        ...r,
        case: r.case && {
          ...r.case,
          stage_started_at: r.case.stage_started_at && new Date(r.case.stage_started_at),
          accept_due: r.case.accept_due && new Date(r.case.accept_due),
          handle_due: r.case.handle_due && new Date(r.case.handle_due),
          verify_due: r.case.verify_due && new Date(r.case.verify_due),
        },
      })),
    )
  },

  /** The state and level of the warnings under these keys. */
  async states(ex: Executor, keys: string[]): Promise<Map<string, { state: string; level: string }>> {
    if (keys.length === 0) return new Map()
    const rows = await queryRows<{ dedup_key: string; state: string; level: string }>(
      ex,
      sql`select dedup_key, state, level from warnings where dedup_key = any(${pgTextArray(keys)}::text[])`,
    )
    return new Map(rows.map((r) => [r.dedup_key, { state: r.state, level: r.level }]))
  },

  /**
   * Settles open warnings that no longer hold 系统解除: state `resolved`, no one as handler, the
   * reason a code the desk names. Answers how many.
   */
  async resolve(ex: Executor, settled: { id: string; reason: string }[], at: Date): Promise<number> {
    if (settled.length === 0) return 0
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update warnings w set state = 'resolved', handled_by = null, handled_at = ${at}, reason = s.reason,
          updated_at = now()
        from unnest(${pgTextArray(settled.map((s) => s.id))}::uuid[], ${pgTextArray(settled.map((s) => s.reason))}::text[])
          as s(id, reason)
        where w.id = s.id and w.state = 'open' returning w.id`,
    )
    return rows.length
  },

  /** Complaints from residents and the like reported in [since, until), with who they came from. */
  complaints(
    ex: Executor,
    q: { since: Date; until: Date; sources: readonly string[] },
  ): Promise<Complaint[]> {
    return queryRows<Complaint>(
      ex,
      sql`select c.id, c.grid_path::text as grid_path, left(c.category_code, 2) as big_class,
          ST_X(c.location) as lng, ST_Y(c.location) as lat, c.reporter_id, c.reporter_contact,
          array(
            select 'h:' || hm.household_id::text from case_subjects s
              join household_members hm on hm.person_id = s.subject_id and hm.to_date is null
              where s.case_id = c.id and s.subject_type = 'person'
            union
            select coalesce('h:' || h.id::text, 'r:' || s.subject_id::text) from case_subjects s
              left join households h on h.room_id = s.subject_id
              where s.case_id = c.id and s.subject_type = 'room'
          )::text[] as households
        from cases c
        where c.reported_at >= ${q.since} and c.reported_at < ${q.until}
          and c.source = any(${pgTextArray(q.sources)}::text[]) and c.state not in ('rejected', 'voided', 'merged')
        order by c.reported_at, c.id`,
    )
  },

  /** Open memberships whose next visit was due before `today` (China day), as the visit sweep reads them. */
  missedVisits(ex: Executor, today: string): Promise<MissedVisit[]> {
    return queryRows<MissedVisit>(
      ex,
      sql`select gm.id as membership_id, gm.group_code, coalesce(lc.zh, gm.group_code) as group_zh,
          coalesce(lc.en, gm.group_code) as group_en, gm.grid_path::text as grid_path, g.name as grid_name,
          gm.next_visit_due::text as due,
          (select vp.every_days from visit_policies vp where vp.group_code = gm.group_code
            and vp.min_attention <= gm.attention order by vp.min_attention desc limit 1) as every_days
        from group_memberships gm join grids g on g.id = gm.grid_id
          left join ledger_codes lc on lc.code_table = 'special_group' and lc.code = gm.group_code
        where gm.next_visit_due < ${today}::date and (gm.ends_on is null or gm.ends_on >= ${today}::date)
          and exists (select 1 from people p where p.id = gm.person_id and p.erased_at is null)`,
    )
  },

  /** Whether each membership is still running on `today` (not ended, its person not erased). */
  async runningMemberships(ex: Executor, ids: string[], today: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`select gm.id from group_memberships gm join people p on p.id = gm.person_id and p.erased_at is null
        where gm.id = any(${pgTextArray(ids)}::uuid[]) and (gm.ends_on is null or gm.ends_on >= ${today}::date)`,
    )
    return new Set(rows.map((r) => r.id))
  },
}
