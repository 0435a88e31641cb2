import { DownloadOutlined, FilterOutlined } from '@ant-design/icons'
import { Badge, Button, Drawer, Flex, Grid, Input } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FilterFields } from './FilterFields'
import { activeFilterCount, type InboxFilters } from './inboxQuery'

/**
 * Search by number or text, the filters and the Excel export. At a desk the filters show in a panel
 * the 筛选 button folds away; on a phone they open in a drawer from the bottom.
 */
export function InboxToolbar({
  filters,
  onChange,
  onClear,
  onExport,
  exporting,
}: {
  filters: InboxFilters
  onChange: (patch: Partial<InboxFilters>) => void
  onClear: () => void
  onExport?: () => void
  exporting: boolean
}) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const active = activeFilterCount(filters)
  // At a desk the panel starts open when a shared link carries filters; a phone's drawer never starts open.
  const [panel, setPanel] = useState(active > 0)
  const [drawer, setDrawer] = useState(false)
  const [text, setText] = useState(filters.q ?? '')
  useEffect(() => setText(filters.q ?? ''), [filters.q])
  const desk = Boolean(screens.md)
  const open = desk ? panel : drawer
  const setOpen = desk ? setPanel : setDrawer

  return (
    <div style={{ marginBottom: 12 }}>
      <Flex gap={8} wrap>
        <Input.Search
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => onChange({ q: q.trim() || undefined })}
          allowClear
          maxLength={100}
          placeholder={t('cases.inbox.searchPlaceholder')}
          aria-label={t('cases.inbox.search')}
          style={{ flex: '1 1 220px', maxWidth: desk ? 360 : undefined }}
          data-testid="inbox-search"
        />
        <Badge count={active} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setOpen(!open)}
            type={open && desk ? 'primary' : 'default'}
            ghost={open && desk}
            data-testid="inbox-filter-toggle"
          >
            {t('cases.inbox.filters')}
          </Button>
        </Badge>
        {active > 0 && (
          <Button type="link" onClick={onClear} data-testid="inbox-clear">
            {t('cases.inbox.clear')}
          </Button>
        )}
        {onExport && (
          <Button
            icon={<DownloadOutlined />}
            onClick={onExport}
            loading={exporting}
            style={{ marginLeft: desk ? 'auto' : undefined }}
            data-testid="inbox-export"
          >
            {t('cases.inbox.export')}
          </Button>
        )}
      </Flex>
      {desk && open && (
        <div style={{ marginTop: 12, padding: 12, background: 'rgba(0,0,0,0.02)', borderRadius: 8 }}>
          <FilterFields filters={filters} onChange={onChange} columns={3} />
        </div>
      )}
      <Drawer
        open={!desk && drawer}
        onClose={() => setDrawer(false)}
        placement="bottom"
        size={540}
        title={t('cases.inbox.filters')}
        extra={
          <Button type="primary" onClick={() => setDrawer(false)} data-testid="inbox-filters-done">
            {t('cases.inbox.done')}
          </Button>
        }
      >
        <FilterFields filters={filters} onChange={onChange} columns={1} />
      </Drawer>
    </div>
  )
}
