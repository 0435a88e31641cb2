import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import type { Grid } from '../api/types'
import { type BaseMap, styleOver, useBaseMap } from '../map/basemap'
import { boundaryToMap } from '../map/crs'
import { boundsOf, fitTo } from '../map/fit'
import { GridLegend } from '../map/GridLegend'
import { deepestGridAt, GRID_SOURCE, gridLayers, gridSource, setGridTilesVersion } from '../map/gridLayer'
import { gridLabelLayer } from '../map/labels'
import { DEFAULT_CENTER, MapView } from '../map/MapView'
import { selectedGridLayers, selectedGridSource, showSelectedGrid } from '../map/selectedGrid'
import { reshapeLayers, reshapeSources } from './reshape/reshapeLayers'

const DEFAULT_ZOOM = 12
const FIT_PADDING = 40
/** Width of the details card over the map's right side, and the map width from which a fit keeps clear of it. */
const CARD_WIDTH = 320
const WIDE_MAP = 2 * CARD_WIDTH

const gridStyle = (base: BaseMap) =>
  styleOver(base, { [GRID_SOURCE]: gridSource(base.crs), selected: selectedGridSource, ...reshapeSources }, [
    ...gridLayers('full'),
    ...selectedGridLayers,
    gridLabelLayer(GRID_SOURCE),
    ...reshapeLayers,
  ])

interface GridMapProps {
  /** The grid whose boundary is highlighted. */
  selected: Grid | null
  /** Where the view goes: the reader's first root at first (the whole map), then what is picked in the tree or the search (clear of the details card). */
  focus: Grid | null
  onPick: (code: string) => void
  /** Bumped when the grids change (an import): the tiles are fetched again. */
  tilesVersion: number
  /** While a cutting line is drawn, clicks are its vertices: they pick no grid. */
  drawing: boolean
  /** The map once its style has loaded (for the split's and the merger's layers), null once removed. */
  onReady: (map: MapLibreMap | null) => void
}

export function GridMap(props: GridMapProps) {
  const base = useBaseMap()
  if (!base) return null
  return (
    <>
      <GridMapOver base={base} {...props} />
      <GridLegend />
    </>
  )
}

function GridMapOver({
  base,
  selected,
  focus,
  onPick,
  tilesVersion,
  drawing,
  onReady,
}: GridMapProps & { base: BaseMap }) {
  const [map, setMap] = useState<MapLibreMap | null>(null)
  // isStyleLoaded() is false again while tiles load; the style itself loads once.
  const [styleLoaded, setStyleLoaded] = useState(false)

  useEffect(() => {
    const shown = selected && { ...selected, boundary: boundaryToMap(selected.boundary, base.crs) }
    if (map && styleLoaded) showSelectedGrid(map, shown)
  }, [map, styleLoaded, selected, base.crs])

  useEffect(() => {
    if (map && tilesVersion !== 0) setGridTilesVersion(map, tilesVersion, base.crs)
  }, [map, tilesVersion, base.crs])

  // Read when the focus changes, not a trigger: a fit to the picked grid keeps clear of its card.
  const shown = useRef(selected)
  shown.current = selected
  useEffect(() => {
    if (!focus || !map) return
    const carded = shown.current?.code === focus.code && map.getContainer().clientWidth >= WIDE_MAP
    const right = carded ? CARD_WIDTH + FIT_PADDING : FIT_PADDING
    fitTo(map, boundsOf(boundaryToMap(focus.boundary, base.crs)), {
      top: FIT_PADDING,
      bottom: FIT_PADDING,
      left: FIT_PADDING,
      right,
    })
  }, [map, focus, base.crs])

  return (
    <MapView
      mapStyle={gridStyle(base)}
      attribution={base.attribution}
      center={DEFAULT_CENTER}
      zoom={DEFAULT_ZOOM}
      onMap={(created) => {
        setMap(created)
        setStyleLoaded(false)
        if (!created) onReady(null)
      }}
      onLoad={(loaded) => {
        setStyleLoaded(true)
        onReady(loaded)
      }}
      onClick={(event, clicked) => {
        if (drawing) return
        const code = deepestGridAt(clicked, event.point)
        if (code) onPick(code)
      }}
      testId="grid-map"
      style={{ position: 'absolute', inset: 0 }}
    />
  )
}
