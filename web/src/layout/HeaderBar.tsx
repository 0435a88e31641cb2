import { LockOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { logout, useCurrentUser } from '../auth/auth.api'
import { useAction } from '../common/useAction'
import { NotificationBell } from '../notify/NotificationBell'
import { LanguageSwitch } from './LanguageSwitch'
import styles from './layout.module.css'

export function HeaderBar() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  // Whether or not the server still knew the session, the user asked to leave: go to the sign-in page.
  const signOut = useAction(logout, {
    onSettled: () => void navigate('/login', { replace: true }),
    toastErrors: false,
  })

  return (
    <Space size="large">
      <NotificationBell />
      <LanguageSwitch />
      <Link to="/password" title={t('header.changePassword')} data-testid="change-password">
        <LockOutlined /> <span className={styles.linkText}>{t('header.changePassword')}</span>
      </Link>
      <Link to="/two-step" title={t('header.twoStep')} data-testid="two-step">
        <SafetyOutlined /> <span className={styles.linkText}>{t('header.twoStep')}</span>
      </Link>
      <Typography.Text data-testid="current-user">
        <UserOutlined /> {me.displayName}
      </Typography.Text>
      <Button
        icon={<LogoutOutlined />}
        loading={signOut.isPending}
        onClick={() => signOut.mutate()}
        data-testid="sign-out"
      >
        {t('header.signOut')}
      </Button>
    </Space>
  )
}
