import { type SQL, sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../db/database'
import { andPathWithin } from '../../../db/scope-sql'

/** Every SQL statement of field proposals 采集 → 审核 (it reads users and grids for names). */

export interface ProposalRow {
  id: string
  kind: 'household' | 'person'
  target_id: string
  grid_path: string
  base_version: number
  changes: Record<string, unknown>
  changes_sealed: string | null
  state: 'applied' | 'pending' | 'conflict' | 'approved' | 'rejected'
  version_at_receipt: number
  applied_version: number | null
  source: { campaignId?: string; taskId?: string }
  proposed_by: string
  proposed_at: string | Date
  decided_by: string | null
  decided_at: string | Date | null
  reason: string | null
  request_hash: string
  answer: Record<string, unknown>
}

export type ProposalListRow = ProposalRow & {
  proposer_name: string
  decider_name: string | null
  grid_code: string | null
  grid_name: string | null
}

export interface ProposalInsert {
  id: string
  kind: string
  targetId: string
  gridPath: string
  baseVersion: number
  changes: Record<string, unknown>
  changesSealed: string | null
  state: string
  versionAtReceipt: number
  appliedVersion: number | null
  source: object
  proposedBy: string
  proposedAt: Date
  requestHash: string
  answer: object
}

const withNames = sql`select p.*, p.grid_path::text as grid_path, u.display_name as proposer_name,
    d.display_name as decider_name, g.code as grid_code, g.name as grid_name
  from ledger_proposals p join users u on u.id = p.proposed_by left join users d on d.id = p.decided_by
    left join grids g on g.path = p.grid_path and g.valid_to is null`

export const proposalsRepo = {
  async one(ex: Executor, id: string): Promise<ProposalListRow | null> {
    const [row] = await queryRows<ProposalListRow>(ex, sql`${withNames} where p.id = ${id}`)
    return row ?? null
  },

  async lock(ex: Executor, id: string): Promise<ProposalRow | null> {
    const [row] = await queryRows<ProposalRow>(
      ex,
      sql`select *, grid_path::text as grid_path from ledger_proposals where id = ${id} for update`,
    )
    return row ?? null
  },

  async insert(ex: Executor, p: ProposalInsert) {
    await ex.execute(sql`insert into ledger_proposals (id, kind, target_id, grid_path, base_version, changes,
        changes_sealed, state, version_at_receipt, applied_version, source, proposed_by, proposed_at,
        request_hash, answer)
      values (${p.id}, ${p.kind}, ${p.targetId}, ${p.gridPath}::ltree, ${p.baseVersion},
        ${JSON.stringify(p.changes)}::jsonb, ${p.changesSealed}, ${p.state}, ${p.versionAtReceipt},
        ${p.appliedVersion}, ${JSON.stringify(p.source)}::jsonb, ${p.proposedBy}, ${p.proposedAt.toISOString()},
        ${p.requestHash}, ${JSON.stringify(p.answer)}::jsonb)`)
  },

  async decide(
    ex: Executor,
    id: string,
    d: {
      state: 'approved' | 'rejected'
      appliedVersion: number | null
      by: string
      at: Date
      reason: string | null
    },
  ) {
    await ex.execute(sql`update ledger_proposals set state = ${d.state}, applied_version = ${d.appliedVersion},
      decided_by = ${d.by}, decided_at = ${d.at.toISOString()}, reason = ${d.reason} where id = ${id}`)
  },

  /**
   * A page, newest first: the reader's own proposals, and (unless `mine`) those of the grids they
   * review (`reviewWithin`, null for everywhere).
   */
  async list(
    ex: Executor,
    f: {
      userId: string
      mine: boolean
      reviewWithin: string[] | null
      states?: readonly string[]
      after?: { at: string; id: string }
      limit: number
    },
  ): Promise<ProposalListRow[]> {
    const where: SQL[] = []
    const own = sql`p.proposed_by = ${f.userId}`
    if (f.mine) where.push(own)
    else if (f.reviewWithin === null) where.push(sql`true`)
    else if (f.reviewWithin.length === 0) where.push(own)
    else where.push(sql`(${own} or (true ${andPathWithin(sql`p.grid_path`, f.reviewWithin)}))`)
    if (f.states?.length)
      where.push(
        sql`p.state in (${sql.join(
          f.states.map((s) => sql`${s}`),
          sql`, `,
        )})`,
      )
    if (f.after) where.push(sql`(p.proposed_at, p.id) < (${f.after.at}::timestamptz, ${f.after.id}::uuid)`)
    return queryRows<ProposalListRow>(
      ex,
      sql`${withNames} where ${sql.join(where, sql` and `)} order by p.proposed_at desc, p.id desc limit ${f.limit}`,
    )
  },

  /** The masked changes recorded on a record after `version` (its change history 变更记录). */
  async changesSince(ex: Executor, recordType: string, recordId: string, version: number) {
    return queryRows<{ changes: Record<string, unknown> }>(
      ex,
      sql`select changes from ledger_changes where record_type = ${recordType} and record_id = ${recordId}
        and version > ${version} order by at, id`,
    )
  },
}
