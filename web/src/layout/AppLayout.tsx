import { Grid, Layout, Spin } from 'antd'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet } from 'react-router'
import { HeaderBar } from './HeaderBar'
import styles from './layout.module.css'
import { PhoneLayout } from './PhoneLayout'
import { SideMenu } from './SideMenu'

/** The signed-in shell: a side menu and a header at a desk (≥ 992 px), a phone's own shell below. */
export function AppLayout() {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  // Before the first measure `lg` is unknown: the desk, as before (the measure lands before paint).
  if (screens.lg === false) return <PhoneLayout />
  return (
    <Layout className={styles.root}>
      <Layout.Sider width={208}>
        <div className={styles.brand}>{t('app.name')}</div>
        <SideMenu />
      </Layout.Sider>
      <Layout>
        <Layout.Header className={styles.header}>
          <HeaderBar />
        </Layout.Header>
        <Layout.Content className={styles.content}>
          <Suspense fallback={<Spin size="large" className={styles.loading} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
