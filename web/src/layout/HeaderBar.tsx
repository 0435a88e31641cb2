import { LockOutlined, LogoutOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCurrentUser } from '../auth/auth.api'
import { NotificationBell } from '../notify/NotificationBell'
import { LanguageSwitch } from './LanguageSwitch'
import styles from './layout.module.css'
import { useSignOut } from './useSignOut'

/** The desk's header: the bell, the language, the account's links, who is signed in and the way out. */
export function HeaderBar() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const signOut = useSignOut()

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
      <Link to="/devices" title={t('header.devices')} data-testid="my-devices">
        <MobileOutlined /> <span className={styles.linkText}>{t('header.devices')}</span>
      </Link>
      <Typography.Text data-testid="current-user" className={styles.userName}>
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
