import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { useLocation, useNavigate } from 'react-router'
import { useCan } from '../auth/auth.api'
import { type LedgerTabKey, ledgerTabs } from './tabs'

/** The bar over every ledger page: the ledgers the reader may open, the current one selected (a click on it returns to its list). */
export function LedgerTabs() {
  const { t } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  const visible = ledgerTabs.filter((tab) => can(tab.permission))
  const active = visible.find((tab) => pathname.startsWith(tab.path))
  return (
    <Tabs
      size="small"
      activeKey={active?.key}
      // The current ledger's tab too: from a record's page it leads back to the list.
      onTabClick={(key) => {
        const tab = visible.find((v) => v.key === key)
        if (tab && tab.path !== pathname) navigate(tab.path)
      }}
      items={visible.map((tab) => ({
        key: tab.key,
        label: (
          <span data-testid={`ledger-tab-${tab.key}`}>{t(`people.tabs.${tab.key as LedgerTabKey}`)}</span>
        ),
      }))}
      style={{ marginBottom: 8 }}
    />
  )
}
