/** The settings a base map is chosen by (a slice of Config, so this file needs no import of it). */
export interface BasemapSettings {
  WANGGE_BASEMAP_URL?: string | undefined
  WANGGE_BASEMAP_ATTRIBUTION?: string | undefined
  WANGGE_BASEMAP_CRS?: 'wgs84' | 'gcj02' | undefined
  WANGGE_BASEMAP_MAX_ZOOM: number
  WANGGE_BASEMAP_PRESET?: 'tianditu' | 'amap' | undefined
  WANGGE_TIANDITU_KEY?: string | undefined
  WANGGE_BASEMAP_PMTILES?: string | undefined
}

export type Crs = 'wgs84' | 'gcj02'

/** What the web app draws under the grids; `/api/public/map` answers it. */
export type Basemap =
  | { kind: 'none' }
  | { kind: 'raster'; layers: string[][]; maxzoom: number; attribution: string; crs: Crs }
  | { kind: 'style'; url: string; attribution: string; crs: Crs }
  /** The archive WANGGE_BASEMAP_PMTILES names: its format and zooms are read from it at start. */
  | { kind: 'pmtiles'; path: string; attribution: string }

const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`)
const AMAP_HOSTS = [1, 2, 3, 4].map((n) => `https://webrd0${n}.is.autonavi.com`)

/** 天地图's Web Mercator WMTS (`_w`): vec the streets, cva their names, both WGS-84/CGCS2000. */
const tiandituLayer = (layer: 'vec' | 'cva', key: string) =>
  TIANDITU_HOSTS.map(
    (host) =>
      `${host}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`,
  )

/** Which of the base map settings disagree, as the one line a bad start prints; null when they agree. */
export function basemapConflict(s: BasemapSettings): string | null {
  const preset = s.WANGGE_BASEMAP_PRESET ?? (s.WANGGE_TIANDITU_KEY ? 'tianditu' : undefined)
  const chosen = [
    s.WANGGE_BASEMAP_URL && 'WANGGE_BASEMAP_URL',
    preset && 'WANGGE_BASEMAP_PRESET/WANGGE_TIANDITU_KEY',
    s.WANGGE_BASEMAP_PMTILES && 'WANGGE_BASEMAP_PMTILES',
  ].filter(Boolean)
  if (chosen.length > 1) return `choose one base map: ${chosen.join(', ')} are all set`
  if (preset === 'tianditu' && !s.WANGGE_TIANDITU_KEY)
    return 'WANGGE_BASEMAP_PRESET=tianditu needs WANGGE_TIANDITU_KEY (天地图 serves no tile without a key)'
  const fixed = preset === 'amap' ? 'gcj02' : preset || s.WANGGE_BASEMAP_PMTILES ? 'wgs84' : undefined
  if (fixed && s.WANGGE_BASEMAP_CRS && s.WANGGE_BASEMAP_CRS !== fixed)
    return `WANGGE_BASEMAP_CRS=${s.WANGGE_BASEMAP_CRS} contradicts the chosen base map, which is ${fixed}`
  const url = s.WANGGE_BASEMAP_URL
  if (url && /\{z\}/.test(url) !== (/\{x\}/.test(url) && /\{y\}/.test(url)))
    return 'WANGGE_BASEMAP_URL must hold all of {z}, {x} and {y} (a tile template) or none (a style URL)'
  return null
}

/** The base map the settings choose (they passed basemapConflict). */
export function basemapOf(s: BasemapSettings): Basemap {
  const maxzoom = s.WANGGE_BASEMAP_MAX_ZOOM
  const credit = s.WANGGE_BASEMAP_ATTRIBUTION
  if (s.WANGGE_BASEMAP_PMTILES)
    return { kind: 'pmtiles', path: s.WANGGE_BASEMAP_PMTILES, attribution: credit ?? '' }
  const preset = s.WANGGE_BASEMAP_PRESET ?? (s.WANGGE_TIANDITU_KEY ? 'tianditu' : undefined)
  if (preset === 'tianditu' && s.WANGGE_TIANDITU_KEY) {
    const key = s.WANGGE_TIANDITU_KEY
    const layers = [tiandituLayer('vec', key), tiandituLayer('cva', key)]
    return {
      kind: 'raster',
      layers,
      maxzoom,
      attribution: credit ?? '© 天地图 国家地理信息公共服务平台',
      crs: 'wgs84',
    }
  }
  if (preset === 'amap') {
    const tiles = AMAP_HOSTS.map((h) => `${h}/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}`)
    return { kind: 'raster', layers: [tiles], maxzoom, attribution: credit ?? '© 高德地图', crs: 'gcj02' }
  }
  const url = s.WANGGE_BASEMAP_URL
  if (!url) return { kind: 'none' }
  const crs = s.WANGGE_BASEMAP_CRS ?? 'wgs84'
  if (url.includes('{z}')) return { kind: 'raster', layers: [[url]], maxzoom, attribution: credit ?? '', crs }
  return { kind: 'style', url, attribution: credit ?? '', crs }
}

/** The origins the browser fetches the base map from: the CSP lets them in (connect-src, img-src). */
export function basemapOrigins(basemap: Basemap): string[] {
  if (basemap.kind === 'none' || basemap.kind === 'pmtiles') return []
  const urls = basemap.kind === 'style' ? [basemap.url] : basemap.layers.flat()
  // The template's braces are not valid in a host; the origin comes before them.
  return [...new Set(urls.map((u) => new URL(u.replace(/[{}]/g, '')).origin))]
}
