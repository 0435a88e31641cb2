import type { Executor } from '../../../db/database'
import type { Actor } from '../../../lib/context'
import { uuidv7 } from '../../../lib/ids'
import { recordAudit } from '../../audit/audit.service'
import { codesRepo } from '../codes/codes.repo'
import { mayManageMembership, maySeeMembership } from '../groups/groups.policy'
import { groupsRepo } from '../groups/groups.repo'
import { chinaDay, nextVisitDue } from '../groups/groups.schedule'
import type { MembershipRecord } from '../groups/memberships.fields'
import { type KeptMembership, membershipsImportRepo } from '../groups/memberships.import.repo'
import type { LedgerDeps } from '../ledgers.deps'
import { ledgerSubtrees } from '../ledgers.policy'
import { type PersonRef, peopleLookup } from '../people/people.lookup'
import { tableSealer } from '../privacy/seal'
import type { FieldError } from '../validate/fields'
import type { ImportItem, RowOutcome, SheetWriter } from './imports.writer'

const notOnLedger: FieldError = {
  field: 'idNumber',
  code: 'ledger.person_not_found',
  message: '人口台账中没有此人（或不在您可见的网格内），请先导入该人员',
}
const outOfScope: FieldError = {
  field: 'idNumber',
  code: 'ledger.out_of_scope',
  message: '此人登记在您无权维护的网格，请联系其所在网格',
}
const changedMeanwhile: FieldError = {
  field: 'idNumber',
  code: 'ledger.version_conflict',
  message: '此人的该类列管信息正被他人修改，请稍后重新导入',
}
const groupError = (field: 'groupCode' | 'subKind', message: string): FieldError => ({
  field,
  code: 'ledger.unknown_code',
  message,
})
const workerError = (code: string, message: string): FieldError => ({ field: 'responsible', code, message })

/**
 * Special-group memberships 特殊人群: one per person and group. The person must be on the people ledger
 * where the importer sees special groups (the number is looked up by its blind index, never stored
 * here); a row of a person already in the group updates their open membership (or, none being open,
 * the one that started on the same day) rather than adding one. Checked as the groups screen checks a
 * membership (groups.service.ts): a top-level group and its own sub-kind, a responsible worker who
 * sees special groups in the person's grid, ledger.special and ledger.write there; notes sealed, the
 * next visit scheduled by the same rules, and the module's own audit rows.
 */
