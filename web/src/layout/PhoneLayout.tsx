import { ConfigProvider, Layout, Spin } from 'antd'
import { Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation } from 'react-router'
import { NotificationBell } from '../notify/NotificationBell'
import { BottomNav } from './BottomNav'
import styles from './layout.module.css'
import { MeDrawer } from './MeDrawer'

const PHONE_THEME = { token: { controlHeight: 44, controlHeightLG: 48, controlHeightSM: 32 } }

/**
 * The shell on a phone (< 992 px): a one-line header (the app's name and the bell), the page in one
 * column, and a bottom bar with the grid worker's daily screens; "me" opens a drawer with the rest
 * of the menu and the account. Nothing floats over the page: the content ends above the bar.
 */
export function PhoneLayout() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const [drawer, setDrawer] = useState(false)
  // A link followed from the drawer closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => setDrawer(false), [pathname])

  return (
    // Touch targets of 44 px: every control of the phone's pages and their dialogs (portals keep the context).
    <ConfigProvider theme={PHONE_THEME}>
      <Layout className={styles.root}>
        <Layout.Header className={styles.phoneHeader}>
          <span className={styles.phoneBrand}>{t('app.name')}</span>
          <NotificationBell />
        </Layout.Header>
        <Layout.Content className={styles.phoneContent} data-testid="app-content">
          <Suspense fallback={<Spin size="large" className={styles.loading} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <BottomNav drawerOpen={drawer} onMore={() => setDrawer(true)} />
        <MeDrawer open={drawer} onClose={() => setDrawer(false)} />
      </Layout>
    </ConfigProvider>
  )
}
