import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionDialog, hasDialog } from './ActionDialog'
import { type CaseAction, type CaseView, caseKey, casesKey, type Department } from './cases.api'
import { useCaseName } from './caseText'

/** The buttons in the order of the loop: the next step first, side roads after, notes last. */
const ORDER: readonly CaseAction[] = [
  'accept',
  'dispatch',
  'start',
  'handle',
  'verify',
  'close',
  'self_handle',
  'return',
  'escalate',
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
  'start',
  'handle',
  'verify',
  'close',
  'self_handle',
]
const DANGER: readonly CaseAction[] = ['reject', 'void']

/** A button for each action the server says the reader may take now (`abilities`), each with its dialog. */
interface CaseActionsProps {
  c: CaseView
  departments: Department[]
  /** What the category's filing standard asks as evidence (null while unknown: photos stay optional). */
  evidence: { handle: boolean; verify: boolean } | null
}

export function CaseActions({ c, departments, evidence }: CaseActionsProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const name = useCaseName()
  const queryClient = useQueryClient()
  const [open, setOpen] = useState<CaseAction | null>(null)
  const actions = ORDER.filter((a) => c.abilities.includes(a) && hasDialog(a))
  if (actions.length === 0) return null

  const done = (updated: CaseView) => {
    const action = open
    setOpen(null)
    queryClient.setQueryData(caseKey(c.id), updated)
    void queryClient.invalidateQueries({ queryKey: [...casesKey, 'list'] })
    if (action) void message.success(t('cases.done', { action: name('actions', action) }))
  }
  const conflict = () => {
    setOpen(null)
    void message.warning(t('cases.versionConflict'))
    void queryClient.invalidateQueries({ queryKey: caseKey(c.id) })
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
