import type { Executor } from '../../../db/database'
import type { RequestContext } from '../../../lib/context'
import { badRequest, conflict, forbidden, notFound } from '../../../lib/problem'
import { inTransaction } from '../../../lib/service'
import { recordAudit } from '../../audit/audit.service'
import type { LedgerDeps } from '../ledgers.deps'
import { mayConfigureLedgers } from '../ledgers.policy'
import { type CodeRow, codesRepo } from './codes.repo'
import type { LedgerCodeCreateBody, LedgerCodeUpdateBody, LedgerCodeView, VisitPolicy } from './codes.schema'

const TABLES = '_tables'

export const toCodeView = (r: CodeRow): LedgerCodeView => ({
  table: r.code_table,
  code: r.code,
  zh: r.zh,
  en: r.en,
  parentCode: r.parent_code,
  sort: r.sort,
  active: r.active,
  shipped: r.shipped,
})

export const unknownCode = (table: string, code: string) =>
  badRequest('ledger.unknown_code', `${code} is not a code of the table ${table}`, { table, value: code })

function mustConfigure(ctx: RequestContext) {
  if (!mayConfigureLedgers(ctx.actor))
    throw forbidden('ledger.configure_forbidden', 'Only a ledger administrator may change code tables')
}

/**
 * The code tables 代码表 as data: every signed-in reader sees them (forms and filters need the words);
 * a ledger administrator adds codes, renames them and deactivates them. Shipped codes stay (records
 * keep pointing at them), so they are deactivated, never removed.
 */
/**
 * What follows a change of the visit policies in the same transaction (the groups move their members'
 * due dates): given by the plugin, so the code tables know nothing of the groups. Answers how many moved.
 */
export type PoliciesReplaced = (tx: Executor, policies: readonly VisitPolicy[]) => Promise<number>

export function createCodesService(deps: LedgerDeps, policiesReplaced: PoliciesReplaced) {
  const { db } = deps

  return {
    async list(table?: string) {
      const rows = await codesRepo.list(db, table)
      const names = new Map(rows.filter((r) => r.code_table === TABLES).map((r) => [r.code, r]))
      const tables = new Map<string, LedgerCodeView[]>()
      for (const r of rows) {
        if (r.code_table === TABLES) continue
        const list = tables.get(r.code_table) ?? []
        list.push(toCodeView(r))
        tables.set(r.code_table, list)
      }
      if (table && !names.has(table)) throw notFound('ledger.code_table_not_found', `No code table ${table}`)
      return [...names.values()]
        .filter((t) => !table || t.code === table)
        .map((t) => ({ table: t.code, zh: t.zh, en: t.en, codes: tables.get(t.code) ?? [] }))
    },

    async create(ctx: RequestContext, body: LedgerCodeCreateBody) {
      mustConfigure(ctx)
      return inTransaction(deps, async (tx) => {
        if (!(await codesRepo.find(tx, TABLES, body.table)))
          throw badRequest('ledger.unknown_code_table', `No code table ${body.table}`, { table: body.table })
        const parent = body.parentCode ?? null
        if (parent && !(await codesRepo.find(tx, body.table, parent))) throw unknownCode(body.table, parent)
        const row = {
          code_table: body.table,
          code: body.code,
          zh: body.zh,
          en: body.en,
          parent_code: parent,
          sort: body.sort ?? (await codesRepo.nextSort(tx, body.table)),
        }
        if (!(await codesRepo.insert(tx, row)))
          throw conflict('ledger.code_exists', `${body.code} is already a code of ${body.table}`)
        await recordAudit(tx, ctx, {
          action: 'ledger_code.create',
          resourceType: 'ledger_code',
          resourceId: `${body.table}.${body.code}`,
          summary: { table: body.table, code: body.code, zh: body.zh, en: body.en, parentCode: parent },
        })
        return toCodeView({ ...row, active: true, shipped: false })
      })
    },

    async update(ctx: RequestContext, table: string, code: string, body: LedgerCodeUpdateBody) {
      mustConfigure(ctx)
      return inTransaction(deps, async (tx) => {
        const before = await codesRepo.find(tx, table, code)
        if (!before) throw notFound('ledger.code_not_found', `No code ${code} in ${table}`)
        await codesRepo.update(tx, table, code, body)
        await recordAudit(tx, ctx, {
          action: 'ledger_code.update',
          resourceType: 'ledger_code',
          resourceId: `${table}.${code}`,
          summary: {
            before: Object.fromEntries(Object.keys(body).map((k) => [k, before[k as keyof CodeRow]])),
            after: body,
          },
        })
        const after = await codesRepo.find(tx, table, code)
        if (!after) throw new Error('the code just written is missing')
        return toCodeView(after)
      })
    },

    async policies() {
      return { policies: await codesRepo.policies(db) }
    },

    /**
     * Replaces the visit policies as a whole and moves every open membership's next due date to the
     * new rules, in one transaction.
     */
    async replacePolicies(ctx: RequestContext, policies: readonly VisitPolicy[]) {
      mustConfigure(ctx)
      const seen = new Set<string>()
      for (const p of policies) {
        const key = `${p.groupCode}/${p.minAttention}`
        if (seen.has(key))
          throw badRequest(
            'ledger.duplicate_policy',
            `Two rules for ${p.groupCode} from level ${p.minAttention}`,
            {
              groupCode: p.groupCode,
              minAttention: p.minAttention,
            },
          )
        seen.add(key)
      }
      return inTransaction(deps, async (tx) => {
        const groups = new Set(
          (await codesRepo.list(tx, 'special_group'))
            .filter((r) => r.code_table === 'special_group')
            .map((r) => r.code),
        )
        const unknown = policies.find((p) => !groups.has(p.groupCode))
        if (unknown) throw unknownCode('special_group', unknown.groupCode)
        const before = await codesRepo.policies(tx)
        await codesRepo.replacePolicies(tx, policies)
        const moved = await policiesReplaced(tx, policies)
        await recordAudit(tx, ctx, {
          action: 'visit_policy.replace',
          resourceType: 'visit_policy',
          summary: { before, after: policies, rescheduled: moved },
        })
        return { policies: await codesRepo.policies(tx) }
      })
    },
  }
}

export type CodesService = ReturnType<typeof createCodesService>
