import { Button, Card, Descriptions, Skeleton } from 'antd'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useGrid } from '../grids/grids.api'
import { useGridPosts } from '../grids/staff.api'
import { useLocalName } from '../i18n'
import { useLastPatrols, useOpenCount } from './liveMap.api'

/** How many post holders' patrols are asked for: the grid's own workers, not every liaison. */
const PATROL_HOLDERS = 3

/**
 * The grid clicked on the map: its name and level, households and population, how many open events
 * lie in it (with the inbox filtered to it), who holds its posts and, for patrol.read holders, the
 * last patrol of its workers. The grid API has no responsible person beyond its posts and unit.
 */
export function GridCard({
  code,
  patrols,
  onClose,
  style,
}: {
  code: string
  /** The reader holds patrol.read: the workers' last patrol is asked for. */
  patrols: boolean
  onClose: () => void
  style: CSSProperties
}) {
  const { t, i18n } = useTranslation()
  const localName = useLocalName()
  const formatTime = useFormatTime()
  const grid = useGrid(code)
  const open = useOpenCount(code)
  const posts = useGridPosts(code)
  const holders = [...new Set((posts.data ?? []).flatMap((p) => (p.userId ? [p.userId] : [])))]
  const lastPatrol = useLastPatrols(holders.slice(0, PATROL_HOLDERS), patrols)
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : value.toLocaleString(i18n.language)
  const level = (key: string) => (i18n.exists(`grids.levels.${key}`) ? t(`grids.levels.${key}`) : key)

  return (
    <Card
      size="small"
      title={grid.data?.name ?? code}
      extra={
        <Button type="text" onClick={onClose} aria-label={t('command.map.grid.close')}>
          ×
        </Button>
      }
      data-testid="grid-card"
      style={style}
      styles={{ body: { padding: 12 } }}
    >
      <QueryError error={grid.error} />
      {grid.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : (
        grid.data && (
          <Descriptions size="small" column={1} styles={{ label: { width: 80 } }}>
            <Descriptions.Item label={t('command.map.grid.level')}>
              {level(grid.data.level)}
            </Descriptions.Item>
            <Descriptions.Item label={t('command.map.grid.code')}>{grid.data.code}</Descriptions.Item>
            <Descriptions.Item label={t('command.map.grid.households')}>
              {count(grid.data.households)}
            </Descriptions.Item>
            <Descriptions.Item label={t('command.map.grid.population')}>
              {count(grid.data.population)}
            </Descriptions.Item>
            {grid.data.responsibleUnit && (
              <Descriptions.Item label={t('command.map.grid.responsibleUnit')}>
                {grid.data.responsibleUnit}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('command.map.grid.openCases')}>
              <span data-testid="grid-card-open">{count(open.data?.all)}</span>
              <Link to={`/cases?queue=all&grid=${encodeURIComponent(code)}`} style={{ marginLeft: 12 }}>
                {t('command.map.grid.openList')}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('command.map.grid.staff')}>
              {posts.data && posts.data.length === 0 && t('command.map.grid.noStaff')}
              {posts.data && posts.data.length > 0 && (
                <div data-testid="grid-card-staff">
                  {posts.data.map((p) => (
                    <div key={p.id}>{`${localName(p.postZh, p.postEn)} ${p.holder}`}</div>
                  ))}
                </div>
              )}
            </Descriptions.Item>
            {patrols && holders.length > 0 && (
              <Descriptions.Item label={t('command.map.grid.lastPatrol')}>
                {lastPatrol.latest
                  ? t('command.map.grid.patrolOf', {
                      name: lastPatrol.latest.userName,
                      time: formatTime(lastPatrol.latest.startedAt),
                    })
                  : lastPatrol.loading
                    ? '…'
                    : t('command.map.grid.noPatrol')}
              </Descriptions.Item>
            )}
          </Descriptions>
        )
      )}
    </Card>
  )
}
