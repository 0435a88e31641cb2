import { PassThrough, type Readable } from 'node:stream'
import type { RequestContext } from '../../../lib/context'
import { forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead, SUBJECTS_PER_ROW } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { loadCodeBook } from '../codes/codes.book'
import { disputesRepo } from '../disputes/disputes.repo'
import { EXPORT_CAP } from '../imports/imports.export'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayUnmask } from '../ledgers.policy'
import { ledgersRepo } from '../ledgers.repo'
import { organizationsRepo } from '../orgs/organizations.repo'
import { tableSealer } from '../privacy/seal'
import { unmaskReason } from '../privacy/unmask'
import { devicesRepo } from '../things/devices.repo'
import { exportsRepo } from './exports.repo'
import {
  type Column,
  DEVICE_COLUMNS,
  DISPUTE_COLUMNS,
  deviceCells,
  disputeCells,
  ORGANIZATION_COLUMNS,
  organizationCells,
  ROOM_COLUMNS,
  roomCells,
  type SheetContext,
} from './exports.sheets'
import { type Cell, chinaTime, writeWorkbook } from './exports.workbook'

export type RecordExportType = 'organizations' | 'devices' | 'disputes' | 'rooms'

/** A list's filters as its export takes them (each type reads its own). */
export interface RecordExportQuery {
  grid?: string
  q?: string
  kind?: string
  status?: string
  scale?: string
  state?: string
  unmask?: boolean
  reason?: string
}

/** Where the rows come from: the list's scope, its subtree and its own filters. */
interface Scope {
  within: string[] | null
  subtree?: string
  today: string
}

interface Plan {
  zh: string
  /** The audit's resource type and the personal-data subjects' type. */
  subject: string
  /** Personal fields the sheet carries (none: no personal_data.read is written). */
  personal: readonly string[]
  columns: readonly Column[]
  count(s: Scope, q: RecordExportQuery): Promise<number>
  /** One page after `cursor` (newest first): ids for the audit, cells for the sheet. */
  page(
    s: Scope,
    q: RecordExportQuery,
    c: SheetContext,
    cursor: string | undefined,
    limit: number,
  ): Promise<{ ids: string[]; cells: Cell[][] }>
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id)

function plans(deps: LedgerDeps): Record<RecordExportType, Plan> {
  const { db } = deps
  return {
    organizations: {
      zh: '组织',
      subject: 'organization',
      personal: ['legalRepresentative', 'contactPhone'],
      columns: ORGANIZATION_COLUMNS,
      count: (s, q) => exportsRepo.countOrganizations(db, { ...s, kind: q.kind, q: q.q }, EXPORT_CAP),
      async page(s, q, c, cursor, limit) {
        const rows = await organizationsRepo.list(db, { ...s, kind: q.kind, q: q.q, cursor, limit })
        return { ids: ids(rows), cells: rows.map((r) => organizationCells(c, r)) }
      },
    },
    devices: {
      zh: '部件设施',
      subject: 'device',
      personal: [],
      columns: DEVICE_COLUMNS,
      count: (s, q) =>
        exportsRepo.countDevices(db, { ...s, kind: q.kind, status: q.status, q: q.q }, EXPORT_CAP),
      async page(s, q, c, cursor, limit) {
        const rows = await devicesRepo.list(db, {
          ...s,
          kind: q.kind,
          status: q.status,
          q: q.q,
          cursor,
          limit,
        })
        return { ids: ids(rows), cells: rows.map((r) => deviceCells(c, r)) }
      },
    },
    disputes: {
      zh: '矛盾纠纷',
      subject: 'dispute',
      personal: ['parties.name', 'parties.phone'],
      columns: DISPUTE_COLUMNS,
      count: (s, q) =>
        exportsRepo.countDisputes(
          db,
          { ...s, kind: q.kind, scale: q.scale, state: q.state, q: q.q },
          EXPORT_CAP,
        ),
      async page(s, q, c, cursor, limit) {
        const rows = await disputesRepo.list(db, {
          ...s,
          kind: q.kind,
          scale: q.scale,
          state: q.state,
          q: q.q,
          cursor,
          limit,
        })
        return { ids: ids(rows), cells: await disputeCells(c, rows, s.today) }
      },
    },
    rooms: {
      zh: '实有房屋',
      subject: 'room',
      personal: ['address', 'owner.name', 'owner.phone'],
      columns: ROOM_COLUMNS,
      count: (s, q) =>
        exportsRepo.countRooms(db, { within: s.within, gridPath: s.subtree, text: q.q }, EXPORT_CAP),
      async page(s, q, c, cursor, limit) {
        const rows = await exportsRepo.rooms(db, {
          within: s.within,
          gridPath: s.subtree,
          text: q.q,
          today: s.today,
          cursor,
          limit,
        })
        return { ids: ids(rows), cells: rows.map((r) => roomCells(c, r)) }
      },
    },
  }
}

