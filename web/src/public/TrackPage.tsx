import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Flex, Rate, Result, Spin, Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { ApiError } from '../api/client'
import { useFormatTime } from '../common/format'
import { useLocalName } from '../i18n'
import { type PublicCase, publicCaseKey, trackCase } from './public.api'
import { RatingForm } from './RatingForm'
import { TrackPhotos } from './TrackPhotos'
import { usePublicErrorText } from './usePublicErrorText'

const STATE_COLORS: Partial<Record<PublicCase['state'], string>> = {
  reported: 'blue',
  accepted: 'cyan',
  dispatched: 'geekblue',
  in_progress: 'processing',
  handled: 'purple',
  verified: 'purple',
  reopened: 'orange',
  suspended: 'gold',
  closed: 'success',
  rejected: 'default',
  merged: 'default',
  voided: 'default',
}

/** The tracking page: the token comes in the URL's fragment, which the browser never sends anywhere. */
export function TrackPage() {
  const { t } = useTranslation()
  const { no = '' } = useParams()
  const token = decodeURIComponent(useLocation().hash.replace(/^#/, ''))
  const errorText = usePublicErrorText()
  const queryClient = useQueryClient()
  const tracked = useQuery({
    queryKey: [...publicCaseKey(no), token],
    queryFn: () => trackCase(no, token),
    enabled: token !== '',
    retry: false,
  })

  const reportNew = (
    <Link to="/report">
      <Button>{t('public.track.reportNew')}</Button>
    </Link>
  )
  if (!token) return <Result status="warning" title={t('public.track.noToken')} extra={reportNew} />
  if (tracked.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />
  if (tracked.isError) {
    const notFound = tracked.error instanceof ApiError && tracked.error.status === 404
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('public.track.notFound') : errorText(tracked.error)}
        extra={
          notFound ? reportNew : <Button onClick={() => void tracked.refetch()}>{t('common.retry')}</Button>
        }
      />
    )
  }
  return (
    <CaseProgress
      c={tracked.data}
      token={token}
      onRated={(c) => queryClient.setQueryData([...publicCaseKey(no), token], c)}
    />
  )
}

function CaseProgress({
  c,
  token,
  onRated,
}: {
  c: PublicCase
  token: string
  onRated: (c: PublicCase) => void
}) {
  const { t } = useTranslation()
  const name = useLocalName()
  const formatDateTime = useFormatTime()
  // "Handled · Handled" says it twice: the state is named only when it adds something.
  const stepTitle = (step: PublicCase['timeline'][number]) => {
    const action = name(step.actionName.zh, step.actionName.en)
    const state = name(step.toName.zh, step.toName.en)
    return action === state ? action : `${action} · ${state}`
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0' }}>
        {t('public.track.title')}
      </Typography.Title>
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'no', label: t('public.track.no'), children: <span data-testid="track-no">{c.no}</span> },
            {
              key: 'state',
              label: t('public.track.state'),
              children: (
                <Tag color={STATE_COLORS[c.state]} data-testid="track-state">
                  {name(c.stateName.zh, c.stateName.en)}
                </Tag>
              ),
            },
            {
              key: 'category',
              label: t('public.track.category'),
              children: name(c.category.zh, c.category.en),
            },
            {
              key: 'reportedAt',
              label: t('public.track.reportedAt'),
              children: formatDateTime(c.reportedAt),
            },
            ...(c.address ? [{ key: 'address', label: t('public.track.address'), children: c.address }] : []),
          ]}
        />
      </Card>

      <TrackPhotos c={c} token={token} />

      <Card size="small" title={t('public.track.timeline')}>
        <Timeline
          data-testid="track-timeline"
          items={c.timeline.map((step, i) => ({
            key: `${step.at}-${i}`,
            color: i === c.timeline.length - 1 ? 'blue' : 'gray',
            content: (
              <Flex vertical gap={2}>
                <Typography.Text strong>{stepTitle(step)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(step.at)} ·{' '}
                  {step.by === 'resident' ? t('public.track.resident') : t('public.track.staff')}
                </Typography.Text>
                {step.publicText && <Typography.Text>{step.publicText}</Typography.Text>}
              </Flex>
            ),
          }))}
        />
      </Card>

      {c.rating !== null && !c.canRate && (
        <Card size="small" title={t('public.rating.yours')}>
          <Rate disabled value={c.rating} />
          {c.ratingText && (
            <Typography.Paragraph style={{ margin: '8px 0 0' }}>{c.ratingText}</Typography.Paragraph>
          )}
          {c.state === 'reopened' && (
            <Alert type="info" showIcon title={t('public.rating.reopened')} style={{ marginTop: 8 }} />
          )}
        </Card>
      )}
      {c.canRate && <RatingForm c={c} token={token} onRated={onRated} />}
    </Flex>
  )
}
