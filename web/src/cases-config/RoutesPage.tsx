import { PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { AddRouteModal } from './AddRouteModal'
import { type CaseRoute, deleteRoute, routesKey, useRoutes } from './config.api'

/** 派遣规则: grid subtree × category → department and/or handling level; the deepest rule wins. */
export function RoutesPage() {
  const { t } = useTranslation()
  const localName = useLocalName()
  const formatTime = useFormatTime()
  const routes = useRoutes()
  const [adding, setAdding] = useState(false)
  const remove = useAction((route: CaseRoute) => deleteRoute(route.id), {
    invalidate: [routesKey],
    success: t('caseConfig.routes.deleted'),
  })

  const columns: TableColumnsType<CaseRoute> = [
    {
      key: 'grid',
      title: t('caseConfig.routes.grid'),
      render: (_, r) => (
        <>
          {r.gridCode} {r.gridName}
          {r.gridRetired && (
            <Tag color="default" style={{ marginInlineStart: 8 }}>
              {t('caseConfig.routes.retired')}
            </Tag>
          )}
        </>
      ),
    },
    {
      key: 'category',
      title: t('caseConfig.routes.category'),
      render: (_, r) =>
        r.categoryPrefix === ''
          ? t('caseConfig.routes.everyCategory')
          : `${r.categoryPrefix} ${localName(r.categoryZh ?? '', r.categoryEn ?? '')}`,
    },
    {
      key: 'department',
      title: t('caseConfig.routes.department'),
      render: (_, r) => (r.departmentCode ? `${r.departmentName} (${r.departmentCode})` : '—'),
    },
    {
      key: 'level',
      title: t('caseConfig.routes.level'),
      render: (_, r) => (r.level ? t(`cases.levels.${r.level}`) : '—'),
    },
    { key: 'createdAt', title: t('caseConfig.routes.createdAt'), render: (_, r) => formatTime(r.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, r) => (
        <Popconfirm title={t('caseConfig.routes.deleteConfirm')} onConfirm={() => remove.mutate(r)}>
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <Card
      title={t('menu.routing')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          data-testid="route-add"
        >
          {t('caseConfig.routes.add')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('caseConfig.routes.intro')} />
      <QueryError error={routes.error} />
      <Table<CaseRoute>
        rowKey="id"
        columns={columns}
        dataSource={routes.data}
        loading={routes.isPending}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      {adding && <AddRouteModal onClose={() => setAdding(false)} />}
    </Card>
  )
}
