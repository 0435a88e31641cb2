import { useTranslation } from 'react-i18next'
import { LEVEL_COLORS } from './gridLayer'

type Level = keyof typeof LEVEL_COLORS

/** Line colour by level, in a corner of a staff map; `levels` narrows it to what the map draws. */
export function GridLegend({ levels = Object.keys(LEVEL_COLORS) as Level[] }: { levels?: Level[] }) {
  const { t } = useTranslation()
  return (
    <div
      data-testid="grid-legend"
      role="note"
      aria-label={t('map.legend')}
      style={{
        position: 'absolute',
        left: 8,
        bottom: 8,
        zIndex: 1,
        padding: '4px 8px',
        background: 'rgba(255,255,255,0.9)',
        borderRadius: 4,
        fontSize: 12,
        lineHeight: '18px',
        boxShadow: '0 1px 2px rgba(0,0,0,0.15)',
        pointerEvents: 'none',
        whiteSpace: 'nowrap',
      }}
    >
      {levels.map((level) => (
        <div key={level} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <span style={{ width: 16, height: 0, borderTop: `3px solid ${LEVEL_COLORS[level]}` }} />
          {t(`map.level.${level}`)}
        </div>
      ))}
    </div>
  )
}
