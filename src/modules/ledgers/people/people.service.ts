import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordPersonalDataRead } from '../../audit/audit.personal-data'
import { recordAudit } from '../../audit/audit.service'
import { type CodeBook, loadCodeBook } from '../codes/codes.book'
import type { LedgerDeps } from '../ledgers.deps'
import {
  ledgerSubtrees,
  mayBreakGlass,
  mayReadLedger,
  maySeeSpecialGroups,
  mayUnmaskPerson,
  mayWriteLedger,
  recordAbilities,
} from '../ledgers.policy'
import { maskAddress, maskName } from '../privacy/masks'
import { auditUnmask, unmaskReason } from '../privacy/unmask'
import { parseIdNumber } from '../validate/id-number'
import { normaliseCode } from '../validate/normalise'
import { parsePhone } from '../validate/phone'
import { personChanges, SEALED_COLUMNS, type SealedKey } from './people.changes'
import { PERSON_FIELDS } from './people.fields'
import { toAccessEntry, toDay, toPersonBasics, toPersonSummary } from './people.presenter'
import { checkPerson } from './people.record'
import { type PersonGridRow, peopleRepo } from './people.repo'
import type { AccessLogQuery, PersonListQuery, PersonView } from './people.schema'
import { peopleStore } from './people.store'

/** How long values shown in clear stay on the screen. */
export const UNMASK_SECONDS = 120

const notFoundPerson = () => notFound('ledger.not_found', 'No such person on your ledgers')
const gridNotFound = () => notFound('ledger.grid_not_found', 'No such current grid among those you maintain')

/** A cursor of the list: the last name and id of the page before, opaque to clients. */
const encodeCursor = (r: { name: string; id: string }) =>
  Buffer.from(JSON.stringify([r.name, r.id])).toString('base64url')
function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { name, id }
  } catch {
    // fall through to the refusal
  }
  throw badRequest('ledger.bad_cursor', 'The cursor is not one this list gave')
}

/** What the search box holds: an ID number or a phone (exact), or part of a name. */
export function classifySearch(q: string): { by: 'id_number' | 'phone' | 'name'; value: string } {
  const id = parseIdNumber(q)
  if (id.ok) return { by: 'id_number', value: id.value }
  const phone = parsePhone(q)
  if (phone.ok && phone.kind !== 'service') return { by: 'phone', value: phone.value }
  const code = normaliseCode(q)
  // A passport or another document: letters and digits, at least one digit.
  if (/^(?=.*\d)[0-9A-Z]{5,20}$/.test(code) && !/^\d{1,4}$/.test(code))
    return { by: 'id_number', value: code }
  return { by: 'name', value: q }
}

/**
 * The people ledger 实有人口: lists and search in the reader's subtrees, the profile 一人一档, writes
 * checked field by field, unmask with a reason, the access log, and erase on request (PIPL).
 */
