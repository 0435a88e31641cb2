import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl'
import type { Grid } from '../../api/types'
import type { LngLatPair } from './reshape.api'

type SourceData = Parameters<GeoJSONSource['setData']>[0]
const EMPTY: SourceData = { type: 'FeatureCollection', features: [] }
const LINE = 'reshape-line'
const PIECES = 'reshape-pieces'

/** One colour per piece (a split's parts, a merger's grids): the panel shows the same beside each name. */
export const PIECE_COLOURS = ['#1677ff', '#52c41a', '#eb2f96', '#fa8c16', '#722ed1', '#13c2c2', '#a0d911']
export const pieceColour = (index: number) => PIECE_COLOURS[index % PIECE_COLOURS.length] as string

const colourByIndex = [
  'match',
  ['%', ['get', 'index'], PIECE_COLOURS.length],
  ...PIECE_COLOURS.flatMap((c, i) => [i, c]),
  '#888',
] as unknown as string // a MapLibre expression: the style types want the colour it evaluates to

export const reshapeSources: Record<string, SourceSpecification> = {
  [LINE]: { type: 'geojson', data: EMPTY },
  [PIECES]: { type: 'geojson', data: EMPTY },
}

/** The pieces tinted under the cutting line; the line dashed red with its vertices. */
export const reshapeLayers: LayerSpecification[] = [
  {
    id: 'reshape-pieces-fill',
    type: 'fill',
    source: PIECES,
    paint: { 'fill-color': colourByIndex, 'fill-opacity': 0.4 },
  },
  {
    id: 'reshape-pieces-line',
    type: 'line',
    source: PIECES,
    paint: { 'line-color': colourByIndex, 'line-width': 2 },
  },
  {
    id: 'reshape-line',
    type: 'line',
    source: LINE,
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: { 'line-color': '#cf1322', 'line-width': 3, 'line-dasharray': [2, 1] },
  },
  {
    id: 'reshape-vertices',
    type: 'circle',
    source: LINE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 5,
      'circle-color': '#fff',
      'circle-stroke-color': '#cf1322',
      'circle-stroke-width': 2,
    },
  },
]

function setData(map: MapLibreMap, id: string, data: SourceData) {
  ;(map.getSource(id) as GeoJSONSource | undefined)?.setData(data)
}

/** The line being drawn: its vertices, and the line once it has two. */
export function showCutLine(map: MapLibreMap, line: LngLatPair[]) {
  setData(map, LINE, {
    type: 'FeatureCollection',
    features: [
      ...line.map((p) => ({
        type: 'Feature' as const,
        properties: {},
        geometry: { type: 'Point' as const, coordinates: p },
      })),
      ...(line.length >= 2
        ? [
            {
              type: 'Feature' as const,
              properties: {},
              geometry: { type: 'LineString' as const, coordinates: line },
            },
          ]
        : []),
    ],
  })
}

/** The pieces, each in its colour (empty: none). */
export function showPieces(map: MapLibreMap, pieces: Grid['boundary'][]) {
  setData(map, PIECES, {
    type: 'FeatureCollection',
    features: pieces.map((boundary, index) => ({
      type: 'Feature',
      properties: { index },
      geometry: boundary,
    })),
  })
}

export function clearReshape(map: MapLibreMap) {
  showCutLine(map, [])
  showPieces(map, [])
}
