import { useTranslation } from 'react-i18next'
import type { Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'
import { count, percent } from './format'
import { Panel } from './Panel'

/** 网格员在岗: online rate, today's patrols and visits, and who is offline or outside their grid (staff names). */
export function WorkersPanel({ workers }: { workers: Screen['workers'] }) {
  const { t } = useTranslation()
  if (!workers)
    return (
      <Panel title={t('bigscreen.workers.title')} testId="panel-workers" grow={1.2}>
        <span className={styles.muted}>{t('bigscreen.workers.notAllowed')}</span>
      </Panel>
    )
  const figures: [string, string][] = [
    [t('bigscreen.workers.online'), `${count(workers.online)} / ${count(workers.total)}`],
    [t('bigscreen.workers.onlineRate'), percent(workers.onlineRate)],
    [t('bigscreen.workers.households'), count(workers.householdsVisited)],
    [t('bigscreen.workers.patrolHours'), `${workers.patrolHours} ${t('bigscreen.workers.hoursUnit')}`],
    [t('bigscreen.workers.patrolKm'), `${workers.patrolKm} ${t('bigscreen.workers.kmUnit')}`],
  ]
  const well = workers.offline.length === 0 && workers.outsideGrid.length === 0
  // With nobody to name, say why: nobody is on patrol (and no post has an account, so nobody could
  // be counted), or everyone on patrol is online and in their grid. A patrol's grid may come from a
  // post that is not a worker's, so someone can be online where no worker post has an account.
  const quiet = workers.online > 0 ? 'allWell' : workers.total === 0 ? 'noAccounts' : 'nobodyOnPatrol'
  return (
    <Panel title={t('bigscreen.workers.title')} testId="panel-workers" grow={1.2}>
      <div className={styles.figures}>
        {figures.map(([label, value]) => (
          <div key={label} className={styles.figure}>
            <span className={styles.figureValue}>{value}</span>
            <span className={styles.figureLabel}>{label}</span>
          </div>
        ))}
      </div>
      {well ? (
        <p className={styles.muted} data-testid="workers-status" data-status={quiet}>
          {t(`bigscreen.workers.${quiet}`)}
        </p>
      ) : (
        <>
          {workers.offline.length > 0 && (
            <div className={styles.nameList} data-testid="workers-offline">
              <span className={styles.muted}>{t('bigscreen.workers.offline')}</span>
              {workers.offline.slice(0, 12).map((w) => (
                <span
                  key={`${w.name}-${w.grid}`}
                  className={styles.nameTag}
                  title={t('bigscreen.workers.silent', { minutes: w.silentMinutes ?? 0 })}
                >
                  {w.name}
                </span>
              ))}
            </div>
          )}
          {workers.outsideGrid.length > 0 && (
            <div className={styles.nameList} data-testid="workers-outside">
              <span className={styles.muted}>{t('bigscreen.workers.outside')}</span>
              {workers.outsideGrid.slice(0, 12).map((w) => (
                <span key={`${w.name}-${w.grid}`} className={styles.nameTagOutside} title={w.grid ?? ''}>
                  {w.name}
                </span>
              ))}
            </div>
          )}
        </>
      )}
    </Panel>
  )
}
