import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CASE_ACTIONS } from '../src/modules/cases/cases.states'
import { auditEnUS } from '../web/src/audit/audit.en-US'
import { auditZhCN } from '../web/src/audit/audit.zh-CN'
import { AUDIT_ACTIONS } from '../web/src/audit/auditActions'
import { casesEnUS } from '../web/src/cases/cases.en-US'
import { casesZhCN } from '../web/src/cases/cases.zh-CN'

// The audit page shows each action by its name: an action the server writes without a name on the
// page, or missing from the page's filter, fails here and names itself.

const modules = join(import.meta.dirname, '../src/modules')

/** Every `action: '<module>.<verb>'` the server's code writes (tests excluded), and the loop's steps. */
function writtenActions(): string[] {
  const found = new Set<string>()
  for (const file of readdirSync(modules, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.includes('.test.')) continue
    const text = readFileSync(join(modules, file), 'utf8')
    for (const m of text.matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) if (m[1]) found.add(m[1])
  }
  for (const step of CASE_ACTIONS) found.add(`case.${step}`)
  return [...found].sort()
}

type Words = Record<string, Record<string, string>>

function hasName(action: string, audit: Words, cases: Record<string, string>) {
  const [module = '', verb = ''] = action.split('.')
  return Boolean(audit[module]?.[verb]) || (module === 'case' && Boolean(cases[verb]))
}

describe('the audit log names every action', () => {
  const actions = writtenActions()

  it('finds the actions the code writes', () => {
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'role.grant', 'case.dispatch', 'grid.split']),
    )
  })

  it.each([
    ['zh-CN', auditZhCN.audit.actions as Words, casesZhCN.cases.actions as Record<string, string>],
    ['en-US', auditEnUS.audit.actions as Words, casesEnUS.cases.actions as Record<string, string>],
  ])('in %s', (_lang, audit, cases) => {
    expect(actions.filter((action) => !hasName(action, audit, cases))).toEqual([])
  })

  it("offers every action the code writes in the page's filter, except the loop's lesser steps", () => {
    const offered = new Set<string>(AUDIT_ACTIONS)
    const missing = actions.filter((a) => !offered.has(a) && !a.startsWith('case.') && !a.startsWith('test.'))
    expect(missing).toEqual([])
  })
})
