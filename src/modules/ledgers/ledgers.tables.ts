import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytea, createdAt, geometry, ltree, updatedAt } from '../../db/types'
import { users } from '../auth/auth.tables'
import { cases } from '../cases/cases.tables'
import { grids } from '../grids/grids.tables'

/*
 * The base-data ledgers 人地事物情组织. Every record belongs to a leaf grid and carries its path
 * (`grid_path`), so a reader's scope is one ltree test in SQL. Personal fields (ID numbers, phones,
 * exact addresses, notes on special groups) are sealed per value (`src/lib/field-crypto.ts`: the
 * column name ends in `_sealed`, the associated data is `<table>.<column>.<id>`); the ones searched
 * exactly have a blind index beside them (`_bidx`). `version` counts changes (optimistic locking).
 */

/** Code tables 代码表 (ethnicity GB/T 3304, education, marital status, relation to head …): data, shipped and editable. */
export const ledgerCodes = pgTable(
  'ledger_codes',
  {
    /** Which table: `ethnicity`, `education`, `special_group` … */
    codeTable: text('code_table').notNull(),
    code: text('code').notNull(),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    /** A sub-kind's parent code in the same table (key youth → its sub-kinds). */
    parentCode: text('parent_code'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** True for a row the product ships (kept in step at start-up); false for one an administrator added. */
    shipped: boolean('shipped').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.codeTable, t.code] })],
)

/**
 * A building 建筑物 of the standard address 标准地址 (a road and number, or an estate and building),
 * placed in the leaf grid holding its point. `code` is unique inside its grid.
 */
export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** The standard address as written: 锦江区东大街 100 号 / 某某小区 3 栋. Searched by text. */
    address: text('address').notNull(),
    /** Road or estate 街路巷/小区, and the number 门牌号, when given apart. */
    road: text('road'),
    number: text('number'),
    estate: text('estate'),
    use: text('use'),
    floors: integer('floors'),
    point: geometry('point', 'Point').notNull(),
    footprint: geometry('footprint', 'MultiPolygon'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('buildings_grid_code_key').on(t.gridId, t.code),
    index('buildings_grid_path_gist').using('gist', t.gridPath),
    index('buildings_point_gist').using('gist', t.point),
  ],
)

/** A unit 单元 (stairwell) of a building. */
export const buildingUnits = pgTable(
  'building_units',
  {
    id: uuid('id').primaryKey(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('building_units_name_key').on(t.buildingId, t.name)],
)

/**
 * A room 户室 of a building (in a unit or not) and its house 实有房屋: category, ownership 产权性质,
 * use, area, owner and occupancy. The room's own number is structure, not personal data; who lives in
 * it is (residences) and is seen only in scope.
 */
export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    unitId: uuid('unit_id').references(() => buildingUnits.id),
    number: text('number').notNull(),
    floor: integer('floor'),
    houseCategory: text('house_category'),
    ownership: text('ownership'),
    houseUse: text('house_use'),
    area: numeric('area', { precision: 9, scale: 2 }),
    ownerPersonId: uuid('owner_person_id').references((): AnyPgColumn => people.id),
    /** self_occupied 自住 / rented 出租 / vacant 空置 / other. */
    occupancy: text('occupancy'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('rooms_number_key').on(t.buildingId, sql`coalesce(${t.unitId}::text, '')`, t.number),
    index('rooms_building_idx').on(t.buildingId),
  ],
)

/** A rental registration 出租房屋登记 of a room, with its dates; tenants are residences of kind `tenant`. */
export const rentals = pgTable(
  'rentals',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    landlordPersonId: uuid('landlord_person_id').references((): AnyPgColumn => people.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    purpose: text('purpose'),
    createdAt: createdAt(),
  },
  (t) => [index('rentals_room_idx').on(t.roomId)],
)