export function membershipsWriter(
  deps: Pick<LedgerDeps, 'fields' | 'clock'>,
): SheetWriter<MembershipRecord, ImportItem<MembershipRecord>> {
  const sealer = tableSealer(deps.fields, 'group_memberships')
  const people = peopleLookup(deps.fields)

  /** The kept membership a row is about: the open one, else the one that started that day. */
  function matchOf(kept: readonly KeptMembership[], r: MembershipRecord, person: PersonRef, today: string) {
    const mine = kept.filter((m) => m.person_id === person.id && m.group_code === r.groupCode)
    return (
      mine.find((m) => m.ends_on === null || m.ends_on >= today) ??
      mine.find((m) => m.starts_on === r.startsOn)
    )
  }

  /** The responsible workers named in a batch, as actors with their grants (asked once per name). */
  async function workersOf(ex: Executor, items: readonly ImportItem<MembershipRecord>[]) {
    const names = [...new Set(items.flatMap((i) => (i.record.responsible ? [i.record.responsible] : [])))]
    const users = await membershipsImportRepo.usersByNames(ex, names)
    const workers = new Map<string, { actor: Actor; active: boolean }>()
    for (const [name, user] of users)
      workers.set(name, {
        active: user.active,
        actor: { type: 'user', id: user.id, name: '', grants: await groupsRepo.grantsOf(ex, user.id) },
      })
    return workers
  }

  return {
    prepare: (items) => [...items],
    async write(ex, ctx, items) {
      const today = chinaDay(deps.clock())
      const found = await people.byIdNumbers(
        ex,
        items.map((i) => i.record.idNumber),
        ledgerSubtrees(ctx.actor, 'ledger.special'),
      )
      const groups = new Map((await codesRepo.list(ex, 'special_group')).map((c) => [c.code, c]))
      const workers = await workersOf(ex, items)
      const kept = await membershipsImportRepo.ofPeople(
        ex,
        items.flatMap((i) => {
          const person = found.get(i.record.idNumber)
          return person ? [{ personId: person.id, groupCode: i.record.groupCode }] : []
        }),
      )
      const lastVisits = await membershipsImportRepo.lastVisitDays(
        ex,
        kept.map((m) => m.id),
      )
      const rules = await codesRepo.policies(ex)

      function refusal(r: MembershipRecord, person: PersonRef | undefined, row: KeptMembership | undefined) {
        if (!person) return notOnLedger
        if (!mayManageMembership(ctx.actor, { gridPath: row?.grid_path ?? person.grid_path }))
          return outOfScope
        const group = groups.get(r.groupCode)
        if (!group?.active) return groupError('groupCode', `人群类别“${r.groupCode}”不在代码表中`)
        if (group.parent_code)
          return groupError('groupCode', `“${group.zh}”是人群细类，请填写其所属类别并在“人群细类”中填写它`)
        if (r.subKind && groups.get(r.subKind)?.parent_code !== r.groupCode)
          return groupError(
            'subKind',
            `人群细类“${groups.get(r.subKind)?.zh ?? r.subKind}”不属于“${group.zh}”`,
          )
        if (r.responsible) {
          const worker = workers.get(r.responsible.toLowerCase())
          if (!worker?.active)
            return workerError('ledger.unknown_user', `责任网格员账号“${r.responsible}”不存在或已停用`)
          if (!maySeeMembership(worker.actor, { gridPath: row?.grid_path ?? person.grid_path }))
            return workerError(
              'ledger.responsible_out_of_scope',
              `“${r.responsible}”无权管理此人所在网格的特殊人群，不能担任责任网格员`,
            )
        }
        const endsOn = r.endsOn ?? row?.ends_on
        if (row && endsOn && endsOn < r.startsOn)
          return {
            field: 'startsOn',
            code: 'ledger.invalid_dates',
            message: '列管日期不能晚于已登记的解除日期',
          }
        return null
      }

      const outcomes: RowOutcome[] = []
      for (const { record: r } of items) {
        const person = found.get(r.idNumber)
        const row = person && matchOf(kept, r, person, today)
        const refused = refusal(r, person, row)
        if (refused || !person) {
          outcomes.push(refused ?? notOnLedger)
          continue
        }
        const responsibleUserId = r.responsible
          ? (workers.get(r.responsible.toLowerCase())?.actor.id ?? null)
          : null
        if (row) {
          const attention = r.attention ?? row.attention
          const endsOn = r.endsOn ?? row.ends_on
          const nextDue = nextVisitDue(
            { groupCode: row.group_code, attention, startsOn: r.startsOn, endsOn },
            lastVisits.get(row.id) ?? null,
            rules,
          )
          const written = await groupsRepo.update(ex, row.id, row.version, {
            subKind: r.subKind ?? undefined,
            attention,
            startsOn: r.startsOn,
            endsOn,
            responsibleUserId: responsibleUserId ?? undefined,
            notesSealed: r.notes ? sealer.seal('notes_sealed', row.id, r.notes) : undefined,
            nextVisitDue: nextDue,
          })
          if (!written) {
            outcomes.push(changedMeanwhile)
            continue
          }
          await recordAudit(ex, ctx, {
            action: 'group_membership.update',
            resourceType: 'group_membership',
            resourceId: row.id,
            summary: {
              via: 'import',
              fields: Object.entries(r).flatMap(([k, v]) => (v === null || k === 'idNumber' ? [] : [k])),
              before: {
                attention: row.attention,
                responsibleUserId: row.responsible_user_id,
                endsOn: row.ends_on,
              },
              after: { attention, responsibleUserId: responsibleUserId ?? row.responsible_user_id, endsOn },
              nextVisitDue: nextDue,
            },
          })
          outcomes.push('updated')
          continue
        }
        const id = uuidv7()
        const membership = {
          groupCode: r.groupCode,
          attention: r.attention ?? 1,
          startsOn: r.startsOn,
          endsOn: r.endsOn,
        }
        const due = nextVisitDue(membership, null, rules)
        await groupsRepo.insert(ex, {
          id,
          personId: person.id,
          gridId: person.grid_id,
          gridPath: person.grid_path,
          ...membership,
          subKind: r.subKind,
          responsibleUserId,
          details: {},
          notesSealed: sealer.seal('notes_sealed', id, r.notes),
          nextVisitDue: due,
        })
        await recordAudit(ex, ctx, {
          action: 'group_membership.create',
          resourceType: 'group_membership',
          resourceId: id,
          summary: {
            via: 'import',
            personId: person.id,
            groupCode: r.groupCode,
            subKind: r.subKind,
            attention: membership.attention,
            startsOn: r.startsOn,
            responsibleUserId,
            fields: r.notes ? ['notes'] : [],
          },
        })
        outcomes.push('created')
      }
      return outcomes
    },
  }
}
