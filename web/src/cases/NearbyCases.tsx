import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Table, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError } from '../api/client'
import { useFormatTime } from '../common/format'
import { useAction } from '../common/useAction'
import { metres } from './caseLoopText'
import { caseKey, followCase, getCase, type NearbyCase, type Point, useNearby } from './cases.api'
import { useCaseName } from './caseText'

/**
 * Before a case is reported again: the open cases of the same class reported near the point lately,
 * each with "me too" 附议, which follows it (the reader is told when it closes) instead of filing another.
 */
export function NearbyCases({ categoryCode, point }: { categoryCode: string | null; point: Point | null }) {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const nearby = useNearby(categoryCode, point)
  const follow = useAction(
    async (c: NearbyCase) => {
      await followCase(c.id)
      // A reporter may follow a case outside their own scope: open it only if they may read it.
      try {
        await queryClient.fetchQuery({ queryKey: caseKey(c.id), queryFn: () => getCase(c.id) })
        return true
      } catch (error) {
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return false
        throw error
      }
    },
    {
      onSuccess: (readable, c) => {
        if (readable) {
          void message.success(t('cases.nearby.followed', { no: c.no }))
          void navigate(`/cases/${c.id}`)
          return
        }
        modal.success({
          title: t('cases.nearby.followedTitle'),
          content: t('cases.nearby.followedText', { no: c.no }),
          okText: t('cases.back'),
          onOk: () => void navigate('/cases'),
        })
      },
    },
  )

  const items = nearby.data ?? []
  if (items.length === 0) return null
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="case-nearby"
      title={t('cases.nearby.title', { n: items.length })}
      description={
        <Flex vertical gap={8}>
          <span>{t('cases.nearby.help')}</span>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={items}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'no', title: t('cases.no'), dataIndex: 'no' },
              {
                key: 'distance',
                title: t('cases.duplicates.distance'),
                render: (_, c) => metres(c.distanceM),
              },
              {
                key: 'state',
                title: t('cases.state'),
                render: (_, c) => <Tag>{name('states', c.state)}</Tag>,
              },
              { key: 'reportedAt', title: t('cases.reportedAt'), render: (_, c) => formatTime(c.reportedAt) },
              { key: 'followers', title: t('cases.duplicates.followers'), dataIndex: 'followers' },
              {
                key: 'follow',
                title: '',
                render: (_, c) => (
                  <Button
                    size="small"
                    type="primary"
                    loading={follow.isPending && follow.variables?.id === c.id}
                    disabled={follow.isPending}
                    onClick={() => follow.mutate(c)}
                    data-testid={`case-follow-${c.no}`}
                  >
                    {t('cases.nearby.follow')}
                  </Button>
                ),
              },
            ]}
          />
        </Flex>
      }
    />
  )
}
