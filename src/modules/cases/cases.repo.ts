import { type SQL, sql } from 'drizzle-orm'
import { pgTextArray } from '../../db/arrays'
import { type Executor, queryRows } from '../../db/database'
import { andPathWithin } from '../../db/scope-sql'
import { type CaseFilter, filterConditions } from './cases.filter.repo'
import { type NearbyQuery, type NearbyRow, nearbySql } from './cases.nearby.repo'
import type { CategoryRow, FilingStandard } from './categories/categories.types'

export interface CaseRow {
  id: string
  no: string
  category_code: string
  category_zh: string
  category_en: string
  standard: FilingStandard | null
  nature: string | null
  source: string
  state: string
  suspended_from: string | null
  version: number
  urgency: string
  description: string
  address: string | null
  lng: number | null
  lat: number | null
  grid_id: string | null
  grid_path: string | null
  level: string
  owner_path: string | null
  department_id: string | null
  department_code: string | null
  department_name: string | null
  /** Department ids summoned by a whistle. */
  participants: string[]
  unowned_reason: string | null
  reporter_id: string | null
  deferred: boolean
  accept_due: Date | null
  handle_due: Date | null
  verify_due: Date | null
  accept_overdue: boolean | null
  handle_overdue: boolean | null
  verify_overdue: boolean | null
  paused_ms: number
  stage_started_at: Date | null
  stage_paused_ms: number
  suspended_at: Date | null
  rating: number | null
  supervision: string | null
  reported_at: Date
  accepted_at: Date | null
  handled_at: Date | null
  closed_at: Date | null
}

export interface TransitionRow {
  id: string
  action: string
  from_state: string | null
  to_state: string
  actor_id: string | null
  actor_name: string | null
  actor_role: string
  at: Date
  public_text: string | null
  private_note: string | null
  data: Record<string, unknown>
}

const caseColumns =
  sql.raw(`c.id, c.no, c.category_code, k.name_zh as category_zh, k.name_en as category_en, k.standard,
  c.nature, c.source, c.state, c.suspended_from, c.version, c.urgency, c.description, c.address,
  ST_X(c.location) as lng, ST_Y(c.location) as lat, c.grid_id, c.grid_path::text as grid_path, c.level,
  c.owner_path::text as owner_path, c.department_id, d.code as department_code, d.name as department_name,
  coalesce((select json_agg(p.department_id) from case_participants p where p.case_id = c.id), '[]'::json) as participants,
  c.unowned_reason, c.reporter_id, c.deferred, c.accept_due, c.handle_due, c.verify_due, c.accept_overdue,
  c.handle_overdue, c.verify_overdue, c.paused_ms, c.stage_started_at, c.stage_paused_ms, c.suspended_at, c.rating, c.supervision, c.reported_at, c.accepted_at,
  c.handled_at, c.closed_at`)

const fromCases = sql.raw(
  'cases c join case_categories k on k.code = c.category_code left join departments d on d.id = c.department_id',
)

/** The columns a state change may set (besides state and version). */
export interface CasePatch {
  state: string
  suspended_from?: string | null
  department_id?: string | null
  level?: string
  owner_path?: string | null
  unowned_reason?: string | null
  deferred?: boolean
  accept_due?: Date | null
  handle_due?: Date | null
  verify_due?: Date | null
  accept_overdue?: boolean | null
  handle_overdue?: boolean | null
  verify_overdue?: boolean | null
  paused_ms?: number
  stage_started_at?: Date | null
  stage_paused_ms?: number
  suspended_at?: Date | null
  merged_into?: string | null
  rating?: number | null
  supervision?: string | null
  accepted_at?: Date | null
  handled_at?: Date | null
  closed_at?: Date | null
}

const PATCH_TYPES: Partial<Record<keyof CasePatch, string>> = { owner_path: 'ltree' }

/** Where a reader's case.read grants reach: grid subtrees (null: everywhere) and departments. */
export interface ReadScope {
  within: string[] | null
  departments: string[]
}

/**
 * The cases (alias `c`) a reader may see, one test per way of seeing them: in their subtrees (by
 * leaf or owning grid), dispatched to their departments, reported by them, or whistled to them.
 * Null: everything; an empty list: nothing.
 *
 * One OR of all of them defeats the indexes (the whistle test is a join), and PostgreSQL scans
 * every case. Lists and statistics run one select per test instead, each answered by its own
 * indexes (the ltree GiST indexes on grid_path and owner_path, cases_department_idx,
 * cases_reporter_idx, case_participants_department_idx then cases_pkey), and add them up.
 */
