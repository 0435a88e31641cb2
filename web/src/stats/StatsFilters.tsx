import { DownloadOutlined } from '@ant-design/icons'
import { Button, Form, Select, Space } from 'antd'
import { useTranslation } from 'react-i18next'
import { type MonthPeriod, presets, recentMonths, startingAt } from './period'
import { GROUPS, type StatsGroup } from './stats.api'

const PRESETS = ['month', 'lastMonth', 'quarter', 'year', 'twelve'] as const

/** The period in whole months, ready-made or from–to, the grouping, and the Excel export. */
export function StatsFilters({
  period,
  group,
  onPeriod,
  onGroup,
  onExport,
  exporting,
}: {
  period: MonthPeriod
  group: StatsGroup
  onPeriod: (period: MonthPeriod) => void
  onGroup: (group: StatsGroup) => void
  onExport: () => void
  exporting: boolean
}) {
  const { t } = useTranslation()
  const now = new Date()
  const ready = presets(now)
  const months = recentMonths(now).map((m) => ({ value: m, label: m }))
  const preset = PRESETS.find((p) => ready[p].from === period.from && ready[p].to === period.to)

  return (
    <Form layout="inline" style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item label={t('stats.period')}>
        <Space wrap>
          <Select<(typeof PRESETS)[number] | 'custom'>
            style={{ width: 128 }}
            value={preset ?? 'custom'}
            onChange={(p) => p !== 'custom' && onPeriod(ready[p])}
            options={[
              ...PRESETS.map((p) => ({ value: p, label: t(`stats.presets.${p}`) })),
              { value: 'custom', label: t('stats.presets.custom'), disabled: true },
            ]}
            data-testid="stats-preset"
          />
          <Select
            style={{ width: 112 }}
            value={period.from}
            onChange={(from) => onPeriod(startingAt(period, from))}
            options={months}
            aria-label={t('stats.from')}
            data-testid="stats-from"
          />
          {t('stats.until')}
          <Select
            style={{ width: 112 }}
            value={period.to}
            onChange={(to) => onPeriod({ from: period.from, to })}
            options={months.map((m) => ({ ...m, disabled: m.value < period.from }))}
            aria-label={t('stats.to')}
            data-testid="stats-to"
          />
        </Space>
      </Form.Item>
      <Form.Item label={t('stats.groupBy')}>
        <Select
          style={{ width: 140 }}
          value={group}
          onChange={onGroup}
          options={GROUPS.map((g) => ({ value: g, label: t(`stats.groups.${g}`) }))}
          data-testid="stats-group"
        />
      </Form.Item>
      <Form.Item>
        <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} data-testid="stats-export">
          {t('stats.export')}
        </Button>
      </Form.Item>
    </Form>
  )
}
