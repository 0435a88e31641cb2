import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BorderInnerOutlined,
  ContainerOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FundProjectionScreenOutlined,
  GlobalOutlined,
  HomeOutlined,
  KeyOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons'
import { Menu } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { type SectionKey, sections } from '../app/sections'
import { useCan } from '../auth/auth.api'
import { useSettingsMenu } from '../cases-config/menu'

const icons: Record<SectionKey, ReactNode> = {
  home: <HomeOutlined />,
  cases: <AlertOutlined />,
  command: <GlobalOutlined />,
  warnings: <WarningOutlined />,
  bigscreen: <FundProjectionScreenOutlined />,
  stats: <BarChartOutlined />,
  assessment: <TrophyOutlined />,
  bulletins: <NotificationOutlined />,
  users: <TeamOutlined />,
  roles: <SafetyCertificateOutlined />,
  apikeys: <KeyOutlined />,
  grids: <BorderInnerOutlined />,
  ledgers: <ContainerOutlined />,
  campaigns: <ScheduleOutlined />,
  patrols: <EnvironmentOutlined />,
  proposals: <FileDoneOutlined />,
  audit: <AuditOutlined />,
}

/** Every section the reader may open: in the desk's dark side bar, or light in the phone's drawer. */
export function SideMenu({ theme = 'dark' }: { theme?: 'dark' | 'light' }) {
  const { t } = useTranslation()
  const can = useCan()
  const { pathname } = useLocation()
  const visible = sections.filter((s) => s.permission === null || can(s.permission))
  // The longest path that holds the page: /ledgers/proposals is its own entry, not the ledgers'.
  const selected = visible
    .filter((s) => (s.path === '/' ? pathname === '/' : pathname.startsWith(s.path)))
    .sort((a, b) => b.path.length - a.path.length)[0]
  const settings = useSettingsMenu(pathname)

  return (
    <Menu
      theme={theme}
      mode="inline"
      selectedKeys={selected ? [selected.key] : settings.selected ? [settings.selected] : []}
      items={[
        ...visible.map((s) => ({
          key: s.key,
          icon: icons[s.key],
          label: (
            <Link to={s.path} data-testid={`menu-${s.key}`}>
              {t(`menu.${s.key}`)}
            </Link>
          ),
        })),
        ...settings.items,
      ]}
    />
  )
}
