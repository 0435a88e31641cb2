import type { Actor } from '../../../lib/context'
import type { CodeBook } from '../codes/codes.book'
import type { DisputeRow } from '../disputes/disputes.repo'
import { mayUnmaskPerson } from '../ledgers.policy'
import type { OrganizationRow } from '../orgs/organizations.repo'
import { maskAddress, maskName, maskPhone } from '../privacy/masks'
import type { TableSealer } from '../privacy/seal'
import type { DeviceRow } from '../things/devices.repo'
import type { NamedPerson, RoomExportRow } from './exports.repo'
import type { Cell } from './exports.workbook'

/** What turning a page of records into cells needs: the reader, the code names, the unmask asked for. */
export interface SheetContext {
  actor: Actor | null
  codes: CodeBook
  /** Unmasking asked with a reason and allowed in every grid exported. */
  unmask: boolean
  /** Opens sealed values of one table (`organizations`, `people`). */
  opener: (table: 'organizations' | 'people') => TableSealer
  /** People named by a page's records, within the reader's export subtrees. */
  people: (ids: readonly string[]) => Promise<Map<string, NamedPerson>>
}

export interface Column {
  zh: string
  width?: number
}

const DEVICE_STATUS: Record<string, string> = {
  normal: '正常',
  fault: '故障',
  offline: '离线',
  alarm: '告警',
  maintenance: '维护中',
  removed: '已拆除',
}
const DISPUTE_SCALE: Record<string, string> = { ordinary: '一般', major: '较大', serious: '重大' }
const MEDIATION: Record<string, string> = {
  people_mediation: '人民调解',
  administrative: '行政调解',
  judicial: '司法调解',
  arbitration: '仲裁',
  negotiation: '协商和解',
  other: '其他',
}

const code = (c: SheetContext, table: string, value: string | null) =>
  value ? (c.codes.name(table, value)?.zh ?? value) : ''
const date = (iso: string | null) => (iso ? String(iso).slice(0, 10) : '')

/** A person's name and phone in clear only when the people ledger would show them so to this reader. */
function person(c: SheetContext, p: NamedPerson | undefined, phoneSealed = p?.phone_sealed) {
  if (!p) return { name: '', phone: '' }
  const clear =
    c.unmask &&
    mayUnmaskPerson(c.actor, { gridPath: p.grid_path, special: p.special, responsibleUserIds: p.responsible })
  const phone = c.opener('people').open('phone_sealed', p.id, phoneSealed) ?? ''
  return { name: clear ? p.name : maskName(p.name), phone: phone && (clear ? phone : maskPhone(phone)) }
}

export const ORGANIZATION_COLUMNS: Column[] = [
  { zh: '组织类型' },
  { zh: '名称', width: 30 },
  { zh: '统一社会信用代码', width: 22 },
  { zh: '法定代表人' },
  { zh: '联系电话', width: 16 },
  { zh: '地址', width: 30 },
  { zh: '从业人数' },
  { zh: '所属网格', width: 20 },
  { zh: '登记日期' },
]

/** The legal representative and the contact phone are masked unless unmasked. */
export function organizationCells(c: SheetContext, r: OrganizationRow): Cell[] {
  const phone = c.opener('organizations').open('contact_phone_sealed', r.id, r.contact_phone_sealed) ?? ''
  const rep = r.legal_representative ?? ''
  return [
    code(c, 'organization_kind', r.kind),
    r.name,
    r.credit_code ?? '',
    rep && (c.unmask ? rep : maskName(rep)),
    phone && (c.unmask ? phone : maskPhone(phone)),
    r.address ?? '',
    r.staff_count ?? '',
    r.grid_code,
    date(r.created_at),
  ]
}

export const DEVICE_COLUMNS: Column[] = [
  { zh: '设施编码', width: 18 },
  { zh: '设施类型' },
  { zh: '名称', width: 24 },
  { zh: '状态' },
  { zh: '经度' },
  { zh: '纬度' },
  { zh: '型号' },
  { zh: '安装日期' },
  { zh: '维护单位', width: 20 },
  { zh: '所属网格', width: 20 },
]

