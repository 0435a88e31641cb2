import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayWriteLedger, recordAbilities } from '../ledgers.policy'
import { ledgersRepo } from '../ledgers.repo'
import { organizationsRepo } from '../orgs/organizations.repo'
import { placeRecord } from '../placement'
import { type DeviceRow, type DeviceWrite, devicesRepo } from './devices.repo'
import type { DEVICE_STATUSES, DeviceCreate, DeviceListQuery, DeviceUpdate } from './devices.schema'

type Status = (typeof DEVICE_STATUSES)[number]

/** Things 物: facilities and devices (cameras, sensors, fire equipment, urban components) with their status history. */
export function createDevicesService(deps: LedgerDeps) {
  const { db } = deps

  const view = (ctx: RequestContext, row: DeviceRow) => ({
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    status: row.status as Status,
    point: row.lng === null || row.lat === null ? null : { lng: row.lng, lat: row.lat },
    ownerOrganizationId: row.owner_organization_id,
    details: row.details,
    grid: { code: row.grid_code, name: row.grid_name, path: row.grid_path },
    version: row.version,
    abilities: recordAbilities(ctx.actor, row.grid_path, false),
  })

  async function visible(ctx: RequestContext, id: string) {
    const row = await devicesRepo.one(db, id, ledgerSubtrees(ctx.actor))
    if (!row) throw notFound('ledger.not_found', 'No such device')
    return row
  }

  async function writable(ctx: RequestContext, id: string) {
    const row = await visible(ctx, id)
    if (!mayWriteLedger(ctx.actor, row.grid_path))
      throw forbidden('ledger.out_of_scope', 'You may not change records here')
    return row
  }

  async function kindOf(text: string) {
    const kind = (await loadCodeBook(db)).resolve('device_kind', text)
    if (!kind) throw badRequest('ledger.unknown_code', `No kind of device ${text}`)
    return kind
  }

  async function ownerVisible(ctx: RequestContext, id: string | null | undefined) {
    if (id && !(await organizationsRepo.one(db, id, ledgerSubtrees(ctx.actor))))
      throw badRequest('ledger.owner_not_found', 'No such owning organisation')
  }

  return {
    async list(ctx: RequestContext, q: DeviceListQuery) {
      const within = ledgerSubtrees(ctx.actor)
      const subtree = q.grid ? await ledgersRepo.gridPath(db, q.grid, within) : undefined
      if (subtree === null) return { items: [], nextCursor: null }
      const rows = await devicesRepo.list(db, { ...q, within, subtree })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => view(ctx, r)),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    async one(ctx: RequestContext, id: string) {
      const row = await visible(ctx, id)
      const history = await devicesRepo.history(db, id)
      return { ...view(ctx, row), history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) }
    },

    async create(ctx: RequestContext, body: DeviceCreate) {
      const grid = await placeRecord(deps, ctx, { gridCode: body.gridCode, point: body.point })
      const kind = await kindOf(body.kind)
      await ownerVisible(ctx, body.ownerOrganizationId)
      if (await devicesRepo.codeTaken(db, body.code))
        throw conflict('ledger.device_exists', `A device with the code ${body.code} is on the ledger`)
      const id = uuidv7()
      const write: DeviceWrite = {
        gridId: grid.id,
        gridPath: grid.path,
        kind,
        name: body.name,
        point: body.point ?? null,
        ownerOrganizationId: body.ownerOrganizationId ?? null,
        details: body.details ?? {},
      }
      await inTransaction(deps, async (tx) => {
        await devicesRepo.insert(tx, id, body.code, write)
        await recordAudit(tx, ctx, {
          action: 'ledger.device_create',
          resourceType: 'device',
          resourceId: id,
          summary: { code: body.code, kind, grid: grid.code },
        })
      })
      return view(ctx, await visible(ctx, id))
    },

    async update(ctx: RequestContext, id: string, body: DeviceUpdate) {
      const row = await writable(ctx, id)
      const moved = body.gridCode !== undefined || body.point !== undefined
      const grid = moved
        ? await placeRecord(deps, ctx, { gridCode: body.gridCode, point: body.point })
        : { id: row.grid_id, path: row.grid_path, code: row.grid_code }
      await ownerVisible(ctx, body.ownerOrganizationId)
      const write: DeviceWrite = {
        gridId: grid.id,
        gridPath: grid.path,
        kind: body.kind === undefined ? row.kind : await kindOf(body.kind),
        name: body.name ?? row.name,
        point: body.point ?? (row.lng === null || row.lat === null ? null : { lng: row.lng, lat: row.lat }),
        ownerOrganizationId:
          body.ownerOrganizationId === undefined ? row.owner_organization_id : body.ownerOrganizationId,
        details: body.details ?? row.details,
      }
      await inTransaction(deps, async (tx) => {
        if (!(await devicesRepo.update(tx, id, body.version, write)))
          throw conflict('ledger.version_conflict', 'Someone changed this device first: reload it')
        await recordAudit(tx, ctx, {
          action: 'ledger.device_update',
          resourceType: 'device',
          resourceId: id,
          summary: {
            fields: Object.keys(body).filter((k) => k !== 'version'),
            ...(moved ? { grid: grid.code } : {}),
          },
        })
      })
      return view(ctx, await visible(ctx, id))
    },

    /** A new status with a note, kept in the device's history. */
    async setStatus(ctx: RequestContext, id: string, status: Status, note?: string) {
      const row = await writable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await devicesRepo.setStatus(tx, id, {
          id: uuidv7(),
          status,
          note: note || null,
          byUserId: ctx.actor?.type === 'user' ? ctx.actor.id : null,
        })
        await recordAudit(tx, ctx, {
          action: 'ledger.device_status',
          resourceType: 'device',
          resourceId: id,
          summary: { code: row.code, from: row.status, to: status },
        })
      })
      return this.one(ctx, id)
    },

    async remove(ctx: RequestContext, id: string) {
      const row = await writable(ctx, id)
      await inTransaction(deps, async (tx) => {
        await devicesRepo.remove(tx, id)
        await recordAudit(tx, ctx, {
          action: 'ledger.device_delete',
          resourceType: 'device',
          resourceId: id,
          summary: { code: row.code, kind: row.kind },
        })
      })
    },
  }
}

export type DevicesService = ReturnType<typeof createDevicesService>
