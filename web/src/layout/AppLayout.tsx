import { Layout, Spin } from 'antd'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet } from 'react-router'
import { HeaderBar } from './HeaderBar'
import styles from './layout.module.css'
import { SideMenu } from './SideMenu'

export function AppLayout() {
  const { t } = useTranslation()
  return (
    <Layout className={styles.root}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0}>
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
