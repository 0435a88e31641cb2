import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'

const COLOURS: Record<string, string> = {
  self_occupied: 'green',
  rented: 'blue',
  vacant: 'default',
  other: 'orange',
}

/** A room's occupancy 居住状况 as a coloured tag (nothing when not recorded). */
export function OccupancyTag({ occupancy }: { occupancy: string | null }) {
  const { t } = useTranslation()
  if (!occupancy) return null
  return (
    <Tag color={COLOURS[occupancy] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {t(`places.occupancies.${occupancy}`, { defaultValue: occupancy })}
    </Tag>
  )
}

export const RELATIONS = ['owner', 'family', 'tenant', 'other'] as const
export const OCCUPANCIES = ['self_occupied', 'rented', 'vacant', 'other'] as const
export const HOUSE_USES = ['residential', 'commercial', 'office', 'industrial', 'mixed', 'other'] as const
export const OWNERSHIPS = ['private', 'public', 'collective', 'unit', 'other'] as const