export function visibilityTests(scope: ReadScope, reporterId: string | null = null): SQL[] | null {
  if (scope.within === null) return null
  const tests: SQL[] = []
  // Both GiST indexes answer this OR together (a BitmapOr), reading each case once.
  if (scope.within.length)
    tests.push(sql`((true ${andPathWithin(sql.raw('c.grid_path'), scope.within)})
      or (true ${andPathWithin(sql.raw('c.owner_path'), scope.within)}))`)
  const departments = sql.join(
    scope.departments.map((d) => sql`${d}::uuid`),
    sql`, `,
  )
  if (scope.departments.length) tests.push(sql`c.department_id in (${departments})`)
  if (reporterId) tests.push(sql`c.reporter_id = ${reporterId}::uuid`)
  // Whistles are few: their case ids, from the participants' department index, are looked up in
  // cases_pkey (in id order, so a page stops early); as a join, the planner may scan every case
  // instead. Last, so no later select has to leave these cases out.
  if (scope.departments.length)
    tests.push(sql`c.id = any(array(select p.case_id from case_participants p
      where p.department_id in (${departments})))`)
  return tests
}

/**
 * `select <columns> from cases c where <where>` within a reader's scope: one select per visibility
 * test, each leaving out the cases of the tests before it, so UNION ALL yields each case once.
 */
export function scopedCases(
  columns: SQL,
  where: SQL,
  scope: ReadScope,
  reporterId: string | null = null,
): SQL {
  const tests = visibilityTests(scope, reporterId)
  if (tests === null) return sql`select ${columns} from cases c where ${where}`
  if (tests.length === 0) return sql`select ${columns} from cases c where false`
  // `is not true`: a case without an owner or a department is not seen that way (rather than unknown).
  const arms = tests.map((test, i) =>
    sql.join([test, ...tests.slice(0, i).map((before) => sql`(${before}) is not true`)], sql` and `),
  )
  return sql.join(
    arms.map((arm) => sql`(select ${columns} from cases c where ${where} and ${arm})`),
    sql` union all `,
  )
}

export interface CaseListQuery extends CaseFilter {
  limit: number
  cursor?: string
  within: string[] | null
  departments: string[]
  reporterId: string | null
}

/** The staff list, newest first by id (the cursor is the last id of the page before). */
export function caseListQuery(q: CaseListQuery): SQL {
  const conditions = [sql`true`, ...filterConditions(q)]
  if (q.cursor) conditions.push(sql`c.id < ${q.cursor}::uuid`)
  const where = sql.join(conditions, sql` and `)
  const page = sql`order by c.id desc limit ${q.limit}`
  const tests = visibilityTests(q, q.reporterId)
  if (tests === null) return sql`select ${caseColumns} from ${fromCases} where ${where} ${page}`
  if (tests.length === 0) return sql`select ${caseColumns} from ${fromCases} where false`
  // The page is among the first `limit` of each test's cases (a case several tests find is one
  // row of the semi-join), so each select stops there, by the id index or by sorting its own few.
  const ids = sql.join(
    tests.map((test) => sql`(select c.id from cases c where ${where} and ${test} ${page})`),
    sql` union all `,
  )
  return sql`select ${caseColumns} from ${fromCases} where c.id in (${ids}) ${page}`
}

