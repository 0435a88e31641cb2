import { Card, Flex, List, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { LevelTag, RuleTag } from './WarningTags'
import { byUrgency, COUNTED_RULES, useOpenWarnings, useWarningSummary } from './warnings.api'
import styles from './warnings.module.css'

/** The ticker shows this many lines; 全部 opens the rest. */
const LINES = 6

/**
 * 预警 on the workbench: the open warnings of the reader's areas, red first, newest first; on the
 * big screen, those within the grid it is drilled to.
 */
export function WarningTicker({ grid }: { grid?: string } = {}) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const local = useLocalName()
  const open = useOpenWarnings(true, grid)
  const summary = useWarningSummary(true, grid)
  const items = [...(open.data?.items ?? [])].sort(byUrgency)
  const counts = summary.data?.items ?? []
  const total = counts.reduce((sum, c) => sum + c.count, 0)
  // The counted rules' lines: how many red and yellow, opening the list of that rule.
  const counted = COUNTED_RULES.flatMap((rule) => {
    const of = (level: string) => counts.find((c) => c.rule === rule && c.level === level)?.count ?? 0
    const red = of('red')
    const yellow = of('yellow')
    return red + yellow > 0 ? [{ rule, red, yellow }] : []
  })

  return (
    <Card
      title={
        <Flex gap={8} align="baseline">
          {t('warnings.ticker.title')}
          {total > 0 && (
            <Typography.Text
              type="danger"
              style={{ fontSize: 13, fontWeight: 'normal' }}
              data-testid="ticker-count"
            >
              {t('warnings.ticker.count', { count: total })}
            </Typography.Text>
          )}
        </Flex>
      }
      size="small"
      extra={<Link to="/warnings">{t('warnings.all')}</Link>}
      data-testid="warning-ticker"
    >
      <QueryError error={open.error} />
      {open.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : items.length + counted.length === 0 ? (
        open.data && <Typography.Text type="secondary">{t('warnings.ticker.none')}</Typography.Text>
      ) : (
        <>
          {counted.map((c) => (
            <Link
              key={c.rule}
              to={`/warnings?rule=${c.rule}`}
              className={styles.line}
              data-testid="ticker-counted"
              data-rule={c.rule}
              style={{ padding: '4px 0' }}
            >
              <span className={styles.tags}>
                <LevelTag level={c.red > 0 ? 'red' : 'yellow'} />
                <RuleTag rule={c.rule} />
              </span>
              <span className={styles.title}>
                {t(`warnings.ticker.counted.${c.rule}`, { red: c.red, yellow: c.yellow })}
              </span>
            </Link>
          ))}
          <List
            size="small"
            split={false}
            dataSource={items.slice(0, LINES - counted.length)}
            renderItem={(w) => (
              <List.Item style={{ padding: '4px 0' }}>
                <Link
                  to={`/warnings?id=${w.id}`}
                  className={styles.line}
                  data-testid="ticker-item"
                  data-warning-id={w.id}
                  data-rule={w.rule}
                >
                  <span className={styles.tags}>
                    <LevelTag level={w.level} />
                    <RuleTag rule={w.rule} />
                  </span>
                  <span className={styles.title}>{local(w.title.zh, w.title.en)}</span>
                  <span className={styles.time}>{formatTime(w.raisedAt)}</span>
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  )
}
