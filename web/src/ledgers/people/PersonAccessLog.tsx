import { Card, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { useAccessLog } from './people.api'

/** 查看记录: who looked at this person in clear, when and why. */
export function PersonAccessLog({ id }: { id: string }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const log = useAccessLog(id, true)
  const purpose = (p: string) => t(`people.purposes.${p}`, { defaultValue: p })
  return (
    <Card size="small" title={t('people.sections.accessLog')} data-testid="person-access-log">
      <QueryError error={log.error} />
      <List
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('people.none') }}
        renderItem={(e) => (
          <List.Item data-testid="access-entry">
            <Space direction="vertical" size={0}>
              <span>
                <strong>{e.actorName ?? '—'}</strong> · {formatTime(e.at)}{' '}
                <Tag color={e.masked ? 'default' : e.purpose === 'ledger.break_glass' ? 'red' : 'orange'}>
                  {purpose(e.purpose)}
                </Tag>
              </span>
              {e.reason && (
                <Typography.Text type="secondary" data-testid="access-reason">
                  {t('people.reason')}：{e.reason}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}
