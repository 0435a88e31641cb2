import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Input, Select, Space, Table } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grant, User, UserStatus } from '../api/types'
import { useCan } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { CreateUserModal } from './CreateUserModal'
import { GrantRoleModal } from './GrantRoleModal'
import { ResetPasswordModal } from './ResetPasswordModal'
import { removeGrant, type UserQuery, usersKey, useUsers } from './users.api'
import { useUserColumns } from './useUserColumns'

type Dialog = { kind: 'create' } | { kind: 'grant'; user: User } | { kind: 'reset'; user: User } | null

export function UsersPage() {
  const { t } = useTranslation()
  const { modal } = App.useApp()
  const can = useCan()
  const [query, setQuery] = useState<UserQuery>({ q: '', limit: 20, offset: 0 })
  const [dialog, setDialog] = useState<Dialog>(null)
  const users = useUsers(query)
  const revoke = useAction(
    (target: { user: User; grant: Grant }) => removeGrant(target.user.id, target.grant.id),
    {
      invalidate: [usersKey],
      success: t('users.grantRemoved'),
    },
  )

  const confirmRemove = (user: User, grant: Grant) =>
    modal.confirm({
      title: t('users.removeGrantConfirm', { name: user.displayName }),
      // A failure is toasted by useAction; the dialog need not stay open for it.
      onOk: () => revoke.mutate({ user, grant }),
    })

  const columns = useUserColumns({
    // 三员分立: the system administrator manages accounts, the security administrator grants roles.
    manage:
      can('user.manage') || can('grant.manage')
        ? {
            onGrant: (user) => setDialog({ kind: 'grant', user }),
            onResetPassword: can('user.manage') ? (user) => setDialog({ kind: 'reset', user }) : undefined,
            onRemoveGrant: confirmRemove,
          }
        : undefined,
  })

  const close = () => setDialog(null)
  return (
    <Card
      title={t('menu.users')}
      extra={
        can('user.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="user-create"
          >
            {t('users.create')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={(q) => setQuery((prev) => ({ ...prev, q, offset: 0 }))}
          style={{ width: 280 }}
          data-testid="user-search"
        />
        <Select<UserStatus | undefined>
          allowClear
          placeholder={t('users.statusFilter')}
          style={{ width: 140 }}
          options={[
            { value: 'active', label: t('users.active') },
            { value: 'disabled', label: t('users.disabledStatus') },
          ]}
          onChange={(status) => setQuery((prev) => ({ ...prev, status, offset: 0 }))}
        />
      </Space>
      <QueryError error={users.error} />
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        data-testid="users-table"
        pagination={{
          current: query.offset / query.limit + 1,
          pageSize: query.limit,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) =>
            setQuery((prev) => ({ ...prev, limit: pageSize, offset: (page - 1) * pageSize })),
        }}
      />
      {dialog?.kind === 'create' && <CreateUserModal onClose={close} />}
      {dialog?.kind === 'grant' && <GrantRoleModal user={dialog.user} onClose={close} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={close} />}
    </Card>
  )
}
