import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayUnmask, mayWriteLedger, recordAbilities } from '../ledgers.policy'
import { ledgersRepo } from '../ledgers.repo'
import { placeRecord } from '../placement'
import { maskPhone } from '../privacy/masks'
import { tableSealer } from '../privacy/seal'
import { auditUnmask, unmaskReason } from '../privacy/unmask'
import { parseCreditCode } from '../validate/credit-code'
import { parsePhone } from '../validate/phone'
import { type OrganizationRow, type OrganizationWrite, organizationsRepo } from './organizations.repo'
import type { OrganizationCreate, OrganizationListQuery, OrganizationUpdate } from './organizations.schema'

const notFoundHere = () => notFound('ledger.not_found', 'No such organisation')

/**
 * Organisations 组织: enterprises (GB 32100 credit code checked), individual businesses, social
 * organisations, shops, key places, property companies, owners' committees and party organisations.
 * The contact phone is sealed; the credit code and the legal representative are public registry facts.
 */
export function createOrganizationsService(deps: LedgerDeps) {
  const { db } = deps
  const sealer = tableSealer(deps.fields, 'organizations')

  function view(ctx: RequestContext, row: OrganizationRow, unmasked = false) {
    const phone = sealer.open('contact_phone_sealed', row.id, row.contact_phone_sealed)
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      creditCode: row.credit_code,
      legalRepresentative: row.legal_representative,
      contactPhone: phone && (unmasked ? phone : maskPhone(phone)),
      address: row.address,
      point: row.lng === null || row.lat === null ? null : { lng: row.lng, lat: row.lat },
      staffCount: row.staff_count,
      parentId: row.parent_id,
      details: row.details,
      grid: { code: row.grid_code, name: row.grid_name, path: row.grid_path },
      version: row.version,
      abilities: recordAbilities(ctx.actor, row.grid_path),
      createdAt: new Date(row.created_at).toISOString(),
    }
  }

  /** Checks what a form gave against the code tables and the standards; answers the normalised values. */
  async function checked(body: Partial<OrganizationCreate>, ownId: string | null) {
    if (body.kind !== undefined) {
      const codes = await loadCodeBook(db)
      const kind = codes.resolve('organization_kind', body.kind)
      if (!kind) throw badRequest('ledger.unknown_code', `No kind of organisation ${body.kind}`)
      body.kind = kind
    }
    let creditCode = body.creditCode
    if (creditCode) {
      const parsed = parseCreditCode(creditCode)
      if (!parsed.ok) throw badRequest(`ledger.${parsed.code}`, parsed.message)
      creditCode = parsed.value
      const existing = await organizationsRepo.byCreditCode(db, creditCode)
      if (existing && existing.id !== ownId)
        throw conflict('ledger.organization_exists', 'An organisation with this credit code is on the ledger')
    }
    let phone = body.contactPhone
    if (phone) {
      const parsed = parsePhone(phone)
      if (!parsed.ok) throw badRequest(`ledger.${parsed.code}`, parsed.message)
      phone = parsed.value
    }
    return { creditCode, phone }
  }

  async function parentVisible(ctx: RequestContext, parentId: string | null | undefined) {
    if (!parentId) return
    if (!(await organizationsRepo.one(db, parentId, ledgerSubtrees(ctx.actor))))
      throw badRequest('ledger.parent_not_found', 'No such parent organisation')
  }

  async function visible(ctx: RequestContext, id: string) {
    const row = await organizationsRepo.one(db, id, ledgerSubtrees(ctx.actor))
    if (!row) throw notFoundHere()
    return row
  }

  return {
    async list(ctx: RequestContext, q: OrganizationListQuery) {
      const within = ledgerSubtrees(ctx.actor)
      const subtree = q.grid ? await ledgersRepo.gridPath(db, q.grid, within) : undefined
      if (subtree === null) return { items: [], nextCursor: null }
      const rows = await organizationsRepo.list(db, { ...q, within, subtree })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => view(ctx, r)),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    async one(ctx: RequestContext, id: string) {
      return view(ctx, await visible(ctx, id))
    },

    async create(ctx: RequestContext, body: OrganizationCreate) {
      const grid = await placeRecord(deps, ctx, { gridCode: body.gridCode, point: body.point })
      const { creditCode, phone } = await checked(body, null)
      await parentVisible(ctx, body.parentId)
      const id = uuidv7()
      const write: OrganizationWrite = {
        gridId: grid.id,
        gridPath: grid.path,
        kind: body.kind,
        name: body.name,
        creditCode: creditCode ?? null,
        legalRepresentative: body.legalRepresentative ?? null,
        contactPhoneSealed: sealer.seal('contact_phone_sealed', id, phone),
        address: body.address ?? null,
        point: body.point ?? null,
        staffCount: body.staffCount ?? null,
        parentId: body.parentId ?? null,
        details: body.details ?? {},
      }
      await inTransaction(deps, async (tx) => {
        await organizationsRepo.insert(tx, id, write)
        await recordAudit(tx, ctx, {
          action: 'ledger.organization_create',
          resourceType: 'organization',
          resourceId: id,
          summary: { kind: write.kind, grid: grid.code },
        })
      })
      return view(ctx, await visible(ctx, id))
    },

    async update(ctx: RequestContext, id: string, body: OrganizationUpdate) {
      const row = await visible(ctx, id)
      if (!mayWriteLedger(ctx.actor, row.grid_path))
        throw forbidden('ledger.out_of_scope', 'You may not change records here')
      const moved = body.gridCode !== undefined || body.point !== undefined
      const grid = moved
        ? await placeRecord(deps, ctx, { gridCode: body.gridCode, point: body.point ?? undefined })
        : { id: row.grid_id, path: row.grid_path, code: row.grid_code }
      const { creditCode, phone } = await checked(body, id)
      await parentVisible(ctx, body.parentId)
      if (body.parentId === id)
        throw badRequest('ledger.parent_is_self', 'An organisation is not its own parent')
      const has = <K extends keyof OrganizationUpdate>(k: K) => Object.hasOwn(body, k)
      const write: OrganizationWrite = {
        gridId: grid.id,
        gridPath: grid.path,
        kind: body.kind ?? row.kind,
        name: body.name ?? row.name,
        creditCode: has('creditCode') ? (creditCode ?? null) : row.credit_code,
        legalRepresentative: has('legalRepresentative')
          ? (body.legalRepresentative ?? null)
          : row.legal_representative,
        contactPhoneSealed: has('contactPhone')
          ? sealer.seal('contact_phone_sealed', id, phone)
          : row.contact_phone_sealed,
        address: has('address') ? (body.address ?? null) : row.address,
        point: has('point')
          ? (body.point ?? null)
          : row.lng === null || row.lat === null
            ? null
            : { lng: row.lng, lat: row.lat },
        staffCount: has('staffCount') ? (body.staffCount ?? null) : row.staff_count,
        parentId: has('parentId') ? (body.parentId ?? null) : row.parent_id,
        details: body.details ?? (row.details as OrganizationWrite['details']),
      }
      await inTransaction(deps, async (tx) => {
        if (!(await organizationsRepo.update(tx, id, body.version, write)))
          throw conflict('ledger.version_conflict', 'Someone changed this organisation first: reload it')
        await recordAudit(tx, ctx, {
          action: 'ledger.organization_update',
          resourceType: 'organization',
          resourceId: id,
          // Field names only: the log is no copy of the ledger.
          summary: {
            fields: Object.keys(body).filter((k) => k !== 'version'),
            ...(moved ? { grid: grid.code } : {}),
          },
        })
      })
      return view(ctx, await visible(ctx, id))
    },

    async remove(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id)
      if (!mayWriteLedger(ctx.actor, row.grid_path))
        throw forbidden('ledger.out_of_scope', 'You may not change records here')
      await inTransaction(deps, async (tx) => {
        if (await organizationsRepo.inUse(tx, id))
          throw conflict('ledger.in_use', 'Other records point at this organisation (a branch, a device)')
        await organizationsRepo.remove(tx, id)
        await recordAudit(tx, ctx, {
          action: 'ledger.organization_delete',
          resourceType: 'organization',
          resourceId: id,
          summary: { kind: row.kind, name: row.name },
        })
      })
    },

    /** The contact phone in clear, for a reason, audited before it is answered. */
    async unmask(ctx: RequestContext, id: string, reason: string) {
      const row = await visible(ctx, id)
      if (!mayUnmask(ctx.actor, row.grid_path))
        throw forbidden('ledger.unmask_forbidden', 'You may not show personal data in clear here')
      const why = unmaskReason(reason)
      await inTransaction(deps, (tx) =>
        auditUnmask(tx, ctx, {
          subjectType: 'organization',
          subjectId: id,
          fields: ['contactPhone'],
          reason: why,
        }),
      )
      return view(ctx, row, true)
    },
  }
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>
