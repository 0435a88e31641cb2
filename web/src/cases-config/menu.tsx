import {
  ApartmentOutlined,
  BankOutlined,
  CalendarOutlined,
  LockOutlined,
  NodeIndexOutlined,
  SettingOutlined,
  TableOutlined,
} from '@ant-design/icons'
import type { MenuProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { type SettingsKey, settingsSections } from '../app/sections'
import { useMaySee } from './routes'

type MenuItem = NonNullable<MenuProps['items']>[number]

const icons: Record<SettingsKey, ReactNode> = {
  categories: <ApartmentOutlined />,
  routing: <NodeIndexOutlined />,
  calendar: <CalendarOutlined />,
  departments: <BankOutlined />,
  dataKeys: <LockOutlined />,
  ledgerCodes: <TableOutlined />,
}

/**
 * The side menu's 配置 / Settings group: the settings pages the reader may open, under one heading
 * (none: no group). `selected` is the key of the page open at `pathname`, for the menu's selectedKeys.
 */
export function useSettingsMenu(pathname: string): { items: MenuItem[]; selected: string | null } {
  const { t } = useTranslation()
  const maySee = useMaySee()
  const visible = settingsSections.filter((s) => maySee(s.key))
  if (visible.length === 0) return { items: [], selected: null }
  const group: MenuItem = {
    key: 'settings',
    icon: <SettingOutlined />,
    label: t('menu.settings'),
    children: visible.map((s) => ({
      key: s.key,
      icon: icons[s.key],
      label: (
        <Link to={s.path} data-testid={`menu-${s.key}`}>
          {t(`menu.${s.key}`)}
        </Link>
      ),
    })),
  }
  return { items: [group], selected: visible.find((s) => pathname.startsWith(s.path))?.key ?? null }
}
