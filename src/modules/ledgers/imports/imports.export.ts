import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { RequestContext } from '../../../lib/context'
import { forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { type CodeBook, loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayUnmask, mayUnmaskPerson } from '../ledgers.policy'
import { PERSON_FIELDS } from '../people/people.fields'
import { type PersonRow, peopleStore } from '../people/people.store'
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../privacy/masks'
import { unmaskReason } from '../privacy/unmask'
import { type ExportRow, importsRepo } from './imports.repo'

/** Rows one export may carry; past it the sheet says so and the newest are cut. */
export const EXPORT_CAP = 50_000

export interface PeopleExportQuery {
  grid?: string
  kind?: string
  unmask?: boolean
  reason?: string
}

const chinaTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ')

/**
 * The people of a filtered list as a streamed .xlsx: only those within the reader's ledger.export
 * subtrees, masked unless unmasking was asked with a reason and the reader may unmask in every grid
 * exported (a member of a special group stays masked unless the reader may see them in clear). The
 * sheet is watermarked with the reader and the time; the export is audited before a byte is sent.
 */
export function createPeopleExport(deps: LedgerDeps) {
  const { db } = deps
  const store = peopleStore(deps.fields)

  return async function exportPeople(ctx: RequestContext, q: PeopleExportQuery) {
    // The unmask's own rule: a reason of at least four characters.
    const reason = q.unmask ? unmaskReason(q.reason) : undefined
    const subtrees = ledgerSubtrees(ctx.actor, 'ledger.export')
    if (subtrees && subtrees.length === 0) throw forbidden('auth.forbidden', 'You may not export ledgers')
    let scopes: string[] = subtrees ?? ['']
    let gridPath: string | undefined
    if (q.grid) {
      const path = await importsRepo.gridPath(db, q.grid)
      const inside =
        path !== undefined && scopes.some((s) => s === '' || path === s || path.startsWith(`${s}.`))
      if (path === undefined || !inside) throw notFound('grid.not_found', `No grid ${q.grid}`)
      scopes = [path]
      gridPath = path
    }
    if (q.unmask && !scopes.every((path) => mayUnmask(ctx.actor, path)))
      throw forbidden(
        'ledger.unmask_forbidden',
        'You may not show personal data in clear in every grid exported',
      )

    const rows = await importsRepo.peopleToExport(db, { gridPath, subtrees, kind: q.kind }, EXPORT_CAP + 1)
    const more = rows.length > EXPORT_CAP
    const taken = more ? rows.slice(0, EXPORT_CAP) : rows
    const now = deps.clock()
    const filters = Object.fromEntries(
      Object.entries({ grid: q.grid, kind: q.kind, unmask: q.unmask ? 'true' : undefined }).filter(
        ([, v]) => v !== undefined,
      ),
    ) as Record<string, string>
    const clear = (r: ExportRow) =>
      Boolean(q.unmask) &&
      mayUnmaskPerson(ctx.actor, {
        gridPath: r.grid_path,
        special: r.special,
        responsibleUserIds: r.responsible,
      })
    await inTransaction(deps, async (tx) => {
      await recordAudit(tx, ctx, {
        action: 'ledger.export',
        resourceType: 'person',
        summary: { type: 'people', filters, rows: taken.length, capped: more, masked: !q.unmask },
      })
      if (taken.length)
        await recordPersonalDataRead(tx, ctx, {
          subjectType: 'person',
          subjectIds: taken.map((r) => r.id),
          purpose: 'export.people',
          fields: PERSON_FIELDS.map((f) => f.key),
          masked: !q.unmask,
          reason: q.unmask ? reason : undefined,
        })
    })
    const codes = await loadCodeBook(db)
    const out = new PassThrough()
    write(out, { rows: taken, more, now, who: ctx.actor?.name ?? '', filters, clear, codes, store }).catch(
      (error: unknown) => out.destroy(error as Error),
    )
    return {
      stream: out as Readable,
      fileName: `实有人口_${chinaTime(now).slice(0, 10)}.xlsx`,
      rows: taken.length,
    }
  }
}

async function write(
  out: PassThrough,
  data: {
    rows: ExportRow[]
    more: boolean
    now: Date
    who: string
    filters: Record<string, string>
    clear: (r: ExportRow) => boolean
    codes: CodeBook
    store: ReturnType<typeof peopleStore>
  },
) {
  const watermark = `导出人：${data.who}　时间：${chinaTime(data.now)}（北京时间）　共 ${data.rows.length} 条`
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  book.creator = data.who
  book.lastModifiedBy = data.who
  book.created = data.now
  book.title = '实有人口导出'
  book.subject = watermark
  book.description = `${watermark}；筛选：${JSON.stringify(data.filters)}`
  book.company = 'Wangge'
  const ws = book.addWorksheet('实有人口', { views: [{ state: 'frozen', ySplit: 2 }] })
  ws.columns = [...PERSON_FIELDS.map((f) => ({ width: Math.max(12, f.zh.length * 2 + 4) })), { width: 20 }]
  const mark = ws.addRow([
    data.more
      ? `${watermark}；符合条件的人员超过 ${EXPORT_CAP} 条，仅导出前 ${EXPORT_CAP} 条，请缩小范围分批导出`
      : watermark,
  ])
  mark.font = { color: { argb: 'FF999999' }, italic: true }
  mark.commit()
  const head = ws.addRow(PERSON_FIELDS.map((f) => f.zh))
  head.font = { bold: true }
  head.commit()
  for (const r of data.rows) {
    const clear = data.clear(r)
    const sealed = (
      key: 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress',
      mask: (s: string) => string,
    ) => {
      const value = data.store.open(r, key)
      return value ? (clear ? value : mask(value)) : ''
    }
    const cells: Record<string, string> = {
      kind: data.codes.name('person_kind', r.kind)?.zh ?? r.kind,
      name: clear ? r.name : maskName(r.name),
      idNumber: sealed('idNumber', maskIdNumber),
      gridCode: r.grid_code,
      birthDate: r.birth_date ? String(r.birth_date).slice(0, 10) : '',
      formerName: r.former_name ? (clear ? r.former_name : maskName(r.former_name)) : '',
      nativePlace: r.native_place ?? '',
      occupation: r.occupation ?? '',
      workplace: r.workplace ?? '',
      phone: sealed('phone', maskPhone),
      registeredAddress: sealed('registeredAddress', maskAddress),
      currentAddress: sealed('currentAddress', maskAddress),
      livesWhereRegistered: r.lives_where_registered === null ? '' : r.lives_where_registered ? '是' : '否',
    }
    for (const f of PERSON_FIELDS) {
      if (cells[f.key] !== undefined) continue
      if (f.detail) cells[f.key] = r.details?.[f.key] ?? ''
      else if (f.type === 'code' && f.codeTable) {
        const column = f.key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof PersonRow
        const code = r[column] as string | null
        cells[f.key] = code ? (data.codes.name(f.codeTable, code)?.zh ?? code) : ''
      }
    }
    ws.addRow(PERSON_FIELDS.map((f) => cells[f.key] ?? '')).commit()
  }
  ws.addRow([]).commit()
  ws.addRow([watermark]).commit()
  ws.commit()
  await book.commit()
}
