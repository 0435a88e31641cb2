import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Grid, List, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { DepartmentDrawer } from './DepartmentDrawer'
import { DepartmentFormModal } from './DepartmentFormModal'
import { type Department, useDepartmentAbilities, useDepartmentList } from './departments.api'
import { useKindName } from './useKindName'

type Dialog = { department?: Department } | null

/** 职能部门: the departments, their kinds and the grids they serve; a click opens one. */
export function DepartmentsPage() {
  const { t } = useTranslation()
  const kindName = useKindName()
  const list = useDepartmentList()
  const abilities = useDepartmentAbilities()
  const phone = !Grid.useBreakpoint().md
  const [dialog, setDialog] = useState<Dialog>(null)
  const [openCode, setOpenCode] = useState<string | null>(null)
  const open = list.data?.find((d) => d.code === openCode) ?? null
  const mayCreate = abilities.data?.abilities.includes('create') ?? false

  const columns: TableColumnsType<Department> = [
    { key: 'code', title: t('departments.code'), dataIndex: 'code', width: 140 },
    { key: 'name', title: t('departments.name'), dataIndex: 'name' },
    { key: 'kind', title: t('departments.kind'), render: (_, d) => kindName(d.kind) },
    {
      key: 'phone',
      title: t('departments.contactPhone'),
      render: (_, d) => d.contactPhone ?? '—',
    },
    { key: 'parent', title: t('departments.parent'), render: (_, d) => d.parentCode ?? '—' },
    {
      key: 'grids',
      title: t('departments.grids'),
      render: (_, d) => <Tag>{d.servedGrids.length}</Tag>,
    },
  ]

  return (
    <Card
      title={t('menu.departments')}
      extra={
        mayCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({})}
            data-testid="department-create"
          >
            {t('departments.create')}
          </Button>
        )
      }
    >
      <QueryError error={list.error ?? abilities.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={list.data ?? []}
          locale={{ emptyText: t('departments.none') }}
          renderItem={(d) => (
            <List.Item onClick={() => setOpenCode(d.code)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={d.name}
                description={
                  <Typography.Text type="secondary">
                    {d.code} · {kindName(d.kind)} · {t('departments.grids')} {d.servedGrids.length}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<Department>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.isPending}
          pagination={false}
          locale={{ emptyText: t('departments.none') }}
          onRow={(d) => ({ onClick: () => setOpenCode(d.code), style: { cursor: 'pointer' } })}
          data-testid="department-table"
        />
      )}
      {open && (
        <DepartmentDrawer
          department={open}
          onEdit={() => setDialog({ department: open })}
          onClose={() => setOpenCode(null)}
        />
      )}
      {dialog && (
        <DepartmentFormModal
          department={dialog.department}
          departments={list.data ?? []}
          onSaved={(d) => setOpenCode(d.code)}
          onClose={() => setDialog(null)}
        />
      )}
    </Card>
  )
}