export function createPeopleService(deps: LedgerDeps) {
  const { db, clock } = deps
  const store = peopleStore(deps.fields)
  const { sealer } = store

  const opener = (r: PersonGridRow) => (key: SealedKey) =>
    sealer.open(SEALED_COLUMNS[key].column, r.id, r[SEALED_COLUMNS[key].column])

  const actorName = (ctx: RequestContext) => ctx.actor?.id ?? 'anonymous'

  function invalid(errors: { field: string; code: string; message: string }[]) {
    return new Problem(400, 'ledger.invalid', 'Some fields are not valid', { errors })
  }

  async function writableGrid(ex: Executor, ctx: RequestContext, code: string) {
    const grid = await peopleRepo.currentGrid(ex, code)
    if (!grid || !mayWriteLedger(ctx.actor, grid.path)) throw gridNotFound()
    return grid
  }

  /** 409 for an ID number already on the ledger: its id when the writer may read it, else only "elsewhere". */
  async function refuseDuplicate(ex: Executor, ctx: RequestContext, idNumber: string | null, self?: string) {
    if (!idNumber) return
    const found = (await store.byIdNumbers(ex, [idNumber])).get(idNumber)
    if (!found || found.id === self) return
    if (mayReadLedger(ctx.actor, found.grid_path))
      throw conflict('ledger.person_exists', 'This ID number is on the ledger already', { id: found.id })
    throw conflict('ledger.person_elsewhere', 'This ID number is registered outside your grids')
  }

  async function special(ex: Executor, personId: string) {
    const rows = await peopleRepo.memberships(ex, personId)
    return {
      rows,
      special: rows.length > 0,
      responsibleUserIds: rows.flatMap((r) => (r.responsible_user_id ? [r.responsible_user_id] : [])),
    }
  }

  async function profile(ctx: RequestContext, row: PersonGridRow): Promise<PersonView> {
    const codes = await loadCodeBook(db)
    const groups = await special(db, row.id)
    const erased = row.erased_at !== null
    const unmask =
      !erased &&
      mayUnmaskPerson(ctx.actor, {
        gridPath: row.grid_path,
        special: groups.special,
        responsibleUserIds: groups.responsibleUserIds,
      })
    const abilities: PersonView['abilities'] = recordAbilities(ctx.actor, row.grid_path, unmask).filter(
      (a) => !erased || a === 'unmask',
    )
    if (erased) abilities.length = 0
    if (mayBreakGlass(ctx.actor, row.grid_path)) abilities.push('access_log')
    const [residences, household, visits, events, changes] = await Promise.all([
      peopleRepo.residences(db, row.id),
      peopleRepo.household(db, row.id),
      peopleRepo.visits(db, row.id),
      peopleRepo.events(db, row.id),
      peopleRepo.changes(db, row.id),
    ])
    await recordPersonalDataRead(db, ctx, {
      subjectType: 'person',
      subjectIds: [row.id],
      purpose: 'ledger.person',
      fields: ['name', 'idNumber', 'phone', 'registeredAddress', 'currentAddress'],
      masked: true,
    })
    const relationName = (code: string) => codes.name('relation', code)?.zh ?? code
    return {
      ...toPersonBasics(row, codes, opener(row)),
      special: groups.special,
      abilities,
      residences: residences.map((r) => ({
        relation: r.relation,
        fromDate: String(toDay(r.from_date)),
        toDate: toDay(r.to_date),
        place: maskAddress(`${r.address}${r.unit ?? ''}${r.room}`),
      })),
      household: household && {
        id: household.household_id,
        number: household.number,
        relation: relationName(household.relation),
        members: household.members.map((m) => ({
          id: m.id,
          name: maskName(m.name),
          relation: relationName(m.relation),
        })),
      },
      groups: maySeeSpecialGroups(ctx.actor, row.grid_path)
        ? groups.rows.map((g) => ({
            groupCode: g.group_code,
            ...(codes.name('special_group', g.group_code) ?? { zh: g.group_code, en: g.group_code }),
            attention: g.attention,
            startsOn: String(toDay(g.starts_on)),
            endsOn: toDay(g.ends_on),
          }))
        : null,
      visits,
      events: events.map((e) => ({ id: e.id, number: e.no, state: e.state, category: e.category_code })),
      changes: changes.map((c) => ({
        at: new Date(c.at).toISOString(),
        actor: c.actor,
        changes: c.changes,
      })),
    }
  }

  async function readable(ctx: RequestContext, id: string) {
    const row = await peopleRepo.find(db, id, ledgerSubtrees(ctx.actor, 'ledger.read'))
    if (!row) throw notFoundPerson()
    return row
  }

  /** The person's values in clear as a form would send them (for a partial change). */
  function asInput(row: PersonGridRow): Record<string, unknown> {
    const open = opener(row)
    return {
      ...row.details,
      kind: row.kind,
      name: row.name,
      idNumber: open('idNumber'),
      gridCode: row.grid_code,
      sex: row.sex,
      birthDate: toDay(row.birth_date),
      formerName: row.former_name,
      ethnicity: row.ethnicity,
      nativePlace: row.native_place,
      maritalStatus: row.marital_status,
      politicalStatus: row.political_status,
      education: row.education,
      occupation: row.occupation,
      workplace: row.workplace,
      phone: open('phone'),
      registeredAddress: open('registeredAddress'),
      currentAddress: open('currentAddress'),
      livesWhereRegistered: row.lives_where_registered,
    }
  }

  /**
   * A change as a form sends it (the fields given replace; null or '' clears one), checked against the
   * stored person: the record to write, or 400 with every field's error.
   */
  function checkChange(row: PersonGridRow, patch: Record<string, unknown>, codes: CodeBook) {
    const input = { ...asInput(row) }
    // A new ID number brings its own birth date and sex, unless the change gives them too.
    if (patch.idNumber !== undefined) {
      if (patch.birthDate === undefined) input.birthDate = ''
      if (patch.sex === undefined) input.sex = ''
    }
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) input[k] = v ?? ''
    const checked = checkPerson(input, codes, clock())
    if (!checked.ok) throw invalid(checked.errors)
    const r = checked.record
    // A kind's own fields do not outlive the kind (a floating person's inflow reason once registered).
    const allowed = new Set(
      PERSON_FIELDS.filter((f) => f.detail && (!f.kinds || f.kinds.includes(r.kind))).map((f) => f.key),
    )
    r.details = Object.fromEntries(Object.entries(r.details).filter(([k]) => allowed.has(k)))
    return r
  }

  /**
   * The desk edit's write, in the caller's transaction: the person locked in the writer's scope, at the
   * version the form was read at (409 otherwise), checked, changed, its history and audit written.
   * `via` names the field proposal a change comes from. Answers the version reached.
   */
  async function changeIn(
    tx: Executor,
    ctx: RequestContext,
    id: string,
    patch: Record<string, unknown>,
    version: number,
    via?: { proposalId: string },
  ): Promise<number> {
    const codes = await loadCodeBook(tx)
    const row = await peopleRepo.findForUpdate(tx, id, ledgerSubtrees(ctx.actor, 'ledger.read'))
    if (!row) throw notFoundPerson()
    if (!mayWriteLedger(ctx.actor, row.grid_path))
      throw forbidden('ledger.forbidden', 'You may not change this ledger')
    if (row.erased_at) throw conflict('ledger.person_erased', 'This person was erased on request')
    if (row.version !== version)
      throw conflict('ledger.version_conflict', 'Someone changed this person since you read it', {
        version: row.version,
      })
    const r = checkChange(row, patch, codes)
    const grid =
      r.gridCode === row.grid_code
        ? { id: row.grid_id, path: row.grid_path }
        : await writableGrid(tx, ctx, r.gridCode)
    await refuseDuplicate(tx, ctx, r.idNumber, row.id)
    const { sets, changes } = personChanges(
      sealer,
      row,
      r,
      { ...grid, before: row.grid_code, after: r.gridCode },
      'replace',
    )
    if (!Object.keys(sets).length) return row.version
    await peopleRepo.update(tx, row.id, sets)
    await peopleRepo.recordChange(tx, uuidv7(), row.id, actorName(ctx), changes)
    await recordAudit(tx, ctx, {
      action: 'person.update',
      resourceType: 'person',
      resourceId: row.id,
      summary: { fields: Object.keys(changes), ...(via ? { via: 'field', proposalId: via.proposalId } : {}) },
    })
    return row.version + 1
  }

  return {
    /** The form's fields, from the same list the checks and the Excel template use, with code choices. */
    async fields() {
      const tables = PERSON_FIELDS.flatMap((f) => (f.codeTable ? [f.codeTable] : []))
      const rows = await peopleRepo.codes(db, tables)
      return PERSON_FIELDS.map((f) => ({
        key: f.key,
        zh: f.zh,
        en: f.en,
        type: f.type,
        required: Boolean(f.required),
        kinds: f.kinds ? [...f.kinds] : null,
        sealed: Boolean(f.sealed),
        max: f.max ?? null,
        options: f.codeTable
          ? rows.filter((r) => r.code_table === f.codeTable).map(({ code, zh, en }) => ({ code, zh, en }))
          : null,
      }))
    },

    async list(ctx: RequestContext, q: PersonListQuery) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.read')
      if (within && within.length === 0) throw forbidden('ledger.forbidden', 'You may not read the ledgers')
      const search = q.q ? classifySearch(q.q) : null
      const gridPath = q.grid ? ((await peopleRepo.currentGrid(db, q.grid))?.path ?? '__none__') : undefined
      const rows = await peopleRepo.list(db, {
        within,
        gridPath,
        kind: q.kind,
        name: search?.by === 'name' ? search.value : undefined,
        idIndexes: search?.by === 'id_number' ? sealer.indexes('id_number', search.value) : undefined,
        phoneIndexes: search?.by === 'phone' ? sealer.indexes('phone', search.value) : undefined,
        tag: q.tag,
        group: q.group ? { code: q.group, within: ledgerSubtrees(ctx.actor, 'ledger.special') } : undefined,
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      })
      const page = rows.slice(0, q.limit)
      await recordPersonalDataRead(db, ctx, {
        subjectType: 'person',
        subjectIds: page.map((r) => r.id),
        purpose: 'ledger.people',
        fields: ['name', 'idNumber', 'phone'],
        masked: true,
      })
      const codes = await loadCodeBook(db)
      const last = page.at(-1)
      return {
        items: page.map((r) => toPersonSummary(r, codes, opener(r))),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
        searched: search?.by ?? ('none' as const),
      }
    },

    async one(ctx: RequestContext, id: string) {
      return profile(ctx, await readable(ctx, id))
    },

    async create(ctx: RequestContext, body: Record<string, unknown>) {
      const checked = checkPerson(body, await loadCodeBook(db), clock())
      if (!checked.ok) throw invalid(checked.errors)
      const { record } = checked
      const id = await inTransaction(deps, async (tx) => {
        const grid = await writableGrid(tx, ctx, record.gridCode)
        await refuseDuplicate(tx, ctx, record.idNumber)
        const [outcome] = await store.upsertMany(tx, actorName(ctx), [{ record, grid }], new Map())
        const personId = outcome?.id as string
        await peopleRepo.recordChange(tx, uuidv7(), personId, actorName(ctx), {
          kind: [null, record.kind],
          gridCode: [null, record.gridCode],
        })
        await recordAudit(tx, ctx, {
          action: 'person.create',
          resourceType: 'person',
          resourceId: personId,
          summary: { kind: record.kind, grid: record.gridCode },
        })
        return personId
      })
      return this.one(ctx, id)
    },

    async update(ctx: RequestContext, id: string, body: Record<string, unknown> & { version: number }) {
      const { version, ...patch } = body
      await inTransaction(deps, (tx) => changeIn(tx, ctx, id, patch, version))
      return this.one(ctx, id)
    },

    changeIn,

    /**
     * A person as a field proposal sees it: in the reader's scope (null otherwise), the values of the
     * form's fields in clear, and its version.
     */
    async proposalTarget(ex: Executor, ctx: RequestContext, id: string) {
      const row = await peopleRepo.find(ex, id, ledgerSubtrees(ctx.actor, 'ledger.read'))
      if (!row) return null
      return {
        gridPath: row.grid_path,
        version: row.version,
        erased: row.erased_at !== null,
        values: asInput(row),
      }
    },

    /**
     * Checks a proposed change as the desk edit would against the person as stored now (400 with every
     * field's error); answers the normalised values of the fields it sets.
     */
    async checkProposal(ctx: RequestContext, id: string, patch: Record<string, unknown>) {
      const row = await readable(ctx, id)
      const r = checkChange(row, patch, await loadCodeBook(db))
      const values: Record<string, unknown> = {}
      for (const key of Object.keys(patch)) {
        const field = PERSON_FIELDS.find((f) => f.key === key)
        values[key] = field?.detail
          ? (r.details[key] ?? null)
          : ((r as unknown as Record<string, unknown>)[key] ?? null)
      }
      return values
    },
    /** Erase on request (PIPL): only by a writer of the person's grid, with a reason; audited. */
    async erase(ctx: RequestContext, id: string, reasonText: string) {
      await inTransaction(deps, async (tx) => {
        const row = await peopleRepo.findForUpdate(tx, id, ledgerSubtrees(ctx.actor, 'ledger.read'))
        if (!row) throw notFoundPerson()
        if (!mayWriteLedger(ctx.actor, row.grid_path))
          throw forbidden('ledger.forbidden', 'You may not erase people of this ledger')
        if (row.erased_at) throw conflict('ledger.person_erased', 'This person was erased on request')
        const reason = reasonText.trim()
        if ([...reason].length < 4)
          throw badRequest('ledger.erase_reason_required', 'Say why (the request) in at least 4 characters')
        await peopleRepo.erase(tx, row.id)
        await peopleRepo.recordChange(tx, uuidv7(), row.id, actorName(ctx), { erased: [null, true] })
        await recordAudit(tx, ctx, {
          action: 'person.erase',
          resourceType: 'person',
          resourceId: row.id,
          summary: { reason, kind: row.kind, grid: row.grid_code },
        })
      })
      return this.one(ctx, id)
    },

    /** The personal fields in clear, for UNMASK_SECONDS on the screen, after the read is audited. */
    async unmask(ctx: RequestContext, id: string, reasonText: string) {
      const row = await readable(ctx, id)
      if (row.erased_at) throw conflict('ledger.person_erased', 'This person was erased on request')
      const groups = await special(db, row.id)
      const allowed = mayUnmaskPerson(ctx.actor, {
        gridPath: row.grid_path,
        special: groups.special,
        responsibleUserIds: groups.responsibleUserIds,
      })
      if (!allowed) throw forbidden('ledger.unmask_forbidden', 'You may not show this person in clear')
      const reason = unmaskReason(reasonText)
      const responsible = ctx.actor !== null && groups.responsibleUserIds.includes(ctx.actor.id)
      const open = opener(row)
      const fields = ['name', 'idNumber', 'phone', 'registeredAddress', 'currentAddress']
      await inTransaction(deps, (tx) =>
        auditUnmask(tx, ctx, {
          subjectType: 'person',
          subjectId: row.id,
          fields,
          reason,
          breakGlass: groups.special && !responsible,
        }),
      )
      return {
        name: row.name,
        idNumber: open('idNumber'),
        phone: open('phone'),
        registeredAddress: open('registeredAddress'),
        currentAddress: open('currentAddress'),
        englishName: row.details?.englishName ?? null,
        until: new Date(clock().getTime() + UNMASK_SECONDS * 1000).toISOString(),
      }
    },

    /** Who read or unmasked this person: for those who may break the glass over their grid (the chiefs). */
    async accessLog(ctx: RequestContext, id: string, q: AccessLogQuery) {
      const row = await readable(ctx, id)
      if (!mayBreakGlass(ctx.actor, row.grid_path))
        throw forbidden('ledger.forbidden', "You may not read this person's access log")
      const rows = await peopleRepo.accessLogOf(db, row.id, q.limit + 1, q.cursor)
      const page = rows.slice(0, q.limit).map((a) => ({ ...a, person_name: row.erased_at ? null : row.name }))
      return {
        items: page.map(toAccessEntry),
        nextCursor: rows.length > q.limit ? Number(page.at(-1)?.id) : null,
      }
    },

    /** The access log of every person in the reader's subtree (or of one grid's). */
    async accessLogWithin(ctx: RequestContext, q: AccessLogQuery) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.break_glass')
      if (within && within.length === 0)
        throw forbidden('ledger.forbidden', 'You may not read the ledgers’ access log')
      let gridPath: string | null = null
      if (q.grid) {
        const grid = await peopleRepo.currentGrid(db, q.grid)
        if (!grid || !mayBreakGlass(ctx.actor, grid.path)) throw gridNotFound()
        gridPath = grid.path
      }
      const rows = await peopleRepo.accessLogWithin(db, within, gridPath, q.limit + 1, q.cursor)
      const page = rows.slice(0, q.limit)
      return {
        items: page.map(toAccessEntry),
        nextCursor: rows.length > q.limit ? Number(page.at(-1)?.id) : null,
      }
    },
  }
}

export type PeopleService = ReturnType<typeof createPeopleService>
