import { Card, Col, Empty, Row, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCurrentUser } from '../auth/auth.api'
import type { CaseQueue } from '../cases/cases.api'
import { paramsOf } from '../cases/inbox/inboxQuery'
import { QueryError } from '../common/QueryError'
import { queuesFor, useWorkbenchCounts } from './home.api'
import styles from './home.module.css'
import { useWaitedText } from './waited'

const LATE: readonly CaseQueue[] = ['overdue', 'supervised', 'no_handler']

/** 待办: a tile per non-empty queue of the case list, with how long its oldest case has waited. */
export function TodoCard() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const counts = useWorkbenchCounts(true)
  const waited = useWaitedText()
  const now = new Date(counts.dataUpdatedAt || Date.now())
  const data = counts.data
  const queues = data ? queuesFor(me).filter((q) => data[q] > 0) : []

  return (
    <Card title={t('home.todo.title')} size="small" data-testid="todo">
      <QueryError error={counts.error} />
      {counts.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : data && queues.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} />
      ) : (
        <Row gutter={[12, 12]}>
          {queues.map((queue) => {
            const oldest = data?.oldest[queue]
            return (
              <Col key={queue} xs={12} sm={8} md={6} xl={8} xxl={6}>
                <Link
                  to={`/cases?${new URLSearchParams(paramsOf(queue, {}))}`}
                  className={styles.tile}
                  data-testid={`todo-${queue}`}
                >
                  <div className={styles.label}>{t(`cases.queues.${queue}`)}</div>
                  <div
                    className={`${styles.count} ${LATE.includes(queue) ? styles.late : ''}`}
                    data-testid={`todo-count-${queue}`}
                  >
                    {data?.[queue]}
                  </div>
                  {oldest && <div className={styles.hint}>{waited(oldest, now)}</div>}
                </Link>
              </Col>
            )
          })}
        </Row>
      )}
    </Card>
  )
}
