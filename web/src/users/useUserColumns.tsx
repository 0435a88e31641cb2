import { Space, type TableColumnsType, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grant, User } from '../api/types'
import { useFormatTime } from '../common/format'
import { GrantTag } from '../common/scope'
import { UserActions } from './UserActions'

interface ColumnOptions {
  /** Present when the reader holds user.manage: rows get their action buttons and closable grants. */
  manage?: {
    onGrant: (user: User) => void
    onResetPassword?: (user: User) => void
    onRemoveGrant: (user: User, grant: Grant) => void
  }
}

export function useUserColumns({ manage }: ColumnOptions): TableColumnsType<User> {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    {
      key: 'status',
      title: t('users.status'),
      render: (_, user) =>
        user.status === 'active' ? (
          <Tag color="green">{t('users.active')}</Tag>
        ) : (
          <Tag>{t('users.disabledStatus')}</Tag>
        ),
    },
    {
      key: 'roles',
      title: t('users.roles'),
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.grants.map((grant) => (
            <GrantTag
              key={grant.id}
              grant={grant}
              onClose={manage ? () => manage.onRemoveGrant(user, grant) : undefined}
            />
          ))}
        </Space>
      ),
    },
    { key: 'liveSessions', title: t('users.liveSessions'), dataIndex: 'liveSessions', align: 'right' },
    {
      key: 'lockedUntil',
      title: t('users.lockedUntil'),
      render: (_, user) => (user.lockedUntil ? <Tag color="red">{formatTime(user.lockedUntil)}</Tag> : '—'),
    },
  ]
  if (!manage) return columns
  return [
    ...columns,
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, user) => (
        <UserActions user={user} onGrant={manage.onGrant} onResetPassword={manage.onResetPassword} />
      ),
    },
  ]
}
