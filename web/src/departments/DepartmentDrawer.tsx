import { EditOutlined } from '@ant-design/icons'
import { Button, Descriptions, Drawer, Flex, Grid, List, Popconfirm, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GridTreePicker } from '../common/GridTreePicker'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import {
  type Department,
  departmentsKey,
  serveGrid,
  unserveGrid,
  useDepartmentStaff,
} from './departments.api'
import { useKindName } from './useKindName'

/** One department: its fields, the grids it serves (added from the grid tree, removed) and its staff. */
export function DepartmentDrawer({
  department: d,
  onEdit,
  onClose,
}: {
  department: Department
  onEdit: () => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const kindName = useKindName()
  const phone = !Grid.useBreakpoint().md
  const may = (a: Department['abilities'][number]) => d.abilities.includes(a)
  const [picked, setPicked] = useState<string>()
  const serve = useAction((gridCode: string) => serveGrid(d.code, gridCode), {
    invalidate: [departmentsKey],
    success: t('departments.served'),
    onSuccess: () => setPicked(undefined),
  })
  const unserve = useAction((gridCode: string) => unserveGrid(d.code, gridCode), {
    invalidate: [departmentsKey],
    success: t('departments.unserved'),
  })

  return (
    <Drawer
      open
      title={d.name}
      size={phone ? '100%' : 480}
      onClose={onClose}
      extra={
        may('update') && (
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="department-edit">
            {t('departments.edit')}
          </Button>
        )
      }
      data-testid="department-drawer"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'code', label: t('departments.code'), children: d.code },
          { key: 'kind', label: t('departments.kind'), children: kindName(d.kind) },
          { key: 'phone', label: t('departments.contactPhone'), children: d.contactPhone ?? '—' },
          { key: 'parent', label: t('departments.parent'), children: d.parentCode ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('departments.grids')}
      </Typography.Title>
      {may('serve') && (
        <Flex gap={8} style={{ marginBottom: 8 }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <GridTreePicker
              valueKey="code"
              value={picked}
              onChange={setPicked}
              placeholder={t('departments.pickGrid')}
              testId="department-grid-picker"
            />
          </div>
          <Button
            type="primary"
            disabled={!picked}
            loading={serve.isPending}
            onClick={() => picked && serve.mutate(picked)}
            data-testid="department-serve"
          >
            {t('departments.serve')}
          </Button>
        </Flex>
      )}
      <List
        size="small"
        dataSource={d.servedGrids}
        locale={{ emptyText: t('departments.gridsNone') }}
        data-testid="department-grids"
        renderItem={(g) => (
          <List.Item
            actions={
              may('serve')
                ? [
                    <Popconfirm
                      key="unserve"
                      title={t('departments.unserveConfirm', { name: g.name })}
                      onConfirm={() => unserve.mutate(g.code)}
                    >
                      <Button type="link" size="small" danger>
                        {t('departments.unserve')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            {g.name} <Typography.Text type="secondary">{g.code}</Typography.Text>
          </List.Item>
        )}
      />
      {may('staff') && <DepartmentStaff code={d.code} />}
    </Drawer>
  )
}

function DepartmentStaff({ code }: { code: string }) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const staff = useDepartmentStaff(code, true)
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('departments.staff')}
      </Typography.Title>
      <QueryError error={staff.error} />
      <List
        size="small"
        loading={staff.isPending}
        dataSource={staff.data ?? []}
        locale={{ emptyText: t('departments.staffNone') }}
        renderItem={(s) => (
          <List.Item>
            {s.displayName} <Typography.Text type="secondary">{s.username}</Typography.Text>{' '}
            <Tag>{localName(s.roleZh, s.roleEn)}</Tag>
            {!s.active && <Tag color="red">{t('departments.inactive')}</Tag>}
          </List.Item>
        )}
      />
    </>
  )
}
