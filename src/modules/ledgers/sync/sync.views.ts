import type { RequestContext } from '../../../lib/context'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { SEALED_COLUMNS, type SealedKey } from '../people/people.changes'
import { toPersonSummary } from '../people/people.presenter'
import type { PersonGridRow } from '../people/people.repo'
import type { PersonSummary } from '../people/people.schema'
import { toHouseholdView } from '../places/households.presenter'
import { householdsRepo, type MemberRow } from '../places/households.repo'
import type { HouseholdView } from '../places/households.schema'
import { toBuildingView } from '../places/places.presenter'
import type { BuildingView } from '../places/places.schema'
import { tableSealer } from '../privacy/seal'
import { type SyncSelection, syncRepo } from './sync.repo'

/** The records the field app keeps on the phone. */
export const SYNC_KINDS = ['building', 'household', 'person'] as const
export type SyncKind = (typeof SYNC_KINDS)[number]

/** A record as the phone stores it: its grid path (to drop a subtree), version and masked list view. */
export type SyncRecord =
  | { kind: 'building'; id: string; gridPath: string; version: number; view: BuildingView }
  | { kind: 'household'; id: string; gridPath: string; version: number; view: HouseholdView }
  | { kind: 'person'; id: string; gridPath: string; version: number; view: PersonSummary }

/**
 * The ledgers' records as the field app's sync feed ships them: the same masked views the list APIs
 * answer (buildings, households, people), for a set of ids or a keyset page by id, within the
 * reader's subtrees. Reading people's masked fields is logged like a list read (purpose `field.sync`).
 */
export function createLedgerSyncViews(deps: LedgerDeps) {
  const { db } = deps
  const sealer = tableSealer(deps.fields, 'people')
  const openPerson = (r: PersonGridRow) => (key: SealedKey) =>
    sealer.open(SEALED_COLUMNS[key].column, r.id, r[SEALED_COLUMNS[key].column])
  const openMember = (m: MemberRow) => sealer.open('id_number_sealed', m.person_id, m.id_number_sealed)

  async function logRead(ctx: RequestContext, ids: string[], fields: string[]) {
    if (ids.length === 0) return
    await recordPersonalDataRead(db, ctx, {
      subjectType: 'person',
      subjectIds: ids,
      purpose: 'field.sync',
      fields,
      masked: true,
    })
  }

  async function select(
    ctx: RequestContext,
    kind: SyncKind,
    within: string[],
    s: SyncSelection,
  ): Promise<SyncRecord[]> {
    if (kind === 'building') {
      const rows = await syncRepo.buildings(db, within, s)
      return rows.map((r) => ({
        kind: 'building' as const,
        id: r.id,
        gridPath: r.grid_path,
        version: r.version,
        view: toBuildingView(r, ctx.actor),
      }))
    }
    if (kind === 'household') {
      const rows = await syncRepo.households(db, within, s)
      const members = await householdsRepo.members(
        db,
        rows.map((r) => r.id),
      )
      await logRead(
        ctx,
        members.map((m) => m.person_id),
        ['name', 'idNumber'],
      )
      const byHousehold = new Map<string, MemberRow[]>()
      for (const m of members)
        byHousehold.set(m.household_id, [...(byHousehold.get(m.household_id) ?? []), m])
      return rows.map((r) => ({
        kind: 'household' as const,
        id: r.id,
        gridPath: r.grid_path,
        version: r.version,
        view: toHouseholdView(r, byHousehold.get(r.id) ?? [], ctx.actor, openMember),
      }))
    }
    const rows = await syncRepo.people(db, within, s)
    await logRead(
      ctx,
      rows.map((r) => r.id),
      ['name', 'idNumber', 'phone'],
    )
    const codes = await loadCodeBook(db)
    return rows.map((r) => ({
      kind: 'person' as const,
      id: r.id,
      gridPath: r.grid_path,
      version: r.version,
      view: toPersonSummary(r, codes, openPerson(r)),
    }))
  }

  return {
    /** The current views of these records that lie within `within` (those outside are left out). */
    byIds: (ctx: RequestContext, kind: SyncKind, ids: string[], within: string[]) =>
      ids.length ? select(ctx, kind, within, { ids }) : Promise.resolve([]),
    /** A page of the records within `within`, by id after `after`. */
    page: (ctx: RequestContext, kind: SyncKind, within: string[], after: string | null, limit: number) =>
      select(ctx, kind, within, { after, limit }),
  }
}

export type LedgerSyncViews = ReturnType<typeof createLedgerSyncViews>