/** Devices carry no personal data: nothing to mask. */
export function deviceCells(c: SheetContext, r: DeviceRow): Cell[] {
  const d = r.details as Record<string, string | undefined>
  return [
    r.code,
    code(c, 'device_kind', r.kind),
    r.name,
    DEVICE_STATUS[r.status] ?? r.status,
    r.lng ?? '',
    r.lat ?? '',
    d.model ?? '',
    d.installedOn ?? '',
    d.maintainer ?? '',
    r.grid_code,
  ]
}

export const DISPUTE_COLUMNS: Column[] = [
  { zh: '纠纷类型' },
  { zh: '规模' },
  { zh: '概要', width: 40 },
  { zh: '当事人', width: 40 },
  { zh: '关联事件', width: 18 },
  { zh: '调解方式' },
  { zh: '调解人' },
  { zh: '化解期限' },
  { zh: '化解结果', width: 30 },
  { zh: '化解日期' },
  { zh: '是否超期' },
  { zh: '所属网格', width: 20 },
  { zh: '登记日期' },
]

/**
 * A page of disputes: each party as name (role, phone), masked unless unmasked; a party on the ledger
 * outside the reader's grids shows as a party, not as a name (as the list shows them).
 */
export async function disputeCells(c: SheetContext, rows: DisputeRow[], today: string): Promise<Cell[][]> {
  const ids = rows.flatMap((r) => r.parties.flatMap((p) => (p.personId ? [p.personId] : [])))
  const people = await c.people(ids)
  return rows.map((r) => {
    const parties = r.parties.map((p) => {
      const shown = p.personId
        ? people.has(p.personId)
          ? person(c, people.get(p.personId))
          : { name: '—', phone: '' }
        : { name: c.unmask ? (p.name ?? '—') : maskName(p.name ?? '—'), phone: '' }
      const about = [p.role, shown.phone].filter(Boolean).join('，')
      return about ? `${shown.name}（${about}）` : shown.name
    })
    return [
      code(c, 'dispute_kind', r.kind),
      DISPUTE_SCALE[r.scale] ?? r.scale,
      r.summary,
      parties.join('；'),
      r.case_no ?? '',
      r.mediation_method ? (MEDIATION[r.mediation_method] ?? r.mediation_method) : '',
      r.mediator ?? '',
      date(r.deadline),
      r.outcome ?? '',
      date(r.resolved_on),
      !r.resolved_on && r.deadline && r.deadline < today ? '是' : '否',
      r.grid_code,
      date(r.created_at),
    ]
  })
}

export const ROOM_COLUMNS: Column[] = [
  { zh: '所属网格', width: 20 },
  { zh: '楼栋编码', width: 18 },
  { zh: '楼栋名称', width: 20 },
  { zh: '单元' },
  { zh: '房屋地址', width: 36 },
  { zh: '楼层' },
  { zh: '房屋类别' },
  { zh: '产权性质' },
  { zh: '房屋用途' },
  { zh: '面积（㎡）' },
  { zh: '使用情况' },
  { zh: '产权人' },
  { zh: '产权人电话', width: 16 },
  { zh: '现住人数' },
]

/** A room 实有房屋: its address (building, unit, room) masked to the road, its owner masked, unless unmasked. */
export function roomCells(c: SheetContext, r: RoomExportRow): Cell[] {
  const address = `${r.building_address}${r.unit_name ?? ''}${r.number}室`
  const owner = r.owner_id
    ? person(c, {
        id: r.owner_id,
        name: r.owner_name ?? '',
        phone_sealed: r.owner_phone_sealed,
        grid_path: r.owner_grid_path ?? r.grid_path,
        special: r.owner_special,
        responsible: r.owner_responsible,
      })
    : { name: '', phone: '' }
  return [
    r.grid_code,
    r.building_code,
    r.building_name,
    r.unit_name ?? '',
    c.unmask ? address : maskAddress(address),
    r.floor ?? '',
    code(c, 'house_category', r.house_category),
    code(c, 'ownership', r.ownership),
    code(c, 'house_use', r.house_use),
    r.area ?? '',
    code(c, 'occupancy', r.occupancy),
    owner.name,
    owner.phone,
    r.residents,
  ]
}
