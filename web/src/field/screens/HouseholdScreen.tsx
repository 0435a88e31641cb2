import { CloseOutlined, LeftOutlined } from '@ant-design/icons'
import { Alert, Button, Card, List } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CorrectionForm } from '../corrections/CorrectionForm'
import { CorrectionList } from '../corrections/CorrectionList'
import { db, type LedgerCopy } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { useLive } from '../useLive'
import { VisitForm } from '../visits/VisitForm'
import { VisitList } from '../visits/VisitList'
import { type HouseholdView, householdTitle } from './householdView'

/** What the worker is doing on the screen: reading, recording a visit, or correcting the household or a member. */
type Task =
  | { kind: 'read' }
  | { kind: 'visit' }
  | { kind: 'household' }
  | { kind: 'person'; person: LedgerCopy }

/** 住户: one household of my grids from the phone's copy, its members, visits and corrections, all offline. */
export function HouseholdScreen({ id }: { id: string }) {
  const { t } = useTranslation()
  const [task, setTask] = useState<Task>({ kind: 'read' })
  const data = useLive(
    async () => {
      const household = await db.households.get(id)
      const members = (household?.view as HouseholdView | undefined)?.members ?? []
      const people = await db.people.bulkGet(members.map((m) => m.personId))
      return { household, people: people.filter((p): p is LedgerCopy => p !== undefined), loaded: true }
    },
    [id],
    { household: undefined as LedgerCopy | undefined, people: [] as LedgerCopy[], loaded: false },
  )
  const back = (
    <Button type="link" icon={<LeftOutlined />} onClick={() => go('households')} style={{ paddingInline: 0 }}>
      {t('field.household.back')}
    </Button>
  )
  if (!data.loaded) return null
  const household = data.household
  if (!household)
    return (
      <>
        {back}
        <Alert type="warning" showIcon title={t('field.household.notFound')} />
      </>
    )
  const view = household.view as HouseholdView
  const label = householdTitle(household)
  const close = () => setTask({ kind: 'read' })
  const personLabel = (p: LedgerCopy) => String(p.view.name ?? '')

  return (
    <div data-testid="household-screen">
      {back}
      <Card
        size="small"
        className={styles.card}
        title={label}
        extra={view.number ? t('field.household.number', { number: view.number }) : undefined}
      >
        <div className={styles.row} style={{ gap: 8 }}>
          <Button
            type="primary"
            block
            onClick={() => setTask({ kind: 'visit' })}
            data-testid="household-visit"
          >
            {t('field.household.visit')}
          </Button>
          <Button block onClick={() => setTask({ kind: 'household' })} data-testid="household-correct">
            {t('field.correction.household')}
          </Button>
        </div>
      </Card>

      {task.kind !== 'read' && (
        <Card
          size="small"
          className={styles.card}
          title={
            task.kind === 'visit'
              ? t('field.visit.title')
              : task.kind === 'household'
                ? t('field.correction.household')
                : t('field.correction.person', { name: personLabel(task.person) })
          }
          extra={<Button type="text" icon={<CloseOutlined />} onClick={close} aria-label="close" />}
        >
          {task.kind === 'visit' && (
            <VisitForm kind="household" targetId={household.id} label={label} onDone={close} />
          )}
          {task.kind === 'household' && (
            <CorrectionForm kind="household" copy={household} label={label} onDone={close} />
          )}
          {task.kind === 'person' && (
            <CorrectionForm
              kind="person"
              copy={task.person}
              label={personLabel(task.person)}
              onDone={close}
            />
          )}
        </Card>
      )}

      <Card size="small" className={styles.card} title={t('field.household.members')}>
        <List
          size="small"
          dataSource={view.members ?? []}
          renderItem={(m) => {
            const person = data.people.find((p) => p.id === m.personId)
            return (
              <List.Item key={m.personId} data-testid="member-row">
                <List.Item.Meta
                  title={`${m.name}${m.personId === view.headPersonId ? ` · ${t('field.household.head')}` : ''}`}
                  description={String(person?.view.phone ?? '')}
                />
                {person && (
                  <Button size="small" onClick={() => setTask({ kind: 'person', person })}>
                    {t('field.household.correct')}
                  </Button>
                )}
              </List.Item>
            )
          }}
        />
      </Card>

      <Card size="small" className={styles.card}>
        <VisitList targetId={household.id} />
        <CorrectionList targetIds={[household.id, ...(view.members ?? []).map((m) => m.personId)]} />
        <Button type="link" onClick={() => go('report')} style={{ paddingInline: 0 }}>
          {t('field.visit.followUp')}
        </Button>
      </Card>
    </div>
  )
}
