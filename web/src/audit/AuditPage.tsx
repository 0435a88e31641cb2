import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../api/types'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { AuditFilterBar } from './AuditFilterBar'
import { type AuditNames, AuditSummary } from './AuditSummary'
import { type AuditFilters, useAuditLog } from './audit.api'

export function AuditPage() {
  const { t, i18n } = useTranslation()
  const formatTime = useFormatTime()
  const [filters, setFilters] = useState<AuditFilters>({})
  const log = useAuditLog(filters)
  const entries = log.data?.pages.flatMap((page) => page.items) ?? []
  const names: AuditNames = { grids: {}, departments: {}, roles: {} }
  for (const page of log.data?.pages ?? []) {
    Object.assign(names.grids, page.names.grids)
    Object.assign(names.departments, page.names.departments)
    Object.assign(names.roles, page.names.roles)
  }

  const actionName = (action: string) => {
    const key = `audit.actions.${action}`
    return i18n.exists(key) ? t(key) : null
  }

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_, e) => formatTime(e.at) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => (
        <>
          {e.actorUser
            ? `${e.actorUser.displayName} (${e.actorUser.username})`
            : (e.actorName ?? e.actorId ?? '—')}
          {e.actorType !== 'user' && <Tag style={{ marginLeft: 4 }}>{e.actorType}</Tag>}
        </>
      ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 190,
      render: (_, e) => (
        <>
          <Typography.Text code>{e.action}</Typography.Text> {actionName(e.action)}
        </>
      ),
    },
    {
      key: 'resource',
      title: t('audit.resource'),
      render: (_, e) => (
        <>
          {e.resourceType}
          {e.resourceId && (
            <Typography.Text type="secondary" copyable={{ text: e.resourceId }}>
              {' '}
              {e.resourceId.slice(0, 8)}
            </Typography.Text>
          )}
        </>
      ),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      width: 130,
      // The first characters tell rows apart; the whole id is copied for the access log.
      render: (id: string | null) =>
        id ? <Typography.Text copyable={{ text: id }}>{id.slice(0, 8)}</Typography.Text> : '—',
    },
    {
      key: 'sealed',
      title: t('audit.sealed'),
      render: (_, e) => (e.sealed ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
    {
      key: 'summary',
      title: t('audit.summary'),
      width: 320,
      render: (_, e) => <AuditSummary summary={e.summary} names={names} />,
    },
  ]

  return (
    <Card title={t('menu.audit')}>
      <AuditFilterBar onChange={setFilters} />
      <QueryError error={log.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entries}
        loading={log.isPending}
        pagination={false}
        scroll={{ x: 1280 }}
        data-testid="audit-table"
      />
      {log.hasNextPage && (
        <Button
          block
          style={{ marginTop: 16 }}
          loading={log.isFetchingNextPage}
          onClick={() => void log.fetchNextPage()}
          data-testid="audit-more"
        >
          {t('audit.loadMore')}
        </Button>
      )}
    </Card>
  )
}
