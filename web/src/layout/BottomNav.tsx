import {
  AlertOutlined,
  BorderInnerOutlined,
  FormOutlined,
  HomeOutlined,
  UserOutlined,
} from '@ant-design/icons'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { useCan } from '../auth/auth.api'
import styles from './layout.module.css'

interface NavItem {
  key: string
  path: string
  icon: ReactNode
  /** Whether the path is this item's (the report form is not the inbox). */
  owns: (pathname: string) => boolean
}

/** The grid worker's day, each behind the permission its page needs; the home page when none. */
function useItems(): NavItem[] {
  const can = useCan()
  const items: NavItem[] = []
  if (can('case.read'))
    items.push({
      key: 'cases',
      path: '/cases',
      icon: <AlertOutlined />,
      owns: (p) => p.startsWith('/cases') && p !== '/cases/new',
    })
  if (can('case.report'))
    items.push({ key: 'report', path: '/cases/new', icon: <FormOutlined />, owns: (p) => p === '/cases/new' })
  if (can('grid.read'))
    items.push({
      key: 'grids',
      path: '/grids',
      icon: <BorderInnerOutlined />,
      owns: (p) => p.startsWith('/grids'),
    })
  if (items.length < 3)
    items.unshift({ key: 'home', path: '/', icon: <HomeOutlined />, owns: (p) => p === '/' })
  return items
}

/** The phone's bottom bar: large targets (≥ 56 px high), the current one in the brand colour. */
export function BottomNav({ drawerOpen, onMore }: { drawerOpen: boolean; onMore: () => void }) {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  const items = useItems()
  const current = drawerOpen ? null : items.find((i) => i.owns(pathname))?.key

  return (
    <nav className={styles.bottomNav} aria-label={t('nav.label')} data-testid="bottom-nav">
      {items.map((item) => (
        <Link
          key={item.key}
          to={item.path}
          className={item.key === current ? styles.navActive : styles.navItem}
          aria-current={item.key === current ? 'page' : undefined}
          data-testid={`nav-${item.key}`}
        >
          {item.icon}
          <span>{t(`nav.${item.key}`)}</span>
        </Link>
      ))}
      <button
        type="button"
        className={drawerOpen ? styles.navActive : styles.navItem}
        onClick={onMore}
        data-testid="nav-me"
      >
        <UserOutlined />
        <span>{t('nav.me')}</span>
      </button>
    </nav>
  )
}