/**
 * A person 实有人口: registered 户籍, floating 流动 or foreign 境外. The ID number and phones are
 * sealed with blind indexes; the kind's own fields (inflow reason, document and expiry, nationality,
 * arrival …) are in `details`, checked by the schema of the kind. A person erased on request (PIPL)
 * keeps a row with the personal fields purged, so statistics still count them.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    kind: text('kind').notNull(),
    /** resident / hk_macao_permit / taiwan_permit / foreign_permanent / passport / other. */
    idType: text('id_type').notNull(),
    idNumberSealed: text('id_number_sealed'),
    idNumberBidx: text('id_number_bidx'),
    name: text('name').notNull(),
    formerName: text('former_name'),
    sex: text('sex'),
    birthDate: date('birth_date'),
    ethnicity: text('ethnicity'),
    nativePlace: text('native_place'),
    maritalStatus: text('marital_status'),
    politicalStatus: text('political_status'),
    education: text('education'),
    occupation: text('occupation'),
    workplace: text('workplace'),
    phoneSealed: text('phone_sealed'),
    phoneBidx: text('phone_bidx'),
    registeredAddressSealed: text('registered_address_sealed'),
    currentAddressSealed: text('current_address_sealed'),
    /** 人户一致: lives where registered. */
    livesWhereRegistered: boolean('lives_where_registered'),
    details: jsonb('details').notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One file per citizen: an ID number is on one person (the index is per key; a rotation rewrites it).
    uniqueIndex('people_id_number_bidx_key').on(t.idNumberBidx),
    index('people_phone_bidx_idx').on(t.phoneBidx),
    index('people_grid_path_gist').using('gist', t.gridPath),
    // Keyset pages in a grid subtree: by name, then id.
    index('people_name_idx').on(t.name, t.id),
    check('people_kind_check', sql`${t.kind} in ('registered', 'floating', 'foreign')`),
  ],
)

