import { useTranslation } from 'react-i18next'
import { useLocalName } from '../i18n'
import type { Screen } from './bigscreen.api'
import styles from './bigscreen.module.css'
import { count } from './format'
import { Panel } from './Panel'

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className={styles.figure}>
      <span className={styles.figureValue} data-testid={testId}>
        {count(value)}
      </span>
      <span className={styles.figureLabel}>{label}</span>
    </div>
  )
}

/** 基础数据总览: 人、地、物、组织 as counts. */
export function BasePanel({ base }: { base: Screen['base'] }) {
  const { t } = useTranslation()
  const organizations = base.organizations.reduce((s, o) => s + o.count, 0)
  const level = (key: string) => base.grids.find((g) => g.level === key)?.count ?? 0
  // 网格数: the grids proper when the scope holds any, else its deepest level (micro-grids under a grid).
  const deepest = base.grids.some((g) => g.level === 'grid') ? 'grid' : base.grids.at(-1)?.level
  return (
    <Panel title={t('bigscreen.base.title')} testId="panel-base" grow={1.15}>
      <div className={styles.figures}>
        <Figure label={t('bigscreen.base.people')} value={base.people.total} testId="base-people" />
        <Figure label={t('bigscreen.base.registered')} value={base.people.registered} />
        <Figure label={t('bigscreen.base.floating')} value={base.people.floating + base.people.foreign} />
        <Figure label={t('bigscreen.base.declared')} value={base.declaredPopulation} />
        <Figure label={t('bigscreen.base.declaredHouseholds')} value={base.declaredHouseholds} />
        <Figure label={t('bigscreen.base.households')} value={base.households} />
        <Figure label={t('bigscreen.base.buildings')} value={base.buildings} />
        <Figure label={t('bigscreen.base.rooms')} value={base.rooms} />
        <Figure label={t('bigscreen.base.rented')} value={base.rentedRooms} />
        <Figure label={t('bigscreen.base.organizations')} value={organizations} />
        <Figure
          label={
            deepest ? t(`bigscreen.levels.${deepest}`, { defaultValue: deepest }) : t('bigscreen.base.grids')
          }
          value={deepest ? level(deepest) : 0}
        />
        <Figure label={t('bigscreen.base.workers')} value={base.workers} />
      </div>
    </Panel>
  )
}

/** 重点人群 and 关爱对象: current members per group, as bars. */
export function GroupsPanel({ groups }: { groups: Screen['groups'] }) {
  const { t } = useTranslation()
  const local = useLocalName()
  const top = [...groups].sort((a, b) => b.count - a.count).slice(0, 8)
  const most = Math.max(1, ...top.map((g) => g.count))
  return (
    <Panel title={t('bigscreen.groups.title')} testId="panel-groups" grow={0.85}>
      {top.length === 0 ? (
        <span className={styles.muted}>{t('bigscreen.groups.none')}</span>
      ) : (
        <div className={styles.bars}>
          {top.map((g) => (
            <div key={g.code} className={styles.bar}>
              <span>{g.name ? local(g.name.zh, g.name.en) : g.code}</span>
              <div className={styles.barTrack}>
                <div className={styles.barFill} style={{ width: `${(g.count / most) * 100}%` }} />
              </div>
              <span className={styles.barValue}>{count(g.count)}</span>
            </div>
          ))}
        </div>
      )}
    </Panel>
  )
}
