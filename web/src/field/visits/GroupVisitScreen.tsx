import { LeftOutlined } from '@ant-design/icons'
import { Alert, Button, Card } from 'antd'
import { useTranslation } from 'react-i18next'
import { cached } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { useLive } from '../useLive'
import { VisitForm } from './VisitForm'
import { VisitList } from './VisitList'

interface DueMember {
  id: string
  person: { name: string }
  grid: { name: string }
  groupCode: string
  nextVisitDue: string | null
}

/** 重点人员走访: a visit to a special group's member from this week's due list (kept for offline use). */
export function GroupVisitScreen({ membershipId }: { membershipId: string }) {
  const { t } = useTranslation()
  const member = useLive(
    async () => ({
      found: (await cached<{ items?: DueMember[] }>('visits'))?.value.items?.find(
        (m) => m.id === membershipId,
      ),
      loaded: true,
    }),
    [membershipId],
    { found: undefined as DueMember | undefined, loaded: false },
  )
  const back = (
    <Button type="link" icon={<LeftOutlined />} onClick={() => go('today')} style={{ paddingInline: 0 }}>
      {t('field.nav.today')}
    </Button>
  )
  if (!member.loaded) return null
  const m = member.found
  return (
    <div data-testid="group-visit-screen">
      {back}
      {m ? (
        <>
          <Card
            size="small"
            className={styles.card}
            title={`${t('field.visit.member')} · ${m.person.name}`}
            extra={<span className={styles.muted}>{m.grid.name}</span>}
          >
            <VisitForm kind="group" targetId={m.id} label={m.person.name} onDone={() => go('today')} />
          </Card>
          <Card size="small" className={styles.card}>
            <VisitList targetId={m.id} />
          </Card>
        </>
      ) : (
        <Alert type="warning" showIcon title={t('field.visit.notFound')} />
      )}
    </div>
  )
}
