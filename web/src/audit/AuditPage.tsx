import { Button, Card, Grid, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../api/types'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { AuditFilterBar } from './AuditFilterBar'
import { AuditSummary } from './AuditSummary'
import { type AuditFilters, useAuditLog } from './audit.api'
import { type AuditNames, useActionName, useLabel } from './auditText'

/** Each page names what its own rows mention; the rows shown are those of every page loaded. */
function mergeNames(pages: AuditNames[]): AuditNames {
  return {
    grids: Object.assign({}, ...pages.map((p) => p.grids)),
    departments: Object.assign({}, ...pages.map((p) => p.departments)),
    roles: Object.assign({}, ...pages.map((p) => p.roles)),
  }
}

export function AuditPage() {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const [filters, setFilters] = useState<AuditFilters>({})
  const log = useAuditLog(filters)
  const entries = log.data?.pages.flatMap((page) => page.items) ?? []

  const actionName = useActionName()
  const label = useLabel()
  const allNames = mergeNames(log.data?.pages.map((page) => page.names) ?? [])

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), width: 160, render: (_, e) => formatTime(e.at) },
    {
      key: 'actor',
      title: t('audit.actor'),
      width: 150,
      render: (_, e) => (
        <>
          {e.actorUser ? `${e.actorUser.displayName} (${e.actorUser.username})` : (e.actorName ?? '—')}
          {e.actorType !== 'user' && <Tag style={{ marginLeft: 4 }}>{label('actorTypes', e.actorType)}</Tag>}
        </>
      ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 170,
      render: (_, e) => (
        <>
          <div>{actionName(e.action) ?? e.action}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.action}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'resource',
      title: t('audit.resource'),
      width: 170,
      render: (_, e) =>
        e.resourceType ? (
          <>
            {label('resourceTypes', e.resourceType)} {e.resourceRef?.name}
            {e.resourceId && (
              <Typography.Text type="secondary" copyable={{ text: e.resourceId }} style={{ fontSize: 12 }}>
                {' '}
                {e.resourceId.slice(-8)}
              </Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      key: 'summary',
      title: t('audit.summary'),
      render: (_, e) => <AuditSummary entry={e} names={allNames} />,
    },
    {
      key: 'ip',
      title: t('audit.ip'),
      width: 120,
      render: (_, e) => e.ip ?? '—',
    },
    {
      key: 'sealed',
      title: t('audit.sealed'),
      width: 80,
      render: (_, e) => (e.sealed ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
  ]

  // On a phone, one column: each row's parts stacked, none cut off or scrolled sideways.
  const compact: TableColumnsType<AuditEntry> = [
    {
      key: 'entry',
      render: (_, e, i) => (
        <div style={{ display: 'grid', gap: 2 }}>
          {columns.map((c) => (
            <div key={String(c.key)}>
              {'render' in c && c.render ? (c.render(undefined, e, i) as ReactNode) : null}
            </div>
          ))}
        </div>
      ),
    },
  ]
  const narrow = !Grid.useBreakpoint().md

  return (
    <Card title={t('menu.audit')}>
      <AuditFilterBar onChange={setFilters} />
      <QueryError error={log.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={narrow ? compact : columns}
        showHeader={!narrow}
        dataSource={entries}
        loading={log.isPending}
        pagination={false}
        scroll={narrow ? undefined : { x: 1100 }}
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
