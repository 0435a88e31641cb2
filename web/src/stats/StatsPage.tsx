import { Breadcrumb, Card, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { type MonthPeriod, periodLabel, presets, toRange } from './period'
import { StatsBars } from './StatsBars'
import { StatsFilters } from './StatsFilters'
import { StatsTable } from './StatsTable'
import { fetchWorkbook, type StatsGroup, type StatsQuery, saveFile, useStats } from './stats.api'

type Crumb = { code: string; name: string }

/**
 * 事件统计: the official indicators over a period of months, by child grid, department, class, month
 * or state, within what the reader may see; a child grid opens its own children; the Excel export
 * holds the same figures.
 */
export function StatsPage() {
  const { t } = useTranslation()
  const [period, setPeriod] = useState<MonthPeriod>(() => presets(new Date()).month)
  const [group, setGroup] = useState<StatsGroup>('child')
  const [trail, setTrail] = useState<Crumb[]>([])
  const grid = trail.at(-1)?.code
  const query: StatsQuery = { ...toRange(period), groupBy: group, ...(grid ? { grid } : {}) }
  const stats = useStats(query)
  const rows = stats.data?.rows ?? []

  const download = useAction(async (q: StatsQuery) =>
    saveFile(await fetchWorkbook(q), `${t('stats.fileStem')}_${periodLabel(period)}.xlsx`),
  )

  return (
    <Card title={t('menu.stats')} data-testid="stats-page">
      <StatsFilters
        period={period}
        group={group}
        onPeriod={setPeriod}
        onGroup={setGroup}
        onExport={() => download.mutate(query)}
        exporting={download.isPending}
      />
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ code: '', name: t('stats.myScope') }, ...trail].map((crumb, i) => ({
          title:
            i === trail.length ? (
              crumb.name
            ) : (
              <Typography.Link onClick={() => setTrail(trail.slice(0, i))}>{crumb.name}</Typography.Link>
            ),
        }))}
        data-testid="stats-trail"
      />
      <Typography.Paragraph type="secondary">{t('stats.scopeNote')}</Typography.Paragraph>
      <QueryError error={stats.error} />
      <StatsBars rows={rows} group={group} />
      <StatsTable
        rows={rows}
        group={group}
        loading={stats.isFetching}
        onDrill={(crumb) => {
          setTrail([...trail, crumb])
        }}
      />
    </Card>
  )
}
