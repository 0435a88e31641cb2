import { Button, List } from 'antd'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cached, db, type LedgerCopy } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { metresBetween } from '../patrol/sampler'
import type { MyGrid } from '../sync/today'
import { useHere } from '../useHere'
import { useLive } from '../useLive'
import type { BuildingSpot } from './GridMap'
import { type HouseholdView, householdTitle } from './householdView'

/** MapLibre comes only with the map, never with the list. */
const GridMap = lazy(() => import('./GridMap'))

/** How many of the nearest buildings the list under the map shows. */
const NEAREST = 8

interface BuildingCopyView {
  name?: string
  address?: string
  point?: { lng: number; lat: number }
}

interface Spots {
  spots: BuildingSpot[]
  byBuilding: Map<string, LedgerCopy[]>
}

/** The phone's buildings with a position, and the households it holds in each. */
async function loadSpots(): Promise<Spots> {
  const byBuilding = new Map<string, LedgerCopy[]>()
  for (const h of await db.households.toArray()) {
    const buildingId = (h.view as HouseholdView).room?.buildingId
    if (buildingId) byBuilding.set(buildingId, [...(byBuilding.get(buildingId) ?? []), h])
  }
  const spots: BuildingSpot[] = []
  for (const b of await db.buildings.toArray()) {
    const v = b.view as BuildingCopyView
    if (!v.point) continue
    spots.push({
      id: b.id,
      name: v.name ?? v.address ?? b.id,
      lng: v.point.lng,
      lat: v.point.lat,
      households: byBuilding.get(b.id)?.length ?? 0,
    })
  }
  return { spots, byBuilding }
}

/**
 * 网格地图: my grids' buildings on a map from the phone's copy (offline), the nearest ones listed
 * under it, and the households of the building picked on either; a household opens its page.
 */
export function BuildingsMapView() {
  const { t } = useTranslation()
  const { here } = useHere()
  const [selected, setSelected] = useState<string | null>(null)
  const { spots, byBuilding } = useLive(loadSpots, [], { spots: [], byBuilding: new Map() } as Spots)
  const grids = useLive(async () => (await cached<MyGrid[]>('myGrids'))?.value ?? [], [], [] as MyGrid[])
  const distance = (s: BuildingSpot) =>
    here ? metresBetween({ lon: here.lng, lat: here.lat }, { lon: s.lng, lat: s.lat }) : null
  const nearest = [...spots]
    .sort((a, b) => (distance(a) ?? 0) - (distance(b) ?? 0) || a.name.localeCompare(b.name))
    .slice(0, NEAREST)
  const picked = spots.find((s) => s.id === selected)
  const households = picked ? (byBuilding.get(picked.id) ?? []) : []

  return (
    <div data-testid="buildings-map">
      <div className={styles.mapTall}>
        <Suspense fallback={null}>
          <GridMap
            spots={spots}
            grids={grids}
            selected={selected}
            here={here}
            label={(s) => t('field.households.buildingLabel', { name: s.name, count: s.households })}
            onSelect={setSelected}
          />
        </Suspense>
      </div>
      {picked ? (
        <List
          size="small"
          data-testid="building-households"
          header={
            <div className={styles.row}>
              <strong>
                {t('field.households.buildingLabel', { name: picked.name, count: picked.households })}
              </strong>
              <Button size="small" onClick={() => setSelected(null)}>
                {t('field.households.nearest')}
              </Button>
            </div>
          }
          locale={{ emptyText: t('field.households.noneInBuilding') }}
          dataSource={households}
          renderItem={(h) => (
            <List.Item
              key={h.id}
              data-testid="household-row"
              onClick={() => go('households', h.id)}
              style={{ cursor: 'pointer' }}
            >
              {householdTitle(h)}
            </List.Item>
          )}
        />
      ) : (
        <List
          size="small"
          header={<strong>{t('field.households.nearest')}</strong>}
          locale={{ emptyText: t('field.households.noBuildings') }}
          dataSource={nearest}
          renderItem={(s) => {
            const away = distance(s)
            return (
              <List.Item
                key={s.id}
                data-testid="building-row"
                onClick={() => setSelected(s.id)}
                style={{ cursor: 'pointer' }}
              >
                <span>{t('field.households.buildingLabel', { name: s.name, count: s.households })}</span>
                {away !== null && (
                  <span className={styles.muted}>
                    {t('field.households.metres', { count: Math.round(away) })}
                  </span>
                )}
              </List.Item>
            )
          }}
        />
      )}
    </div>
  )
}
