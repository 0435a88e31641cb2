import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { badRequest, conflict, forbidden, notFound, Problem } from '../../../lib/problem'
import { requestHash } from '../../../lib/request-hash'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import { codesRepo } from '../codes/codes.repo'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees, mayBreakGlass } from '../ledgers.policy'
import { tableSealer } from '../privacy/seal'
import { auditUnmask, unmaskReason } from '../privacy/unmask'
import { boardRepo } from './groups.board.repo'
import { dueReach, mayManageMembership, maySeeMembership, mayUnmaskMembership } from './groups.policy'
import { GUARDIAN_FIELDS, toMembershipView, toVisitView } from './groups.presenter'
import { groupsRepo, type MembershipFilter, type MembershipRow } from './groups.repo'
import { chinaDay, nextVisitDue, weekOf } from './groups.schedule'
import type {
  GroupDetails,
  MembershipCreateBody,
  MembershipListQuery,
  MembershipUpdateBody,
  VisitCreateBody,
} from './groups.schema'
import { checkDates, checkDetails, checkGroup, checkResponsible } from './memberships.checks'

/** A visit's time may run ahead of the server's clock by this much (a phone's clock), not more. */
const FUTURE_SLACK_MS = 5 * 60_000

const membershipNotFound = () => notFound('ledger.membership_not_found', 'No such membership')
const writeForbidden = () =>
  forbidden('ledger.write_forbidden', 'You may see this membership but not change it or record its visits')

/**
 * Special and key groups 特殊人群: memberships of people in groups, with the attention level 关注程度,
 * the responsible grid worker, the care plan's next due visit and the visits 走访 themselves. Seeing
 * a membership needs ledger.special over its grid (404 otherwise); notes and the guardian are sealed.
 */
