import { LockOutlined, LogoutOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { Button, Drawer, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCurrentUser } from '../auth/auth.api'
import { LanguageSwitch } from './LanguageSwitch'
import styles from './layout.module.css'
import { SideMenu } from './SideMenu'
import { useSignOut } from './useSignOut'

/** "Me" on a phone: who is signed in (the whole name), every section of the menu, and the account. */
export function MeDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const signOut = useSignOut()

  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="right"
      size="min(320px, 86vw)"
      title={
        <Typography.Text strong data-testid="current-user">
          <UserOutlined /> {me.displayName}
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
      data-testid="me-drawer"
    >
      <SideMenu theme="light" />
      <Flex vertical gap={4} className={styles.drawerAccount}>
        <LanguageSwitch />
        <Link to="/password" className={styles.drawerLink} data-testid="change-password">
          <LockOutlined /> {t('header.changePassword')}
        </Link>
        <Link to="/two-step" className={styles.drawerLink} data-testid="two-step">
          <SafetyOutlined /> {t('header.twoStep')}
        </Link>
        <Link to="/devices" className={styles.drawerLink} data-testid="my-devices">
          <MobileOutlined /> {t('header.devices')}
        </Link>
        <Button
          block
          size="large"
          icon={<LogoutOutlined />}
          loading={signOut.isPending}
          onClick={() => signOut.mutate()}
          data-testid="sign-out"
        >
          {t('header.signOut')}
        </Button>
      </Flex>
    </Drawer>
  )
}