export const casesRepo = {
  async category(ex: Executor, code: string): Promise<CategoryRow | undefined> {
    const [row] = await queryRows<CategoryRow>(
      ex,
      sql`select code, catalogue, parent_code, name_zh, name_en, standard, active from case_categories where code = ${code}`,
    )
    return row
  },

  async categories(ex: Executor): Promise<CategoryRow[]> {
    return queryRows(
      ex,
      sql`select code, catalogue, parent_code, name_zh, name_en, standard, active from case_categories order by code`,
    )
  },

  /**
   * The routing rule for a category among the grids of a chain: the deepest subtree first, then the
   * longest category code (a small class before its big class before every category).
   */
  async route(
    ex: Executor,
    paths: string[],
    categoryCode: string,
  ): Promise<{ department_id: string | null; level: string | null } | undefined> {
    if (paths.length === 0) return undefined
    const [row] = await queryRows<{ department_id: string | null; level: string | null }>(
      ex,
      sql`select department_id, level from case_routes
        where grid_path::text in (${sql.join(
          paths.map((p) => sql`${p}`),
          sql`, `,
        )}) and starts_with(${categoryCode}, category_prefix)
        order by nlevel(grid_path) desc, length(category_prefix) desc limit 1`,
    )
    return row
  },

  /** The department of a kind serving the deepest grid of a chain. */
  async departmentOfKind(ex: Executor, kind: string, gridIds: string[]): Promise<string | null> {
    if (gridIds.length === 0) return null
    const [row] = await queryRows<{ id: string }>(
      ex,
      sql`select d.id from departments d join department_grids dg on dg.department_id = d.id join grids g on g.id = dg.grid_id
        where d.kind = ${kind} and dg.grid_id in (${sql.join(
          gridIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) order by nlevel(g.path) desc, d.code limit 1`,
    )
    return row?.id ?? null
  },

  async departmentByCode(ex: Executor, code: string): Promise<{ id: string; code: string } | undefined> {
    const [row] = await queryRows<{ id: string; code: string }>(
      ex,
      sql`select id, code from departments where code = ${code}`,
    )
    return row
  },

  async find(ex: Executor, id: string): Promise<CaseRow | undefined> {
    const [row] = await queryRows<CaseRow>(
      ex,
      sql`select ${caseColumns} from ${fromCases} where c.id = ${id}`,
    )
    return row
  },

  /** These cases, in no order (those that do not exist are left out). */
  findAll(ex: Executor, ids: readonly string[]): Promise<CaseRow[]> {
    if (ids.length === 0) return Promise.resolve([])
    return queryRows<CaseRow>(
      ex,
      sql`select ${caseColumns} from ${fromCases} where c.id = any(${pgTextArray(ids)}::uuid[])`,
    )
  },

  /** Changes a case only if it still has the version the actor saw: false when someone acted first. */
  async change(ex: Executor, id: string, version: number, patch: CasePatch): Promise<boolean> {
    const sets = Object.entries(patch).map(([column, value]) => {
      const type = PATCH_TYPES[column as keyof CasePatch]
      return type
        ? sql`${sql.identifier(column)} = ${value}::${sql.raw(type)}`
        : sql`${sql.identifier(column)} = ${value}`
    })
    const rows = await queryRows<{ id: string }>(
      ex,
      sql`update cases set ${sql.join(sets, sql`, `)}, version = version + 1, updated_at = now()
        where id = ${id} and version = ${version} returning id`,
    )
    return rows.length === 1
  },

  async insertTransition(
    ex: Executor,
    t: {
      id: string
      case_id: string
      action: string
      from_state: string | null
      to_state: string
      actor_id: string | null
      actor_role: string
      at: Date
      public_text: string | null
      private_note: string | null
      data: Record<string, unknown>
    },
  ): Promise<void> {
    await ex.execute(sql`insert into case_transitions (id, case_id, action, from_state, to_state, actor_id, actor_role, at,
        public_text, private_note, data)
      values (${t.id}, ${t.case_id}, ${t.action}, ${t.from_state}, ${t.to_state}, ${t.actor_id}, ${t.actor_role}, ${t.at},
        ${t.public_text}, ${t.private_note}, ${JSON.stringify(t.data)}::jsonb)`)
  },

  async timeline(ex: Executor, caseId: string): Promise<TransitionRow[]> {
    return queryRows(
      ex,
      sql`select t.id, t.action, t.from_state, t.to_state, t.actor_id, u.display_name as actor_name, t.actor_role, t.at,
          t.public_text, t.private_note, t.data
        from case_transitions t left join users u on u.id = t.actor_id
        where t.case_id = ${caseId} order by t.at, t.id`,
    )
  },

  async list(ex: Executor, q: CaseListQuery): Promise<CaseRow[]> {
    return queryRows(ex, caseListQuery(q))
  },

  /**
   * Open cases of a category near a point reported since a time, nearest first: candidates for a
   * merge, or for "me too" instead of a new report.
   */
  async nearby(ex: Executor, q: NearbyQuery): Promise<NearbyRow[]> {
    return queryRows(ex, nearbySql(q))
  },

  /** Adds a follower; false when they already follow it. */
  async follow(ex: Executor, caseId: string, follower: string, userId: string | null): Promise<boolean> {
    const rows = await queryRows<{ case_id: string }>(
      ex,
      sql`insert into case_followers (case_id, follower, user_id) values (${caseId}, ${follower}, ${userId})
        on conflict do nothing returning case_id`,
    )
    return rows.length === 1
  },

  /** The reporter's contact as stored (encrypted), if any. */
  async reporterContact(ex: Executor, caseId: string): Promise<string | null> {
    const [row] = await queryRows<{ reporter_contact: string | null }>(
      ex,
      sql`select reporter_contact from cases where id = ${caseId}`,
    )
    return row?.reporter_contact ?? null
  },

  async followerUsers(ex: Executor, caseId: string): Promise<string[]> {
    const rows = await queryRows<{ user_id: string }>(
      ex,
      sql`select user_id from case_followers where case_id = ${caseId} and user_id is not null`,
    )
    return rows.map((r) => r.user_id)
  },

  async intakeKey(
    ex: Executor,
    caller: string,
    key: string,
  ): Promise<{ request_hash: string; case_id: string } | undefined> {
    const [row] = await queryRows<{ request_hash: string; case_id: string }>(
      ex,
      sql`select request_hash, case_id from case_intake_keys where caller = ${caller} and key = ${key}`,
    )
    return row
  },

  /** The events reported during a patrol, in the order they were reported. */
  async ofPatrol(ex: Executor, patrolId: string): Promise<{ id: string; no: string; state: string }[]> {
    return queryRows(
      ex,
      sql`select id, no, state from cases where patrol_id = ${patrolId} order by reported_at, no`,
    )
  },
}
