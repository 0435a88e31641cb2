import { Button, Popconfirm, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '../api/types'
import { useAction } from '../common/useAction'
import { resetSecondFactor, revokeSessions, setUserStatus, usersKey } from './users.api'

interface UserActionsProps {
  user: User
  onGrant: (user: User) => void
  /** Absent for the security administrator, who grants roles but does not manage accounts (三员分立). */
  onResetPassword?: (user: User) => void
}

export function UserActions({ user, onGrant, onResetPassword }: UserActionsProps) {
  const { t } = useTranslation()
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onGrant(user)}>
        {t('users.grant')}
      </Button>
      {onResetPassword && <AccountActions user={user} onResetPassword={onResetPassword} />}
      <SecondFactorReset user={user} />
    </Space>
  )
}

/** A lost phone: the security administrator (or the user's manager) removes the factor; the user enrols again. */
function SecondFactorReset({ user }: { user: User }) {
  const { t } = useTranslation()
  const reset = useAction(() => resetSecondFactor(user.id), {
    invalidate: [usersKey],
    success: t('users.secondFactorReset'),
  })
  return (
    <Popconfirm
      title={t('users.resetSecondFactorConfirm', { name: user.displayName })}
      onConfirm={() => reset.mutate(undefined)}
    >
      <Button type="link" size="small" loading={reset.isPending} data-testid="reset-second-factor">
        {t('users.resetSecondFactor')}
      </Button>
    </Popconfirm>
  )
}

/** Reset, disable/enable, sign out: the system administrator's (user.manage). */
function AccountActions({ user, onResetPassword }: { user: User; onResetPassword: (user: User) => void }) {
  const { t } = useTranslation()
  const disabled = user.status === 'disabled'
  const toggle = useAction(() => setUserStatus(user.id, disabled ? 'active' : 'disabled'), {
    invalidate: [usersKey],
    success: disabled ? t('users.enabled') : t('users.disabled'),
  })
  const signOut = useAction(() => revokeSessions(user.id), {
    invalidate: [usersKey],
    success: ({ revoked }) => t('users.sessionsRevoked', { count: revoked }),
  })
  return (
    <>
      <Button type="link" size="small" onClick={() => onResetPassword(user)}>
        {t('users.resetPassword')}
      </Button>
      <Popconfirm
        title={disabled ? t('users.enableConfirm') : t('users.disableConfirm')}
        onConfirm={() => toggle.mutate(undefined)}
      >
        <Button type="link" size="small" danger={!disabled} loading={toggle.isPending}>
          {disabled ? t('users.enable') : t('users.disable')}
        </Button>
      </Popconfirm>
      <Popconfirm title={t('users.revokeConfirm')} onConfirm={() => signOut.mutate(undefined)}>
        <Button type="link" size="small" disabled={user.liveSessions === 0} loading={signOut.isPending}>
          {t('users.revokeSessions')}
        </Button>
      </Popconfirm>
    </>
  )
}
