import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Role } from '../api/types'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { RoleFormModal } from './RoleFormModal'
import { deleteRole, rolesKey, usePermissions, useRoles } from './roles.api'

type Dialog = { role?: Role } | null

export function RolesPage() {
  const { t } = useTranslation()
  const localName = useLocalName()
  const roles = useRoles()
  const permissions = usePermissions()
  const [dialog, setDialog] = useState<Dialog>(null)
  const remove = useAction((role: Role) => deleteRole(role.id), {
    invalidate: [rolesKey],
    success: t('roles.deleted'),
  })

  const permissionName = (key: string) => {
    const permission = permissions.data?.find((p) => p.key === key)
    return permission ? localName(permission.zh, permission.en) : key
  }

  const columns: TableColumnsType<Role> = [
    { key: 'key', title: t('roles.key'), dataIndex: 'key' },
    { key: 'name', title: t('roles.name'), render: (_, role) => localName(role.nameZh, role.nameEn) },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_, role) => (
        <Space size={[0, 4]} wrap>
          {role.permissions.map((key) => (
            <Tag key={key}>{permissionName(key)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'builtin',
      title: t('roles.kind'),
      render: (_, role) =>
        role.builtin ? <Tag color="gold">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, role) =>
        role.builtin ? null : (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDialog({ role })}>
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('roles.deleteConfirm')} onConfirm={() => remove.mutate(role)}>
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ]

  return (
    <Card
      title={t('menu.roles')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({})}
          data-testid="role-create"
        >
          {t('roles.create')}
        </Button>
      }
    >
      <QueryError error={roles.error} />
      <Table<Role>
        rowKey="id"
        columns={columns}
        dataSource={roles.data}
        loading={roles.isPending}
        pagination={false}
      />
      {dialog && <RoleFormModal role={dialog.role} onClose={() => setDialog(null)} />}
    </Card>
  )
}
