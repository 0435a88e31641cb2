import { Alert, Grid as AntGrid, Card, Flex, Tag, Tooltip } from 'antd'
import { type CSSProperties, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useCan } from '../auth/auth.api'
import { QueryError } from '../common/QueryError'
import { useGrid, useGridRoots } from '../grids/grids.api'
import { useBaseMap } from '../map/basemap'
import { DEFAULT_CENTER } from '../map/MapView'
import { EventCard } from './EventCard'
import { FiltersBar } from './FiltersBar'
import { DEFAULT_FILTERS, type MapFilters } from './filters'
import { GridCard } from './GridCard'
import { LiveLegend } from './LiveLegend'
import { type LayerToggles, LiveMap, type StartView } from './LiveMap'
import type { Box, MapPoint } from './liveMap.api'
import { useLiveMapData } from './useLiveMapData'

type Selection = { kind: 'event'; point: MapPoint } | { kind: 'grid'; code: string } | null

const DEFAULT_ZOOM = 12
const CARD_WIDTH = 320

/** `?lng=&lat=&z=`: a view to open on (a link from elsewhere, a journey); else the reader's area. */
function startFromUrl(params: URLSearchParams): StartView | null {
  const lng = Number(params.get('lng'))
  const lat = Number(params.get('lat'))
  const zoom = Number(params.get('z') ?? DEFAULT_ZOOM)
  const valid =
    params.has('lng') &&
    params.has('lat') &&
    Math.abs(lng) <= 180 &&
    Math.abs(lat) <= 90 &&
    zoom >= 0 &&
    zoom <= 22
  return valid ? { center: [lng, lat], zoom } : null
}

const overlay: CSSProperties = {
  position: 'absolute',
  zIndex: 1,
  background: 'rgba(255,255,255,0.94)',
  borderRadius: 6,
  boxShadow: '0 1px 4px rgba(0,0,0,0.18)',
}
const legendBox: CSSProperties = { fontSize: 12, lineHeight: '20px', padding: '6px 10px' }

/**
 * 事件一张图: the command centre's live map of the reader's area. The open events in view, by their
 * traffic light (clusters when zoomed out, or heat), the workers on patrol, the grids; filters; live
 * changes over the socket; a click opens the event's or the grid's card.
 */
export function LiveMapPage() {
  const { t } = useTranslation()
  const phone = AntGrid.useBreakpoint().lg === false
  const can = useCan()
  const tiles = can('grid.read')
  const patrols = can('patrol.read')
  const base = useBaseMap()
  const [params] = useSearchParams()
  const [fromUrl] = useState(() => startFromUrl(params))
  const roots = useGridRoots(tiles && fromUrl === null)
  const rootBox = roots.data?.items[0]?.bbox
  const fitBox = useMemo(() => (rootBox ? (rootBox as Box) : null), [rootBox])
  const [filters, setFilters] = useState<MapFilters>(DEFAULT_FILTERS)
  const [layers, setLayers] = useState<LayerToggles>({ events: true, heat: false, workers: true })
  const [view, setView] = useState<Box | null>(null)
  const [selection, setSelection] = useState<Selection>(null)
  const data = useLiveMapData({ view, filters, positions: patrols && layers.workers })
  const points = useMemo(() => [...data.points.values()], [data.points])
  // The card keeps the event as last seen when it leaves the map (closed meanwhile).
  const event = selection?.kind === 'event' ? (data.points.get(selection.point.id) ?? selection.point) : null
  const gridCode = selection?.kind === 'grid' ? selection.code : null
  const grid = useGrid(gridCode)

  const close = () => setSelection(null)
  const cardStyle: CSSProperties = phone
    ? { width: '100%' }
    : { width: CARD_WIDTH, boxShadow: '0 2px 8px rgba(0,0,0,0.15)' }
  const card = event ? (
    <EventCard point={event} onClose={close} style={cardStyle} />
  ) : gridCode ? (
    <GridCard code={gridCode} patrols={patrols} onClose={close} style={cardStyle} />
  ) : null

  const status = (
    <Flex gap={8} align="center" wrap>
      {view && !data.tooLarge && (
        <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }} data-testid="live-count">
          {t('command.map.count', { count: points.length })}
        </span>
      )}
      <Tooltip title={t(data.connected ? 'command.map.liveHint' : 'command.map.offlineHint')}>
        <Tag
          color={data.connected ? 'success' : 'default'}
          data-testid="live-status"
          data-live={data.connected}
          style={{ marginInlineEnd: 0 }}
        >
          {t(data.connected ? 'command.map.live' : 'command.map.offline')}
        </Tag>
      </Tooltip>
    </Flex>
  )
  const legend = (
    <LiveLegend
      layers={layers}
      onLayers={setLayers}
      workers={patrols}
      grids={tiles}
      style={
        phone
          ? { ...legendBox, border: '1px solid #f0f0f0', borderRadius: 6 }
          : { ...overlay, ...legendBox, left: 12, bottom: 12, maxWidth: 420 }
      }
    />
  )
  const hint = data.tooLarge
    ? t('command.map.zoomIn')
    : data.truncated
      ? t('command.map.truncated', { count: points.length })
      : null

  return (
    <Card
      title={t('command.map.title')}
      extra={status}
      styles={{ body: { padding: phone ? 8 : 16 }, header: phone ? { padding: '0 8px' } : undefined }}
    >
      <Flex vertical gap={phone ? 8 : 12}>
        <FiltersBar filters={filters} onChange={setFilters} phone={phone} />
        <QueryError error={data.error} />
        <div
          style={{
            position: 'relative',
            height: phone ? '60vh' : 'calc(100vh - 250px)',
            minHeight: phone ? 320 : 480,
            border: '1px solid #f0f0f0',
          }}
        >
          {base && (
            <LiveMap
              base={base}
              tiles={tiles}
              start={fromUrl ?? { center: DEFAULT_CENTER, zoom: DEFAULT_ZOOM }}
              fitBox={fromUrl ? null : fitBox}
              points={points}
              workers={data.workers}
              layers={layers}
              selectedEvent={event?.id ?? null}
              selectedGrid={grid.data ?? null}
              onView={setView}
              onPickEvent={(id) => {
                const point = data.points.get(id)
                if (point) setSelection({ kind: 'event', point })
              }}
              onPickGrid={(code) => setSelection(code ? { kind: 'grid', code } : null)}
              style={{ position: 'absolute', inset: 0 }}
            />
          )}
          {hint && (
            <Alert
              type={data.tooLarge ? 'info' : 'warning'}
              showIcon
              title={hint}
              data-testid="live-hint"
              style={{
                ...overlay,
                top: 12,
                left: 12,
                right: phone ? 12 : CARD_WIDTH + 24,
                padding: '4px 12px',
              }}
            />
          )}
          {!phone && legend}
          {!phone && card && (
            <div
              style={{
                position: 'absolute',
                top: 12,
                right: 12,
                zIndex: 2,
                maxHeight: 'calc(100% - 24px)',
                overflow: 'auto',
              }}
            >
              {card}
            </div>
          )}
        </div>
        {phone && card}
        {phone && legend}
      </Flex>
    </Card>
  )
}
