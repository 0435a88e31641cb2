import { AimOutlined } from '@ant-design/icons'
import { Alert, App, Breadcrumb, Button, Flex, Typography } from 'antd'
import type { LngLatBoundsLike } from 'maplibre-gl'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Me } from '../api/types'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { useLevelName } from '../grids/GridDetails'
import { useGrid, useGridRoots } from '../grids/grids.api'
import { AddressSearch } from '../ledgers/places/AddressSearch'
import { boundsOf } from '../map/fit'
import { roundPoint } from '../map/pointPick'
import { CaseMap } from './CaseMap'
import { type Point, useLocate } from './cases.api'

/** The grants under which the reader reports events. */
export const reportingGrants = (me: Me) =>
  me.grants.filter((g) => g.permissions.includes('case.report') || g.permissions.includes('*'))

/** Where the map opens: the reporter's own grid, else the first grid tree root they may see. */
function useHomeBounds(enabled: boolean): LngLatBoundsLike | null {
  const me = useCurrentUser()
  // A code is its ancestors' segments in a row, as its path is the same segments dotted (grids.code.ts).
  const own = reportingGrants(me)
    .map((g) => (g.scope.type === 'grid' ? g.scope.path : ''))
    .find((path) => path !== '')
  const ownCode = own ? own.replaceAll('.', '') : null
  const roots = useGridRoots(enabled && ownCode === null)
  const grid = useGrid(enabled ? ownCode : null)
  // [west, south, east, north], which openapi types as a plain array.
  const root = (roots.data?.items[0]?.bbox ?? null) as [number, number, number, number] | null
  return useMemo(() => (grid.data ? boundsOf(grid.data.boundary) : root), [grid.data, root])
}

/** The phone's own position, asked once per tap; null when refused or unavailable. */
function useGeolocation() {
  const [locating, setLocating] = useState(false)
  const locate = (onPoint: (point: Point | null) => void) => {
    if (!navigator.geolocation) return onPoint(null)
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false)
        onPoint(roundPoint({ lng: position.coords.longitude, lat: position.coords.latitude }))
      },
      () => {
        setLocating(false)
        onPoint(null)
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    )
  }
  return { locating, locate }
}

/**
 * The event's point: a click on the map, or the phone's position ("use my location", the map centres
 * on it); below, its coordinates and the grids that cover it.
 */
export function CasePointPicker({
  value,
  onChange,
  hint,
}: {
  value?: Point
  onChange?: (point: Point) => void
  /** The words above the map (another form picking a point says what it picks). */
  hint?: string
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const can = useCan()
  const levelName = useLevelName()
  const tiles = can('grid.read')
  const bounds = useHomeBounds(tiles)
  const point = value ?? null
  const located = useLocate(point, tiles)
  const chain = located.data?.chain
  const geo = useGeolocation()
  const [follow, setFollow] = useState(0)

  const locateMe = () =>
    geo.locate((mine) => {
      if (!mine) return void message.warning(t('cases.create.locateFailed'))
      onChange?.(mine)
      setFollow((n) => n + 1)
    })

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" justify="space-between" wrap>
        <Typography.Text type="secondary">{hint ?? t('cases.create.pickHint')}</Typography.Text>
        {can('ledger.read') && (
          <AddressSearch
            onPick={(at) => {
              onChange?.(at)
              setFollow((n) => n + 1)
            }}
          />
        )}
        <Button
          icon={<AimOutlined />}
          size="large"
          loading={geo.locating}
          onClick={locateMe}
          data-testid="case-locate-me"
        >
          {t('cases.create.locateMe')}
        </Button>
      </Flex>
      <CaseMap point={point} bounds={bounds} onPick={onChange} follow={follow} tiles={tiles} height={360} />
      {point && (
        <Typography.Text data-testid="case-picked">
          {t('cases.lngLat', { longitude: point.lng.toFixed(6), latitude: point.lat.toFixed(6) })}
        </Typography.Text>
      )}
      {point && chain && chain.length > 0 && (
        <Breadcrumb
          data-testid="case-picked-grids"
          items={chain.map((g) => ({
            key: g.code,
            title: <span title={`${levelName(g.level)} ${g.code}`}>{g.name}</span>,
          }))}
        />
      )}
      {point && chain?.length === 0 && (
        <Alert type="warning" showIcon title={t('cases.create.outside')} data-testid="case-picked-outside" />
      )}
    </Flex>
  )
}
