import { useTranslation } from 'react-i18next'
import type { Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'
import { count, percent } from './format'
import { Panel } from './Panel'

/** The scope's children ranked (by the basis the server names); a row drills into its child. */
export function RankingPanel({
  ranking,
  onDrill,
}: {
  ranking: Screen['ranking']
  onDrill: (code: string) => void
}) {
  const { t } = useTranslation()
  return (
    <Panel
      title={t('bigscreen.ranking.title')}
      extra={ranking.basis === 'event_composite' ? t('bigscreen.ranking.basis') : ranking.basis}
      testId="panel-ranking"
      bodyStyle={{ overflowY: 'auto' }}
    >
      {ranking.items.length === 0 ? (
        <span className={styles.muted}>{t('bigscreen.ranking.none')}</span>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>{t('bigscreen.ranking.rank')}</th>
              <th>{t('bigscreen.ranking.name')}</th>
              <th>{t('bigscreen.ranking.received')}</th>
              <th>{t('bigscreen.ranking.closingRate')}</th>
              <th>{t('bigscreen.ranking.onTimeRate')}</th>
              <th>{t('bigscreen.ranking.score')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.items.map((item) => (
              <tr
                key={item.code}
                onClick={() => onDrill(item.code)}
                data-testid="ranking-row"
                data-code={item.code}
              >
                <td>
                  <span className={item.rank !== null && item.rank <= 3 ? styles.rankTop : styles.rank}>
                    {item.rank ?? '—'}
                  </span>
                </td>
                <td>{item.name}</td>
                <td>{count(item.received)}</td>
                <td>{percent(item.closingRate)}</td>
                <td>{percent(item.onTimeRate)}</td>
                <td>{item.score === null ? '—' : item.score.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  )
}