export function createGroupsService(deps: LedgerDeps) {
  const { db, grids, clock } = deps
  const sealer = tableSealer(deps.fields, 'group_memberships')
  const visitSealer = tableSealer(deps.fields, 'visits')
  const today = () => chinaDay(clock())

  const view = (ctx: RequestContext, r: MembershipRow, open = false) =>
    toMembershipView(r, { actor: ctx.actor, today: today(), sealer, open })

  async function load(ex: Executor, ctx: RequestContext, id: string) {
    const row = await groupsRepo.find(ex, id)
    if (!row || !maySeeMembership(ctx.actor, { gridPath: row.grid_path })) throw membershipNotFound()
    return row
  }

  async function loadForChange(ex: Executor, ctx: RequestContext, id: string) {
    const row = await load(ex, ctx, id)
    if (!mayManageMembership(ctx.actor, { gridPath: row.grid_path })) throw writeForbidden()
    return row
  }

  /** The stored visit a phone sends again under its id; the id with other content is refused. */
  async function replayedVisit(ctx: RequestContext, membershipId: string, visitId: string, hash: string) {
    const visit = await groupsRepo.findVisit(db, visitId)
    if (!visit) return null
    if (visit.membership_id !== membershipId || visit.request_hash !== hash)
      throw new Problem(422, 'idempotency.key_reused', 'This id was already used for another visit')
    return {
      visit: toVisitView(visit, { sealer: visitSealer }),
      membership: view(ctx, await load(db, ctx, membershipId)),
      replayed: true,
    }
  }

  /** Details as stored: the guardian's name and phone sealed to this membership. */
  const storedDetails = (id: string, details: GroupDetails): Record<string, unknown> => {
    const stored: Record<string, unknown> = { ...details }
    for (const field of GUARDIAN_FIELDS)
      if (details[field] !== undefined) stored[field] = sealer.seal(`details.${field}`, id, details[field])
    return stored
  }

  const rules = (ex: Executor) => codesRepo.policies(ex)

  function filterOf(ctx: RequestContext, extra: Partial<MembershipFilter> = {}): MembershipFilter {
    return { within: ledgerSubtrees(ctx.actor, 'ledger.special'), ended: false, today: today(), ...extra }
  }

  return {
    async list(ctx: RequestContext, q: MembershipListQuery) {
      const gridPath = q.grid ? (await grids.current(ctx, q.grid)).path : undefined
      const day = today()
      const f = filterOf(ctx, {
        group: q.group,
        subKind: q.subKind,
        attention: q.attention,
        gridPath,
        personId: q.personId,
        ended: q.ended,
        ...(q.due === 'overdue' ? { dueBefore: day } : q.due === 'week' ? { dueBy: weekOf(day).to } : {}),
      })
      if (f.within?.length === 0) return { items: [], nextCursor: null }
      const rows = await groupsRepo.page(db, f, { limit: q.limit, cursor: q.cursor })
      const last = rows.at(-1)
      return {
        items: rows.map((r) => view(ctx, r)),
        nextCursor: rows.length === q.limit && last ? last.id : null,
      }
    },

    async get(ctx: RequestContext, id: string) {
      return view(ctx, await load(db, ctx, id))
    },

    async create(ctx: RequestContext, body: MembershipCreateBody) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.special')
      const id = uuidv7()
      await inTransaction(deps, async (tx) => {
        const person = within?.length === 0 ? undefined : await groupsRepo.person(tx, body.personId, within)
        if (!person) throw notFound('ledger.person_not_found', 'No such person')
        if (!mayManageMembership(ctx.actor, { gridPath: person.grid_path })) throw writeForbidden()
        await checkGroup(tx, body.groupCode, body.subKind)
        await checkDetails(tx, body.groupCode, body.details)
        checkDates(body.startsOn, body.endsOn)
        await checkResponsible(tx, body.responsibleUserId, person.grid_path)
        if (await groupsRepo.openMembership(tx, person.id, body.groupCode, today()))
          throw conflict('ledger.membership_exists', 'The person is already a member of this group')
        const membership = {
          groupCode: body.groupCode,
          attention: body.attention,
          startsOn: body.startsOn,
          endsOn: body.endsOn ?? null,
        }
        await groupsRepo.insert(tx, {
          id,
          personId: person.id,
          gridId: person.grid_id,
          gridPath: person.grid_path,
          ...membership,
          subKind: body.subKind ?? null,
          responsibleUserId: body.responsibleUserId ?? null,
          details: storedDetails(id, body.details),
          notesSealed: sealer.seal('notes_sealed', id, body.notes),
          nextVisitDue: nextVisitDue(membership, null, await rules(tx)),
        })
        await recordAudit(tx, ctx, {
          action: 'group_membership.create',
          resourceType: 'group_membership',
          resourceId: id,
          summary: {
            personId: person.id,
            groupCode: body.groupCode,
            subKind: body.subKind ?? null,
            attention: body.attention,
            startsOn: body.startsOn,
            responsibleUserId: body.responsibleUserId ?? null,
            fields: [...Object.keys(body.details), ...(body.notes ? ['notes'] : [])],
          },
        })
      })
      return view(ctx, await load(db, ctx, id))
    },

    async update(ctx: RequestContext, id: string, body: MembershipUpdateBody) {
      await inTransaction(deps, async (tx) => {
        const row = await loadForChange(tx, ctx, id)
        if (body.subKind !== undefined) await checkGroup(tx, row.group_code, body.subKind)
        if (body.details) await checkDetails(tx, row.group_code, body.details)
        const startsOn = body.startsOn ?? row.starts_on
        const endsOn = body.endsOn === undefined ? row.ends_on : body.endsOn
        checkDates(startsOn, endsOn)
        await checkResponsible(tx, body.responsibleUserId, row.grid_path)
        const attention = body.attention ?? row.attention
        const reschedule =
          body.attention !== undefined || body.startsOn !== undefined || body.endsOn !== undefined
        const nextDue = reschedule
          ? nextVisitDue(
              { groupCode: row.group_code, attention, startsOn, endsOn },
              await groupsRepo.lastVisitDay(tx, id),
              await rules(tx),
            )
          : undefined
        const written = await groupsRepo.update(tx, id, body.version, {
          subKind: body.subKind,
          attention: body.attention,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          responsibleUserId: body.responsibleUserId,
          details: body.details ? storedDetails(id, body.details) : undefined,
          notesSealed: body.notes === undefined ? undefined : sealer.seal('notes_sealed', id, body.notes),
          nextVisitDue: nextDue,
        })
        if (!written)
          throw conflict('ledger.version_conflict', 'The membership was changed meanwhile: reload it', {
            version: row.version,
          })
        const { version: _version, ...changed } = body
        await recordAudit(tx, ctx, {
          action: 'group_membership.update',
          resourceType: 'group_membership',
          resourceId: id,
          // Names of the fields changed, and the values that are not personal data.
          summary: {
            fields: Object.keys(changed),
            before: {
              attention: row.attention,
              responsibleUserId: row.responsible_user_id,
              endsOn: row.ends_on,
            },
            after: {
              attention,
              responsibleUserId: body.responsibleUserId ?? row.responsible_user_id,
              endsOn,
            },
            ...(nextDue === undefined ? {} : { nextVisitDue: nextDue }),
          },
        })
      })
      return view(ctx, await load(db, ctx, id))
    },

    /** Ends a membership (today when no day is given): no more visits fall due. */
    async end(ctx: RequestContext, id: string, body: { endsOn?: string; version: number }) {
      await inTransaction(deps, async (tx) => {
        const row = await loadForChange(tx, ctx, id)
        const endsOn = body.endsOn ?? today()
        checkDates(row.starts_on, endsOn)
        if (!(await groupsRepo.update(tx, id, body.version, { endsOn, nextVisitDue: null })))
          throw conflict('ledger.version_conflict', 'The membership was changed meanwhile: reload it', {
            version: row.version,
          })
        await recordAudit(tx, ctx, {
          action: 'group_membership.end',
          resourceType: 'group_membership',
          resourceId: id,
          summary: { endsOn, groupCode: row.group_code },
        })
      })
      return view(ctx, await load(db, ctx, id))
    },

    /**
     * The member's name, the guardian, the notes and the visits' notes in clear: with break-glass or
     * as the responsible worker, with a reason, audited before the answer leaves.
     */
    async unmask(ctx: RequestContext, id: string, reasonText: string) {
      const row = await load(db, ctx, id)
      const reason = unmaskReason(reasonText)
      const target = { gridPath: row.grid_path, responsibleUserId: row.responsible_user_id }
      if (!mayUnmaskMembership(ctx.actor, target))
        throw forbidden(
          'ledger.unmask_forbidden',
          'Only the responsible worker or a holder of break-glass may',
        )
      const visits = await groupsRepo.visits(db, id)
      const responsible = ctx.actor?.type === 'user' && ctx.actor.id === row.responsible_user_id
      await inTransaction(deps, (tx) =>
        auditUnmask(tx, ctx, {
          subjectType: 'group_membership',
          subjectId: id,
          fields: ['name', 'notes', 'guardianName', 'guardianPhone', 'visits.notes'],
          reason,
          breakGlass: !responsible && mayBreakGlass(ctx.actor, row.grid_path),
        }),
      )
      return {
        membership: view(ctx, row, true),
        visits: visits.map((v) => toVisitView(v, { sealer: visitSealer, open: true })),
      }
    },

    async visits(ctx: RequestContext, id: string) {
      await load(db, ctx, id)
      return (await groupsRepo.visits(db, id)).map((v) => toVisitView(v, { sealer: visitSealer }))
    },

    /** Records a visit by the caller and moves the next due date on from it. */
    async recordVisit(ctx: RequestContext, id: string, body: VisitCreateBody) {
      if (ctx.actor?.type !== 'user')
        throw forbidden('ledger.visitor_required', 'A visit is recorded by a user')
      const visitorId = ctx.actor.id
      const now = clock()
      const visitedAt = body.visitedAt ? new Date(body.visitedAt) : now
      if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
        throw badRequest('ledger.visit_in_future', 'A visit cannot be recorded before it takes place')
      const hash = body.id ? requestHash(id, body) : null
      if (body.id && hash) {
        const earlier = await replayedVisit(ctx, id, body.id, hash)
        if (earlier) return earlier
      }
      const visitId = body.id ?? uuidv7()
      await inTransaction(deps, async (tx) => {
        const row = await loadForChange(tx, ctx, id)
        // By the visit's own day: a visit made on the last day and sent from a phone later still counts.
        if (row.ends_on !== null && row.ends_on < chinaDay(visitedAt))
          throw conflict('ledger.membership_ended', 'The membership had ended by the visit')
        if (chinaDay(visitedAt) < row.starts_on)
          throw badRequest('ledger.visit_before_start', 'The visit is before the membership starts')
        await groupsRepo.insertVisit(tx, {
          id: visitId,
          membershipId: id,
          visitorId,
          visitedAt,
          place: body.place ?? null,
          outcome: body.outcome,
          notesSealed: visitSealer.seal('notes_sealed', visitId, body.notes),
          requestHash: hash,
        })
        const due = nextVisitDue(
          {
            groupCode: row.group_code,
            attention: row.attention,
            startsOn: row.starts_on,
            endsOn: row.ends_on,
          },
          await groupsRepo.lastVisitDay(tx, id),
          await rules(tx),
        )
        await groupsRepo.setDue(tx, id, due)
        await recordAudit(tx, ctx, {
          action: 'group_visit.record',
          resourceType: 'group_membership',
          resourceId: id,
          summary: { visitId, outcome: body.outcome, visitedAt: visitedAt.toISOString(), nextVisitDue: due },
        })
      })
      const visit = await groupsRepo.findVisit(db, visitId)
      if (!visit) throw new Error('the visit just written is missing')
      return {
        visit: toVisitView(visit, { sealer: visitSealer }),
        membership: view(ctx, await load(db, ctx, id)),
        replayed: false,
      }
    },

    /**
     * The visits due by the end of a week (overdue ones first): a grid worker's own memberships, or a
     * chief's whole subtree, across all groups.
     */
    async due(ctx: RequestContext, weekDay?: string) {
      const day = today()
      const week = weekOf(weekDay ?? day)
      const reach = dueReach(ctx.actor)
      const f = filterOf(ctx, {
        dueBy: week.to,
        ...(reach === 'mine'
          ? { responsibleUserId: ctx.actor?.id ?? '00000000-0000-0000-0000-000000000000' }
          : {}),
      })
      const rows = f.within?.length === 0 || ctx.actor?.type !== 'user' ? [] : await groupsRepo.due(db, f)
      const items = rows.map((r) => view(ctx, r))
      return { week, reach, overdue: items.filter((i) => i.dueState === 'overdue').length, items }
    },

    /** Open memberships per group under each child of a grid (or each of the reader's top grids), overdue apart. */
    async board(ctx: RequestContext, code?: string) {
      const within = ledgerSubtrees(ctx.actor, 'ledger.special')
      if (within?.length === 0) throw notFound('ledger.board_not_found', 'No special groups to show')
      let grid = code ? await grids.current(ctx, code) : null
      let rows = grid ? await boardRepo.children(db, grid.id) : await boardRepo.tops(db, within)
      // A reader with one subtree (a community's chief) starts at its grids, not at one row of it.
      const [only] = rows
      if (!grid && rows.length === 1 && only?.has_children) {
        grid = { id: only.id, code: only.code, name: only.name, level: only.level, path: only.path }
        rows = await boardRepo.children(db, only.id)
      }
      const counts = await boardRepo.counts(
        db,
        rows.map((r) => r.id),
        within,
        today(),
      )
      const groups = [...new Set(counts.map((c) => c.group_code))].sort()
      return {
        grid: grid ? { code: grid.code, name: grid.name, level: grid.level } : null,
        groups,
        rows: rows.map((r) => {
          const mine = counts.filter((c) => c.code === r.code)
          return {
            code: r.code,
            name: r.name,
            level: r.level,
            hasChildren: r.has_children,
            counts: Object.fromEntries(
              mine.map((c) => [c.group_code, { members: c.members, overdue: c.overdue }]),
            ),
            members: mine.reduce((n, c) => n + c.members, 0),
            overdue: mine.reduce((n, c) => n + c.overdue, 0),
          }
        }),
      }
    },
  }
}

export type GroupsService = ReturnType<typeof createGroupsService>
