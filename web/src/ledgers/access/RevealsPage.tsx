import { Button, Card, DatePicker, Flex, List, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { type Reveal, type RevealFilters, useRevealReaders, useReveals } from './access.api'

// RangePicker hands back dayjs days; only their calendar day is needed here.
type Day = { format(template: string): string } | null

/** Where a revealed record opens: the person's profile (a membership's person too), or the organisations. */
const recordHref = (r: Reveal) => (r.personId ? `/ledgers/people/${r.personId}` : '/ledgers/organizations')

/**
 * 查看记录: every unmask and break-glass read of the records of the reader's subtree, newest first,
 * by day range and by reader, fifty at a time.
 */
export function RevealsPage() {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const [filters, setFilters] = useState<RevealFilters>({})
  const reveals = useReveals(filters)
  const readers = useRevealReaders({ from: filters.from, to: filters.to })
  const items = reveals.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Card title={t('reveals.title')} size="small" data-testid="reveals-page">
      <Typography.Paragraph type="secondary">{t('reveals.help')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 8 }}>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          onChange={(days: [Day, Day] | null) =>
            setFilters((f) => ({
              ...f,
              from: days?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: days?.[1]?.format('YYYY-MM-DD') ?? undefined,
            }))
          }
          data-testid="reveals-range"
        />
        <Select<string>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('reveals.anyReader')}
          value={filters.actor}
          onChange={(actor) => setFilters((f) => ({ ...f, actor }))}
          options={(readers.data?.items ?? []).map((r) => ({
            value: r.id,
            label: `${r.name ?? r.id} (${r.count})`,
          }))}
          style={{ minWidth: 200 }}
          data-testid="reveals-reader"
        />
      </Flex>
      <QueryError error={reveals.error} />
      <List
        size="small"
        loading={reveals.isLoading}
        dataSource={items}
        locale={{ emptyText: t('reveals.none') }}
        renderItem={(r) => (
          <List.Item data-testid="reveal-entry">
            <Space direction="vertical" size={0}>
              <span>
                <strong>{r.actorName ?? '—'}</strong> · {formatTime(r.at)}{' '}
                <Tag color={r.purpose === 'ledger.break_glass' ? 'red' : 'orange'}>
                  {t(`reveals.purposes.${r.purpose === 'ledger.break_glass' ? 'breakGlass' : 'unmask'}`)}
                </Tag>
              </span>
              <span>
                {t(`reveals.types.${r.recordType}`, { defaultValue: r.recordType })}{' '}
                {r.label === null ? t('reveals.erased') : <Link to={recordHref(r)}>{r.label}</Link>}
              </span>
              {r.reason && (
                <Typography.Text type="secondary" data-testid="reveal-reason">
                  {t('reveals.reason')}：{r.reason}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      {reveals.hasNextPage && (
        <Button block loading={reveals.isFetchingNextPage} onClick={() => reveals.fetchNextPage()}>
          {t('reveals.more')}
        </Button>
      )}
    </Card>
  )
}