/** Where a person lives or lived: a dated relation person ↔ room, so a move keeps the history. */
export const residences = pgTable(
  'residences',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id),
    /** owner 业主 / family 家庭成员 / tenant 租户 / other. */
    relation: text('relation').notNull(),
    rentalId: uuid('rental_id').references(() => rentals.id),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date'),
    createdAt: createdAt(),
  },
  (t) => [
    index('residences_person_idx').on(t.personId),
    index('residences_room_idx').on(t.roomId),
    check('residences_dates_check', sql`${t.toDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
)

/** A household 户: its number 户号, its room, its head; members carry their relation to the head. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    number: text('number'),
    roomId: uuid('room_id').references(() => rooms.id),
    headPersonId: uuid('head_person_id').references(() => people.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('households_grid_path_gist').using('gist', t.gridPath)],
)

export const householdMembers = pgTable(
  'household_members',
  {
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** Relation to the head 与户主关系 (code table `relation`): 01 head, 10 spouse, 20 child … */
    relation: text('relation').notNull(),
    fromDate: date('from_date').notNull().defaultNow(),
    toDate: date('to_date'),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.personId] }),
    index('household_members_person_idx').on(t.personId),
  ],
)

/**
 * A person's membership of a special or key group 特殊/重点人群 (code table `special_group`, with
 * sub-kinds), with the level of attention 关注程度, dates, the responsible grid worker, the group's own
 * fields (`details`: correction class, guardian, risk level 0–5 …) and sealed notes.
 */
export const groupMemberships = pgTable(
  'group_memberships',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    groupCode: text('group_code').notNull(),
    subKind: text('sub_kind'),
    /** 关注程度: 1 ordinary … 3 close (the visit policy reads it). */
    attention: integer('attention').notNull().default(1),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    details: jsonb('details').notNull().default({}),
    notesSealed: text('notes_sealed'),
    /** The date the next visit falls due (from the policy and the last visit); null when none is due. */
    nextVisitDue: date('next_visit_due'),
    /** When the missed visit was escalated to the grid chief (once per due date). */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('group_memberships_person_idx').on(t.personId),
    index('group_memberships_grid_path_gist').using('gist', t.gridPath),
    index('group_memberships_due_idx').on(t.nextVisitDue),
    check('group_memberships_attention_check', sql`${t.attention} between 1 and 5`),
  ],
)

/** How often a group's members are visited at a level of attention (days between visits). */
export const visitPolicies = pgTable(
  'visit_policies',
  {
    groupCode: text('group_code').notNull(),
    /** The lowest attention level the rule applies from. */
    minAttention: integer('min_attention').notNull().default(1),
    everyDays: integer('every_days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupCode, t.minAttention] }),
    check('visit_policies_days_check', sql`${t.everyDays} between 1 and 366`),
  ],
)

/**
 * A visit 走访: to a member of a special group (by their care plan) or to a household (ad hoc or in a
 * round): who, when, where, outcome, notes (sealed), photos by content hash. Its id may come from the
 * phone that recorded it offline; `request_hash` then tells a replay from a different visit.
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey(),
    membershipId: uuid('membership_id').references(() => groupMemberships.id),
    householdId: uuid('household_id').references(() => households.id),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => users.id),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    place: geometry('place', 'Point'),
    /** met 见面 / not_home 未遇 / by_phone 电话 / refused 拒访. */
    outcome: text('outcome').notNull(),
    notesSealed: text('notes_sealed'),
    /** SHA-256 of the photos taken (uploaded by content hash). */
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    /** Metres from the visited household's building, when both are known: the location proof. */
    distanceM: real('distance_m'),
    /** SHA-256 of the request a phone sent under this id (null for a visit recorded at a desk). */
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    index('visits_membership_idx').on(t.membershipId, t.visitedAt),
    index('visits_household_idx').on(t.householdId, t.visitedAt),
    // Today's visits under a scope (the big screen's workers panel).
    index('visits_visited_idx').on(t.visitedAt),
    check('visits_subject_check', sql`${t.membershipId} is not null or ${t.householdId} is not null`),
  ],
)

/**
 * An organisation: enterprise, individual business, social organisation, shop, key place 重点场所,
 * property company, owners' committee, party organisation 党组织 (3+1). The credit code is public
 * data (GB 32100), stored in clear; the contact phone is sealed.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    legalRepresentative: text('legal_representative'),
    contactPhoneSealed: text('contact_phone_sealed'),
    buildingId: uuid('building_id').references(() => buildings.id),
    address: text('address'),
    point: geometry('point', 'Point'),
    staffCount: integer('staff_count'),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    details: jsonb('details').notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organizations_credit_code_key').on(t.creditCode),
    index('organizations_grid_path_gist').using('gist', t.gridPath),
  ],
)

/** A thing 物: a facility or device (camera, sensor, fire equipment …) with its code and status. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    ownerOrganizationId: uuid('owner_organization_id').references(() => organizations.id),
    point: geometry('point', 'Point'),
    status: text('status').notNull().default('normal'),
    details: jsonb('details').notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('devices_code_key').on(t.code),
    index('devices_grid_path_gist').using('gist', t.gridPath),
  ],
)

export const deviceStatusChanges = pgTable(
  'device_status_changes',
  {
    id: uuid('id').primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id),
    status: text('status').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id').references(() => users.id),
  },
  (t) => [index('device_status_changes_device_idx').on(t.deviceId, t.at)],
)

/** A dispute 矛盾纠纷, linked to an event when there is one. */
export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id),
    gridPath: ltree('grid_path').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    /** ordinary 一般 / major 较大 / serious 重大. */
    scale: text('scale').notNull(),
    summary: text('summary').notNull(),
    /** The parties: person ids when on the ledger, else names (masked in views). */
    parties: jsonb('parties').notNull().default([]),
    mediationMethod: text('mediation_method'),
    mediator: text('mediator'),
    deadline: date('deadline'),
    outcome: text('outcome'),
    resolvedOn: date('resolved_on'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index('disputes_grid_path_gist').using('gist', t.gridPath)],
)

/** Records an event of the case module concerns: people, rooms, organisations. */
export const caseSubjects = pgTable(
  'case_subjects',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.subjectType, t.subjectId] }),
    index('case_subjects_subject_idx').on(t.subjectType, t.subjectId),
  ],
)

/**
 * A record's change history: who changed which fields when, personal values masked as they were
 * shown (never in clear): the profile's 变更记录.
 */
export const ledgerChanges = pgTable(
  'ledger_changes',
  {
    id: uuid('id').primaryKey(),
    recordType: text('record_type').notNull(),
    recordId: uuid('record_id').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** { field: [before, after] }, masked. */
    changes: jsonb('changes').notNull(),
    /**
     * The record's version after this change (null on rows written before it was kept): a field
     * proposal made at an older version learns from it which fields changed since.
     */
    version: integer('version'),
  },
  (t) => [index('ledger_changes_record_idx').on(t.recordType, t.recordId, t.at)],
)

/**
 * A correction of a household or a person proposed in the field 采集 (or on the desk), and its review
 * 审核: applied at once when fresh and the proposer may write, else pending or in conflict until a
 * reviewer approves or rejects it. The id is the client's (an idempotent replay answers `answer`).
 * Plain proposed values are in `changes`, the personal ones sealed together in `changes_sealed`.
 */
export const ledgerProposals = pgTable(
  'ledger_proposals',
  {
    id: uuid('id').primaryKey(),
    /** household / person. */
    kind: text('kind').notNull(),
    targetId: uuid('target_id').notNull(),
    /** The record's grid when received (the review's scope). */
    gridPath: ltree('grid_path').notNull(),
    /** The version the proposer started from. */
    baseVersion: integer('base_version').notNull(),
    /** Proposed values in clear by field key (never a personal field). */
    changes: jsonb('changes').notNull().default({}),
    /** The proposed personal fields (ID number, phone, exact addresses) as one sealed JSON object. */
    changesSealed: text('changes_sealed'),
    /** applied / pending / conflict / approved / rejected. */
    state: text('state').notNull(),
    versionAtReceipt: integer('version_at_receipt').notNull(),
    /** The record's version once the proposal was applied (at once or on approval). */
    appliedVersion: integer('applied_version'),
    /** Where it came from: { campaignId, taskId } of an information-verification campaign. */
    source: jsonb('source').notNull().default({}),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was rejected. */
    reason: text('reason'),
    /** SHA-256 of the proposer and the request: a replay with another body is refused. */
    requestHash: text('request_hash').notNull(),
    /** The first answer, masked, for a replay. */
    answer: jsonb('answer').notNull(),
  },
  (t) => [
    index('ledger_proposals_grid_path_gist').using('gist', t.gridPath),
    index('ledger_proposals_state_idx').on(t.state, t.proposedAt),
    index('ledger_proposals_proposer_idx').on(t.proposedBy, t.proposedAt),
    index('ledger_proposals_target_idx').on(t.kind, t.targetId),
    check('ledger_proposals_kind_check', sql`${t.kind} in ('household', 'person')`),
    check(
      'ledger_proposals_state_check',
      sql`${t.state} in ('applied', 'pending', 'conflict', 'approved', 'rejected')`,
    ),
  ],
)

/** An Excel import 台账导入 run as a background job, with its progress and its error report. */
export const ledgerImports = pgTable(
  'ledger_imports',
  {
    id: uuid('id').primaryKey(),
    recordType: text('record_type').notNull(),
    /** all_or_nothing / valid_only. */
    mode: text('mode').notNull(),
    /** queued / running / done / failed. */
    status: text('status').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    gridPath: ltree('grid_path'),
    fileName: text('file_name').notNull(),
    /** The uploaded sheet, kept until the job has read it. */
    upload: bytea('upload'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsCreated: integer('rows_created').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    rowsFailed: integer('rows_failed').notNull().default(0),
    /** The original rows with an error column, as xlsx (when a row failed). */
    errorReport: bytea('error_report'),
    failure: text('failure'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('ledger_imports_user_idx').on(t.userId, t.createdAt)],
)

/** The re-encryption job after a key rotation: per table, how far it went (resumable by id). */
export const keyRotations = pgTable(
  'key_rotations',
  {
    id: uuid('id').primaryKey(),
    targetKeyId: text('target_key_id').notNull(),
    /** running / done / failed. */
    status: text('status').notNull(),
    /** { table: { after: lastId, done: n, total: n } }. */
    progress: jsonb('progress').notNull().default({}),
    startedBy: text('started_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    failure: text('failure'),
    rowsDone: bigint('rows_done', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('key_rotations_started_idx').on(t.startedAt)],
)
