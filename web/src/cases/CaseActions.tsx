import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/types'
import { useCurrentUser } from '../auth/auth.api'
import { ActionDialog, hasDialog } from './ActionDialog'
import {
  attachmentsKey,
  type CaseAction,
  type CaseView,
  caseKey,
  casesKey,
  type Department,
} from './cases.api'
import { useCaseName } from './caseText'

/** The buttons in the order of the loop: the next step first, side roads after, notes last. */
const ORDER: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'whistle',
  'report_in',
  'start',
  'handle',
  'verify',
  'close',
  'self_handle',
  'decide_extension',
  'extend',
  'return',
  'escalate',
  'supervise',
  'suspend',
  'resume',
  'reopen',
  'reject',
  'merge',
  'void',
  'comment',
  'revisit',
  'rate',
]
const MAIN: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'report_in',
  'start',
  'handle',
  'verify',
  'close',
  'self_handle',
  'decide_extension',
]
const DANGER: readonly CaseAction[] = ['reject', 'void']

/** The reader's departments where they may handle cases: those that report in 报到. */
const handlingDepartments = (me: Me) =>
  new Set(
    me.grants
      .filter((g) => g.permissions.includes('case.handle') || g.permissions.includes('*'))
      .flatMap((g) => (g.scope.type === 'department' ? [g.scope.id] : [])),
  )

/**
 * Whether the action would work now. `abilities` says what state and scope allow; a few actions also
 * depend on the case's side tables, which would otherwise answer 409: one extension request at a time,
 * a decision only on a pending one, a report-in once per summoned department.
 */
function applies(action: CaseAction, c: CaseView, me: Me, departments: Department[]) {
  if (action === 'extend') return c.pendingExtension === null
  if (action === 'decide_extension') return c.pendingExtension !== null
  if (action === 'report_in') {
    const mine = handlingDepartments(me)
    const codes = new Set(departments.filter((d) => mine.has(d.id)).map((d) => d.code))
    return c.participants.some((p) => p.reportedAt === null && codes.has(p.code))
  }
  return true
}

/** What follows an action, from a dialog or elsewhere on the page: the case as it is now, or the conflict. */
export function useActed(c: CaseView) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const name = useCaseName()
  const queryClient = useQueryClient()
  return {
    done: (action: CaseAction, updated: CaseView) => {
      queryClient.setQueryData(caseKey(c.id), updated)
      void queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] })
      // Photos may have come with the action.
      void queryClient.invalidateQueries({ queryKey: attachmentsKey(c.id) })
      void message.success(t('cases.done', { action: name('actions', action) }))
    },
    conflict: () => {
      void message.warning(t('cases.versionConflict'))
      void queryClient.invalidateQueries({ queryKey: caseKey(c.id) })
    },
  }
}

/** A button for each action the server says the reader may take now (`abilities`), each with its dialog. */
interface CaseActionsProps {
  c: CaseView
  departments: Department[]
  /** What the category's filing standard asks as evidence (null while unknown: photos stay optional). */
  evidence: { handle: boolean; verify: boolean } | null
}

export function CaseActions({ c, departments, evidence }: CaseActionsProps) {
  const me = useCurrentUser()
  const name = useCaseName()
  const acted = useActed(c)
  const [open, setOpen] = useState<CaseAction | null>(null)
  const actions = ORDER.filter(
    (a) => c.abilities.includes(a) && hasDialog(a) && applies(a, c, me, departments),
  )
  if (actions.length === 0) return null

  const done = (updated: CaseView) => {
    const action = open
    setOpen(null)
    if (action) acted.done(action, updated)
  }
  const conflict = () => {
    setOpen(null)
    acted.conflict()
  }

  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={MAIN.includes(action) ? 'primary' : 'default'}
            danger={DANGER.includes(action)}
            onClick={() => setOpen(action)}
            data-testid={`case-action-${action}`}
          >
            {name('actions', action)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          c={c}
          action={open}
          departments={departments}
          photoRequired={!!(open === 'verify' ? evidence?.verify : evidence?.handle)}
          onDone={done}
          onConflict={conflict}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  )
}
