import type { CodeBook } from '../codes/codes.book'
import { checkDispute, DISPUTE_FIELDS, type DisputeRecord } from '../disputes/disputes.fields'
import { checkMembership, MEMBERSHIP_FIELDS, type MembershipRecord } from '../groups/memberships.fields'
import { checkOrganization, ORGANIZATION_FIELDS, type OrganizationRecord } from '../orgs/organizations.fields'
import { PERSON_FIELDS } from '../people/people.fields'
import { checkPerson, type PersonRecord } from '../people/people.record'
import { BUILDING_FIELDS, type BuildingRecord, checkBuilding } from '../places/buildings.fields'
import { checkRoom, ROOM_FIELDS, type RoomRecord } from '../places/rooms.fields'
import { checkDevice, DEVICE_FIELDS, type DeviceRecord } from '../things/devices.fields'
import type { FieldError, FieldSpec } from '../validate/fields'

/** A column of an import sheet: the field list of a record type says what each column holds. */
export type SheetField = Pick<FieldSpec, 'key' | 'zh' | 'en' | 'type' | 'codeTable' | 'required' | 'choices'>

/**
 * What the importer knows of one record type: its columns, the template's version, an example row,
 * and how one row is checked. Another type plugs in with its own field list and check.
 */
export interface RecordTypeSheet<R> {
  type: string
  zh: string
  en: string
  /** Bumped when the columns change: a sheet of another version is refused. */
  version: number
  fields: readonly SheetField[]
  /** Columns kept as text in Excel (18-digit numbers lose their last digits as numbers). */
  textColumns: readonly string[]
  example: Record<string, string>
  check(
    row: Record<string, unknown>,
    codes: CodeBook,
  ): { ok: true; record: R } | { ok: false; errors: FieldError[] }
  /** What makes two rows one record (one file per citizen, per credit code, per device code, per room); null: none. */
  keyOf(record: R): string | null
}

export const PEOPLE_SHEET: RecordTypeSheet<PersonRecord> = {
  type: 'people',
  zh: '实有人口',
  en: 'People',
  version: 1,
  fields: PERSON_FIELDS,
  textColumns: ['idNumber', 'phone', 'gridCode'],
  example: {
    kind: '户籍人口',
    name: '示例张三',
    idNumber: '11010519491231002X',
    gridCode: '',
    sex: '女',
    birthDate: '1949-12-31',
    ethnicity: '汉族',
    maritalStatus: '已婚',
    phone: '13800138000',
    currentAddress: '示例路1号1栋1单元101室',
    livesWhereRegistered: '是',
  },
  check: (row, codes) => checkPerson(row, codes),
  keyOf: (r) => r.idNumber,
}

export const ORGANIZATIONS_SHEET: RecordTypeSheet<OrganizationRecord> = {
  type: 'organizations',
  zh: '组织',
  en: 'Organisations',
  version: 1,
  fields: ORGANIZATION_FIELDS,
  textColumns: ['creditCode', 'contactPhone', 'gridCode'],
  example: {
    kind: '企业',
    name: '示例商贸有限公司',
    creditCode: '91350100M000100Y43',
    gridCode: '',
    legalRepresentative: '示例李四',
    contactPhone: '13800138000',
    address: '示例路1号',
    staffCount: '12',
    hazardousChemicals: '否',
  },
  check: checkOrganization,
  // Without a credit code (a shop, an owners' committee), its name within its grid.
  keyOf: (r) => r.creditCode ?? `${r.gridCode}/${r.name}`,
}

export const DEVICES_SHEET: RecordTypeSheet<DeviceRecord> = {
  type: 'devices',
  zh: '设施设备',
  en: 'Devices',
  version: 1,
  fields: DEVICE_FIELDS,
  textColumns: ['code', 'gridCode', 'ownerCreditCode'],
  example: {
    code: 'CAM-0001',
    kind: '监控点位',
    name: '示例小区东门摄像头',
    gridCode: '',
    model: '示例型号',
    installedOn: '2025-06-01',
  },
  check: checkDevice,
  keyOf: (r) => r.code,
}

export const BUILDINGS_SHEET: RecordTypeSheet<BuildingRecord> = {
  type: 'buildings',
  zh: '建筑物',
  en: 'Buildings',
  version: 1,
  fields: BUILDING_FIELDS,
  textColumns: ['code', 'gridCode', 'number'],
  example: {
    code: 'B-001',
    name: '示例小区1栋',
    gridCode: '',
    address: '示例路1号示例小区1栋',
    lng: '104.0665',
    lat: '30.5723',
    road: '示例路',
    number: '1号',
    estate: '示例小区',
    use: '住宅',
    floors: '18',
  },
  check: checkBuilding,
  // Its code within its grid (the leaf grid holding its point: the writer finds it from a grid above).
  keyOf: (r) => `${r.gridCode}/${r.code}`,
}

export const ROOMS_SHEET: RecordTypeSheet<RoomRecord> = {
  type: 'rooms',
  zh: '实有房屋',
  en: 'Rooms and houses',
  version: 1,
  fields: ROOM_FIELDS,
  textColumns: ['gridCode', 'buildingCode', 'unit', 'number'],
  example: {
    gridCode: '',
    buildingCode: 'B-001',
    unit: '1单元',
    number: '101',
    floor: '1',
    houseCategory: '商品房',
    ownership: '私产',
    houseUse: '住宅',
    area: '89.5',
    occupancy: '自住',
  },
  check: checkRoom,
  keyOf: (r) => `${r.gridCode}/${r.buildingCode}/${r.unit ?? ''}/${r.number}`,
}

export const DISPUTES_SHEET: RecordTypeSheet<DisputeRecord> = {
  type: 'disputes',
  zh: '矛盾纠纷',
  en: 'Disputes',
  version: 1,
  fields: DISPUTE_FIELDS,
  textColumns: ['gridCode', 'partyIdNumbers', 'caseNo'],
  example: {
    kind: '邻里纠纷',
    scale: '一般',
    summary: '示例：楼上漏水引发邻里矛盾',
    gridCode: '',
    parties: '示例王五（被申请人）',
    partyIdNumbers: '11010519491231002X（申请人）',
    mediationMethod: '人民调解',
    mediator: '示例调解员',
    deadline: '2026-03-31',
  },
  check: checkDispute,
  // A dispute has no number of its own: every row records one.
  keyOf: () => null,
}

export const MEMBERSHIPS_SHEET: RecordTypeSheet<MembershipRecord> = {
  type: 'memberships',
  zh: '特殊人群',
  en: 'Special groups',
  version: 1,
  fields: MEMBERSHIP_FIELDS,
  textColumns: ['idNumber', 'responsible'],
  example: {
    idNumber: '11010519491231002X',
    groupCode: '独居老人',
    attention: '一般',
    startsOn: '2026-01-01',
    responsible: '',
    notes: '示例：子女在外地，每周电话联系',
  },
  check: checkMembership,
  // One membership per person and group: importing again updates it.
  keyOf: (r) => `${r.idNumber}/${r.groupCode}`,
}

export const RECORD_TYPES = {
  people: PEOPLE_SHEET,
  organizations: ORGANIZATIONS_SHEET,
  devices: DEVICES_SHEET,
  buildings: BUILDINGS_SHEET,
  rooms: ROOMS_SHEET,
  disputes: DISPUTES_SHEET,
  memberships: MEMBERSHIPS_SHEET,
} as const
export type RecordType = keyof typeof RECORD_TYPES
export const RECORD_TYPE_KEYS = Object.keys(RECORD_TYPES) as [RecordType, ...RecordType[]]
