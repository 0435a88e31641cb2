import { Card, List, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useUnderstaffed } from '../grids/staff.api'

/**
 * 缺员网格: the grids (of the grid level) within the reader's scope with fewer workers than the
 * staffing rule asks — what a street or community chief has to fill first.
 */
export function UnderstaffedCard() {
  const { t } = useTranslation()
  const report = useUnderstaffed('grid')
  const grids = report.data?.grids ?? []
  return (
    <Card title={t('staff.understaffed')} size="small" style={{ marginTop: 16 }} data-testid="understaffed">
      <QueryError error={report.error} />
      {report.data && grids.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('staff.understaffedHint', { required: report.data.required })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        loading={report.isPending}
        dataSource={grids}
        locale={{ emptyText: t('staff.understaffedNone') }}
        pagination={grids.length > 10 ? { pageSize: 10, size: 'small' } : false}
        renderItem={(g) => (
          <List.Item>
            <span>
              {g.name} <Typography.Text type="secondary">{g.code}</Typography.Text>
            </span>
            <Tag color={g.workers === 0 ? 'red' : 'orange'}>{t('staff.workers', { count: g.workers })}</Tag>
          </List.Item>
        )}
      />
    </Card>
  )
}
