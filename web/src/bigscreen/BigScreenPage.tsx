import { ConfigProvider, theme } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useErrorText } from '../common/errorText'
import { useBaseMap } from '../map/basemap'
import { WarningTicker } from '../warnings/WarningTicker'
import { BasePanel, GroupsPanel } from './BasePanels'
import { type Period, screenParams, useScreen } from './bigscreen.api'
import styles from './bigscreen.module.css'
import { CategoriesPanel, SourcesPanel, TrendPanel } from './EventCharts'
import { KpiStrip } from './KpiStrip'
import { Panel } from './Panel'
import { RankingPanel } from './RankingPanel'
import { ScaledStage } from './ScaledStage'
import { ScreenHeader } from './ScreenHeader'
import { ScreenMap } from './ScreenMap'
import { WorkersPanel } from './WorkersPanel'

/**
 * 大屏: the command centre's wall. One scope (`?grid=`, else the reader's area) and period
 * (`?period=`) that every panel follows; a breadcrumb step, a ranking row or a click on a child
 * on the map drills down. Refreshed every 30 seconds.
 */
export function BigScreenPage() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const { grid, period } = screenParams(params)
  const screen = useScreen(grid, period)
  const base = useBaseMap()
  const data = screen.data

  const go = (next: { grid?: string | null; period?: Period }) => {
    const g = next.grid === undefined ? grid : next.grid
    const p = next.period ?? period
    setParams({ ...(g ? { grid: g } : {}), ...(p !== 'day' ? { period: p } : {}) })
  }
  const drill = (code: string) => go({ grid: code })

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <ScaledStage>
        <ScreenHeader
          scope={data?.scope}
          period={period}
          onScope={(code) => go({ grid: code })}
          onPeriod={(p) => go({ period: p })}
        />
        {!data ? (
          <p className={styles.muted} data-testid="screen-status">
            {screen.error ? errorText(screen.error) : t('bigscreen.loading')}
          </p>
        ) : (
          <div
            className={styles.columns}
            data-testid="screen-body"
            data-scope={data.scope.code ?? ''}
            data-period={data.period}
            data-fresh={!screen.isPlaceholderData}
          >
            <div className={styles.column}>
              <BasePanel base={data.base} />
              <GroupsPanel groups={data.groups} />
              <WorkersPanel workers={data.workers} />
            </div>
            <div className={styles.column}>
              <KpiStrip kpi={data.kpi} />
              <section className={styles.panel} style={{ flex: 1.9 }}>
                {base && <ScreenMap base={base} grid={grid} screen={data} onDrill={drill} />}
              </section>
              <div style={{ flex: 1, minHeight: 0, display: 'flex', gap: 14 }}>
                <div style={{ flex: 1.15, minWidth: 0, display: 'flex' }}>
                  <RankingPanel ranking={data.ranking} onDrill={drill} />
                </div>
                <div style={{ flex: 1, minWidth: 0, display: 'flex' }}>
                  <Panel title={t('warnings.ticker.title')} testId="panel-warnings">
                    <div className={styles.ticker}>
                      <WarningTicker grid={grid ?? undefined} />
                    </div>
                  </Panel>
                </div>
              </div>
            </div>
            <div className={styles.column}>
              <TrendPanel trend={data.trend} />
              <CategoriesPanel categories={data.categories} />
              <SourcesPanel sources={data.sources} />
            </div>
          </div>
        )}
      </ScaledStage>
    </ConfigProvider>
  )
}