/** Rows read and written per page; one personal_data.read row names a page's subjects. */
const PAGE = SUBJECTS_PER_ROW

/**
 * A filtered list of organisations, devices, disputes or rooms as a streamed .xlsx, by the people
 * export's rules: only rows within the reader's ledger.export subtrees (in SQL), personal fields
 * masked unless unmasking was asked with a reason and the reader may unmask in every grid exported,
 * a watermark of reader and time, at most EXPORT_CAP rows. The export (filter, row count) is audited
 * before a byte is sent; each page's personal-data read is audited before the page is written.
 */
export function createRecordExports(deps: LedgerDeps) {
  const { db } = deps
  const byType = plans(deps)
  const sealers = {
    organizations: tableSealer(deps.fields, 'organizations'),
    people: tableSealer(deps.fields, 'people'),
  }

  return async function exportRecords(ctx: RequestContext, type: RecordExportType, q: RecordExportQuery) {
    const plan = byType[type]
    const reason = q.unmask ? unmaskReason(q.reason) : undefined
    const within = ledgerSubtrees(ctx.actor, 'ledger.export')
    if (within && within.length === 0) throw forbidden('auth.forbidden', 'You may not export ledgers')
    let subtree: string | undefined
    if (q.grid) {
      const path = await ledgersRepo.gridPath(db, q.grid, within)
      if (path === null) throw notFound('grid.not_found', `No grid ${q.grid}`)
      subtree = path
    }
    const exported = subtree !== undefined ? [subtree] : (within ?? [''])
    if (q.unmask && !exported.every((path) => mayUnmask(ctx.actor, path)))
      throw forbidden(
        'ledger.unmask_forbidden',
        'You may not show personal data in clear in every grid exported',
      )
    const now = deps.clock()
    const scope: Scope = { within, subtree, today: now.toISOString().slice(0, 10) }
    const found = await plan.count(scope, q)
    const more = found > EXPORT_CAP
    const rows = Math.min(found, EXPORT_CAP)
    const { unmask: _u, reason: _r, ...rest } = q
    const filters = Object.fromEntries(
      Object.entries({ ...rest, unmask: q.unmask ? 'true' : undefined }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>
    await inTransaction(deps, (tx) =>
      recordAudit(tx, ctx, {
        action: 'ledger.export',
        resourceType: plan.subject,
        summary: { type, filters, rows, capped: more, masked: !q.unmask },
      }),
    )
    const sheet: SheetContext = {
      actor: ctx.actor,
      codes: await loadCodeBook(db),
      unmask: Boolean(q.unmask),
      opener: (table) => sealers[table],
      people: (ids) => exportsRepo.people(db, ids, within),
    }

    async function* pages() {
      let cursor: string | undefined
      let left = rows
      while (left > 0) {
        const page = await plan.page(scope, q, sheet, cursor, Math.min(PAGE, left))
        if (!page.ids.length) return
        if (plan.personal.length)
          await inTransaction(deps, (tx) =>
            recordPersonalDataRead(tx, ctx, {
              subjectType: plan.subject,
              subjectIds: page.ids,
              purpose: `export.${type}`,
              fields: plan.personal,
              masked: !q.unmask,
              reason,
            }),
          )
        yield page.cells
        left -= page.ids.length
        cursor = page.ids.at(-1)
      }
    }

    const out = new PassThrough()
    writeWorkbook(out, {
      title: plan.zh,
      columns: plan.columns,
      who: ctx.actor?.name ?? '',
      now,
      rows,
      cap: EXPORT_CAP,
      more,
      filters,
      pages: pages(),
    }).catch((error: unknown) => out.destroy(error as Error))
    return { stream: out as Readable, fileName: `${plan.zh}_${chinaTime(now).slice(0, 10)}.xlsx`, rows }
  }
}

export type RecordExports = ReturnType<typeof createRecordExports>
