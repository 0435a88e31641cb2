import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../config'
import { basemapOf, basemapOrigins } from './basemap.config'

const KEY = '0123456789abcdef0123456789abcdef'

function refused(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.message
    throw error
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`)
}

describe('base map settings', () => {
  it('draws no base map by default', () => {
    expect(basemapOf(loadConfig({}))).toEqual({ kind: 'none' })
    expect(basemapOrigins(basemapOf(loadConfig({})))).toEqual([])
  })

  it('takes a raster template or a style URL, with its datum and credit', () => {
    const raster = basemapOf(
      loadConfig({
        WANGGE_BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png',
        WANGGE_BASEMAP_CRS: 'gcj02',
        WANGGE_BASEMAP_ATTRIBUTION: '© 示例',
      }),
    )
    expect(raster).toEqual({
      kind: 'raster',
      layers: [['https://tiles.example.cn/{z}/{x}/{y}.png']],
      maxzoom: 18,
      attribution: '© 示例',
      crs: 'gcj02',
    })
    expect(basemapOrigins(raster)).toEqual(['https://tiles.example.cn'])
    const style = basemapOf(loadConfig({ WANGGE_BASEMAP_URL: 'http://10.0.0.5:8080/style.json' }))
    expect(style).toMatchObject({ kind: 'style', crs: 'wgs84' })
    expect(basemapOrigins(style)).toEqual(['http://10.0.0.5:8080'])
  })

  it('has 天地图 (WGS-84) with a key alone and 高德 (GCJ-02) as presets', () => {
    const tianditu = basemapOf(loadConfig({ WANGGE_TIANDITU_KEY: KEY }))
    expect(tianditu).toMatchObject({ kind: 'raster', crs: 'wgs84' })
    expect(basemapOrigins(tianditu)).toHaveLength(8)
    const amap = basemapOf(loadConfig({ WANGGE_BASEMAP_PRESET: 'amap' }))
    expect(amap).toMatchObject({ kind: 'raster', crs: 'gcj02', attribution: '© 高德地图' })
  })

  it('stops the start on bad or clashing values, naming the variable', () => {
    expect(refused({ WANGGE_BASEMAP_URL: 'ftp://tiles.example.cn/{z}/{x}/{y}' })).toMatch(
      /^invalid configuration: WANGGE_BASEMAP_URL=/,
    )
    expect(refused({ WANGGE_BASEMAP_URL: 'https://t.example.cn/{z}/{x}.png' })).toMatch(
      /must hold all of \{z\}, \{x\} and \{y\}/,
    )
    expect(refused({ WANGGE_BASEMAP_CRS: 'bd09' })).toMatch(/^invalid configuration: WANGGE_BASEMAP_CRS=/)
    expect(refused({ WANGGE_BASEMAP_PMTILES: '/srv/city.mbtiles' })).toMatch(
      /WANGGE_BASEMAP_PMTILES=.* must name a \.pmtiles file/,
    )
    expect(refused({ WANGGE_BASEMAP_PRESET: 'tianditu' })).toMatch(/needs WANGGE_TIANDITU_KEY/)
    expect(refused({ WANGGE_BASEMAP_PRESET: 'amap', WANGGE_BASEMAP_CRS: 'wgs84' })).toMatch(
      /contradicts the chosen base map, which is gcj02/,
    )
    expect(
      refused({
        WANGGE_BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png',
        WANGGE_BASEMAP_PMTILES: '/srv/city.pmtiles',
      }),
    ).toMatch(/choose one base map/)
    // The key is named, never echoed.
    const badKey = refused({ WANGGE_TIANDITU_KEY: 'secret-but-wrong' })
    expect(badKey).toMatch(/^invalid configuration: WANGGE_TIANDITU_KEY must be/)
    expect(badKey).not.toContain('secret-but-wrong')
  })
})
