import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalName } from '../i18n'
import type { Screen } from './bigscreen.api'
import { Chart } from './Chart'
import { Panel } from './Panel'

const AXIS = { axisLine: { lineStyle: { color: '#2f5b8f' } }, axisLabel: { color: '#91caff', fontSize: 13 } }
const SPLIT = { splitLine: { lineStyle: { color: 'rgba(64,150,255,0.12)' } } }

/** 近 30 日: reported and closed per day. */
export function TrendPanel({ trend }: { trend: Screen['trend'] }) {
  const { t } = useTranslation()
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, right: 8, textStyle: { color: '#91caff' } },
      grid: { left: 44, right: 14, top: 32, bottom: 26 },
      xAxis: { type: 'category', data: trend.map((d) => d.day.slice(5)), ...AXIS },
      yAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      series: [
        {
          name: t('bigscreen.trend.reported'),
          type: 'line',
          smooth: true,
          symbol: 'none',
          data: trend.map((d) => d.reported),
          lineStyle: { width: 2, color: '#40a9ff' },
          itemStyle: { color: '#40a9ff' },
          areaStyle: { color: 'rgba(64,169,255,0.18)' },
        },
        {
          name: t('bigscreen.trend.closed'),
          type: 'line',
          smooth: true,
          symbol: 'none',
          data: trend.map((d) => d.closed),
          lineStyle: { width: 2, color: '#73d13d' },
          itemStyle: { color: '#73d13d' },
        },
      ],
    }),
    [trend, t],
  )
  return (
    <Panel title={t('bigscreen.trend.title')} testId="panel-trend" bodyStyle={{ padding: 6 }}>
      <Chart option={option} testId="chart-trend" />
    </Panel>
  )
}

/** 事件类型 TOP 10, the commonest at the top. */
export function CategoriesPanel({ categories }: { categories: Screen['categories'] }) {
  const { t } = useTranslation()
  const local = useLocalName()
  const option = useMemo(() => {
    const rows = [...categories].reverse()
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 130, right: 40, top: 8, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
      yAxis: {
        type: 'category',
        data: rows.map((c) => (c.name ? local(c.name.zh, c.name.en) : c.code)),
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, width: 120, overflow: 'truncate' },
      },
      series: [
        {
          name: t('bigscreen.categories.count'),
          type: 'bar',
          data: rows.map((c) => c.count),
          barMaxWidth: 16,
          label: { show: true, position: 'right', color: '#e6f4ff' },
          itemStyle: {
            borderRadius: [0, 4, 4, 0],
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 1,
              y2: 0,
              colorStops: [
                { offset: 0, color: '#1677ff' },
                { offset: 1, color: '#36cfc9' },
              ],
            },
          },
        },
      ],
    }
  }, [categories, t, local])
  return (
    <Panel
      title={t('bigscreen.categories.title')}
      testId="panel-categories"
      grow={1.15}
      bodyStyle={{ padding: 6 }}
    >
      <Chart option={option} testId="chart-categories" />
    </Panel>
  )
}

const SOURCE_COLOURS: Record<string, string> = {
  worker: '#40a9ff',
  resident: '#36cfc9',
  hotline: '#faad14',
  department: '#9254de',
  integration: '#f759ab',
}

/** 事件来源: patrols, residents, the hotline, departments, Open311 and devices. */
export function SourcesPanel({ sources }: { sources: Screen['sources'] }) {
  const { t } = useTranslation()
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { orient: 'vertical', right: 8, top: 'middle', textStyle: { color: '#91caff', fontSize: 14 } },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['34%', '52%'],
          label: { show: false },
          itemStyle: { borderColor: '#051329', borderWidth: 2 },
          data: sources.map((s) => ({
            name: t(`bigscreen.sources.${s.source}`, { defaultValue: s.source }),
            value: s.count,
            itemStyle: { color: SOURCE_COLOURS[s.source] ?? '#8c8c8c' },
          })),
        },
      ],
    }),
    [sources, t],
  )
  return (
    <Panel title={t('bigscreen.sources.title')} testId="panel-sources" grow={0.9} bodyStyle={{ padding: 6 }}>
      <Chart option={option} testId="chart-sources" />
    </Panel>
  )
}
