import { Card, Flex, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { MetTag, WeekStrip, weekTally } from '../patrols/ComplianceTags'
import { chinaToday, useCompliance } from '../patrols/patrols.api'
import { percent } from '../patrols/patrolText'

/** 我的巡查: today's patrols and time in the grid against the rules, and the week so far. */
export function PatrolCard() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const can = useCan()
  const compliance = useCompliance(me.id, chinaToday())
  const day = compliance.data?.day
  const week = compliance.data?.week

  return (
    <Card
      title={t('home.patrol.title')}
      size="small"
      style={{ height: '100%' }}
      // The worker's own week is a page of 巡查考勤, for those who read it.
      extra={can('patrol.read') && <Link to={`/patrols/workers/${me.id}`}>{t('home.more')}</Link>}
      data-testid="my-patrol"
    >
      <QueryError error={compliance.error} />
      {compliance.isPending && <Skeleton active title={false} paragraph={{ rows: 3 }} />}
      {day && week && (
        <Flex vertical gap={10}>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('home.patrol.today')}</Typography.Text>
            <MetTag day={day} testId="my-patrol-day" />
          </Flex>
          <Typography.Text>
            {t('home.patrol.patrols', { count: day.patrols })}
            <Typography.Text type="secondary">
              {' · '}
              {t('patrols.atLeast', { count: day.rules.minPatrolsPerDay })}
            </Typography.Text>
          </Typography.Text>
          <Typography.Text>
            {t('home.patrol.inGrid', { share: percent(day.inGridShare) })}
            <Typography.Text type="secondary">
              {' · '}
              {t('patrols.shareRule', { share: percent(day.rules.minInGridShare) })}
            </Typography.Text>
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text strong>{t('patrols.week')}</Typography.Text>
            <WeekStrip days={week.days} />
          </Flex>
          <Typography.Text type="secondary" data-testid="my-patrol-week">
            {t('patrols.weekTally', weekTally(week.days))}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  )
}
