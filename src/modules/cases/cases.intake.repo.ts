import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/database'
import { preparedRows } from '../../db/prepared'
import { outboxRepo } from '../outbox/outbox.repo'
import { type NearbyRow, nearbySql } from './cases.nearby.repo'

/** A new case's columns, as intake decided them. */
export interface NewCase {
  id: string
  category_code: string
  nature: string | null
  source: string
  urgency: string
  description: string
  address: string | null
  lng: number
  lat: number
  grid_id: string | null
  grid_path: string | null
  level: string
  owner_path: string | null
  unowned_reason: string | null
  reporter_id: string | null
  /** The reporter's patrol the event was found on. */
  patrol_id: string | null
  reporter_contact: string | null
  tracking_token_hash: string | null
  publish_consent: boolean
  accept_due: Date | null
  reported_at: Date
}

/** The first timeline row, written with the case. */
export interface FirstTransition {
  id: string
  actor_id: string | null
  actor_role: string
  data: Record<string, unknown>
}

/** An idempotency key: the case is written only if this caller has not used the key before. */
export interface IntakeKey {
  caller: string
  key: string
  requestHash: string
}

/**
 * What filing answers: the number drawn and the case's version (null: the key was used), the open
 * look-alikes, and whether the guard failed (nothing was written).
 */
export interface Filed {
  no: string | null
  version: number
  duplicates: NearbyRow[]
  stale: boolean
}

/** The relation of the statement that holds the drawn number (`no`): sub-statements select from it. */
const DRAWN = sql.raw('n')

/** The audit row of a filing, as a sub-statement: one row per row of `from`, naming the case by `no`. */
export type AuditFrom = (no: SQL, from: SQL) => SQL

export const intakeRepo = {
  /**
   * Files a case as one statement: the key (when given), the number drawn for the day, the case, its
   * first timeline row, its audit row and its `case.reported` outbox message, with the open look-alikes
   * near it (same category, within `lookAlikes`) answered in the same trip. Nothing is written when the key was already used (no number
   * answered) or the guard does not hold (`stale`). One statement commits on its own: no
   * transaction's round trips.
   */
  async file(
    db: Db,
    c: NewCase,
    first: FirstTransition,
    opts: {
      day: string
      key?: IntakeKey
      guard: SQL
      audit: AuditFrom
      lookAlikes: { radiusM: number; since: Date }
    },
  ): Promise<Filed> {
    const keyed = opts.key
      ? sql`g as (select ${opts.guard} as fresh),
        k as (insert into case_intake_keys (caller, key, request_hash, case_id)
          select ${opts.key.caller}, ${opts.key.key}, ${opts.key.requestHash}, ${c.id} from g where g.fresh
          on conflict do nothing returning case_id),
        s as (select nextval('case_no_seq')::text as s from k),`
      : sql`g as (select ${opts.guard} as fresh),
        s as (select nextval('case_no_seq')::text as s from g where g.fresh),`
    const alsoIn = [
      opts.audit(sql`${DRAWN}.no`, DRAWN),
      outboxRepo.enqueueFrom(
        'case.reported',
        sql`jsonb_build_object('caseId', ${c.id}::text, 'no', ${DRAWN}.no, 'ownerPath', ${c.owner_path}::text)`,
        DRAWN,
      ),
    ]
    const extra = alsoIn.map((statement, i) => sql`, ${sql.raw(`x${i}`)} as (${statement})`)
    const lookAlikes = nearbySql({
      categoryCode: c.category_code,
      lng: c.lng,
      lat: c.lat,
      ...opts.lookAlikes,
    })
    const [row] = await preparedRows<Filed>(
      db,
      sql`with ${keyed}
        n as (select 'E' || ${opts.day} || lpad(s, greatest(6, length(s)), '0') as no from s),
        c as (insert into cases (id, no, category_code, nature, source, state, urgency, description, address,
            location, grid_id, grid_path, level, owner_path, unowned_reason, reporter_id, patrol_id, reporter_contact,
            tracking_token_hash, publish_consent, accept_due, reported_at, stage_started_at)
          select ${c.id}, n.no, ${c.category_code}, ${c.nature}, ${c.source}, 'reported', ${c.urgency}, ${c.description},
            ${c.address}, ST_SetSRID(ST_MakePoint(${c.lng}, ${c.lat}), 4326), ${c.grid_id}, ${c.grid_path}::ltree,
            ${c.level}, ${c.owner_path}::ltree, ${c.unowned_reason}, ${c.reporter_id}, ${c.patrol_id}::uuid, ${c.reporter_contact},
            ${c.tracking_token_hash}, ${c.publish_consent}, ${c.accept_due}, ${c.reported_at}, ${c.reported_at}
          from n returning no, version),
        t as (insert into case_transitions (id, case_id, action, from_state, to_state, actor_id, actor_role, at, data)
          select ${first.id}, ${c.id}, 'report', null, 'reported', ${first.actor_id}, ${first.actor_role},
            ${c.reported_at}, ${JSON.stringify(first.data)}::jsonb
          from n)
        ${sql.join(extra, sql``)}
        select c.no, c.version, (select coalesce(json_agg(d), '[]'::json) from (${lookAlikes}) d) as duplicates, not g.fresh as stale from g left join c on true`,
    )
    if (!row) throw new Error('filing answered no row')
    return row
  },
}
