import { ConfigProvider, Grid, Layout, Spin } from 'antd'
import { Suspense, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation } from 'react-router'
import { NotificationBell } from '../notify/NotificationBell'
import { BottomNav } from './BottomNav'
import { HeaderBar } from './HeaderBar'
import styles from './layout.module.css'
import { MeDrawer } from './MeDrawer'
import { SideMenu } from './SideMenu'

/** Touch targets of 44 px on a phone: every control of its pages and their dialogs (portals keep the context). */
const PHONE_THEME = {
  token: { controlHeight: 44, controlHeightLG: 48, controlHeightSM: 32 },
  components: { Menu: { itemHeight: 48 }, Tabs: { horizontalItemPadding: '14px 0' } },
}
/** antd's own sizes; a theme is always given, for a provider that stays the same element when a tablet turns. */
const DESK_THEME = { token: {} }

/**
 * The signed-in shell. At a desk (≥ 992 px) a side menu and a header with the account. On a phone a
 * one-line header (the app's name and the bell), the page in one column, and a bottom bar with the
 * grid worker's daily screens, whose "me" opens a drawer with the rest of the menu and the account:
 * nothing floats over the page, which ends above the bar. The page keeps its place in the tree either
 * way, so turning a tablet loses no half-filled form.
 */
export function AppLayout() {
  const { t } = useTranslation()
  // Before the first measure `lg` is unknown: the desk (the measure lands before the first paint).
  const phone = Grid.useBreakpoint().lg === false
  const { pathname } = useLocation()
  const [drawer, setDrawer] = useState(false)
  // A link followed from the drawer closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => setDrawer(false), [pathname])

  return (
    <ConfigProvider theme={phone ? PHONE_THEME : DESK_THEME}>
      <Layout className={styles.root}>
        {!phone && (
          <Layout.Sider width={208}>
            <div className={styles.brand}>{t('app.name')}</div>
            <SideMenu />
          </Layout.Sider>
        )}
        <Layout>
          {phone ? (
            <Layout.Header className={styles.phoneHeader}>
              <span className={styles.phoneBrand}>{t('app.name')}</span>
              <NotificationBell />
            </Layout.Header>
          ) : (
            <Layout.Header className={styles.header}>
              <HeaderBar />
            </Layout.Header>
          )}
          <Layout.Content className={phone ? styles.phoneContent : styles.content} data-testid="app-content">
            <Suspense fallback={<Spin size="large" className={styles.loading} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
          {phone && <BottomNav drawerOpen={drawer} onMore={() => setDrawer(true)} />}
          {phone && <MeDrawer open={drawer} onClose={() => setDrawer(false)} />}
        </Layout>
      </Layout>
    </ConfigProvider>
  )
}
