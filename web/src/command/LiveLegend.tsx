import { Checkbox } from 'antd'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { LEVEL_COLORS } from '../map/gridLayer'
import type { LayerToggles } from './LiveMap'
import { LIGHT_COLOURS, WORKER_COLOUR } from './layers'

const dot = (colour: string, size = 10): CSSProperties => ({
  display: 'inline-block',
  width: size,
  height: size,
  borderRadius: '50%',
  background: colour,
  border: '1.5px solid #fff',
  boxShadow: '0 0 0 1px rgba(0,0,0,0.15)',
  flex: 'none',
})
const row: CSSProperties = { display: 'flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }
const heading: CSSProperties = { fontWeight: 600, marginBottom: 2 }

/**
 * The map's key: the lights, a cluster, a worker and the grid levels, and the switches of its layers
 * (the workers' only for patrol.read holders). Over the map at a desk, under it on a phone.
 */
export function LiveLegend({
  layers,
  onLayers,
  workers,
  grids,
  style,
}: {
  layers: LayerToggles
  onLayers: (layers: LayerToggles) => void
  /** The reader may see the workers on patrol. */
  workers: boolean
  /** The grid outlines are drawn (grid.read). */
  grids: boolean
  style: CSSProperties
}) {
  const { t } = useTranslation()
  const lights = (['red', 'yellow', 'green', 'none'] as const).map((light) => (
    <span key={light} style={row}>
      <span style={dot(LIGHT_COLOURS[light])} />
      {t(`command.map.legend.${light}`)}
    </span>
  ))
  const toggle = (key: keyof LayerToggles) => (
    <Checkbox
      checked={layers[key]}
      onChange={(e) => onLayers({ ...layers, [key]: e.target.checked })}
      data-testid={`layer-${key}`}
    >
      {t(`command.map.layers.${key}`)}
    </Checkbox>
  )
  return (
    <section data-testid="live-legend" aria-label={t('command.map.legend.title')} style={style}>
      <div style={heading}>{t('command.map.legend.title')}</div>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12, rowGap: 2 }}>
        {lights}
        <span style={row}>
          <span style={{ ...dot(LIGHT_COLOURS.yellow, 18), display: 'grid', placeItems: 'center' }}>
            <span style={{ color: '#fff', fontSize: 10, lineHeight: 1 }}>8</span>
          </span>
          {t('command.map.legend.cluster')}
        </span>
        {workers && (
          <span style={row}>
            <span
              style={{
                width: 16,
                height: 16,
                borderRadius: 4,
                background: WORKER_COLOUR,
                color: '#fff',
                fontSize: 10,
                display: 'grid',
                placeItems: 'center',
              }}
            >
              巡
            </span>
            {t('command.map.legend.worker')}
          </span>
        )}
        {grids &&
          (Object.keys(LEVEL_COLORS) as (keyof typeof LEVEL_COLORS)[]).map((level) => (
            <span key={level} style={row}>
              <span style={{ width: 14, borderTop: `3px solid ${LEVEL_COLORS[level]}` }} />
              {t(`map.level.${level}`)}
            </span>
          ))}
      </div>
      <div style={{ ...heading, marginTop: 6 }}>{t('command.map.layers.title')}</div>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 4 }}>
        {toggle('events')}
        {toggle('heat')}
        {workers && toggle('workers')}
      </div>
    </section>
  )
}
