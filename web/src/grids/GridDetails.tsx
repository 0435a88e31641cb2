import { Breadcrumb, Button, Card, Descriptions, Flex } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../api/types'
import { GridEditDialog } from './GridEditDialog'
import { GridLineage } from './GridLineage'
import { GridStaff } from './GridStaff'

/** A level or sector key in the reader's language, the key itself when the scheme has one unnamed here. */
export function useLevelName() {
  const { t, i18n } = useTranslation()
  return (level: string) => (i18n.exists(`grids.levels.${level}`) ? t(`grids.levels.${level}`) : level)
}

interface GridDetailsProps {
  grid: Grid
  onPick: (code: string) => void
  onClose: () => void
  /** Starts a split or a merger on the map (offered by the grid's abilities). */
  onReshape: (kind: 'split' | 'merge') => void
  /** Below the map (a phone) rather than over it. */
  inline?: boolean
}

export function GridDetails({ grid, onPick, onClose, onReshape, inline }: GridDetailsProps) {
  const { t, i18n } = useTranslation()
  const [editing, setEditing] = useState(false)
  const can = (action: 'edit' | 'split' | 'merge') => grid.abilities.includes(action)
  const levelName = useLevelName()
  const sector = grid.sector
    ? i18n.exists(`grids.sectors.${grid.sector}`)
      ? t(`grids.sectors.${grid.sector}`)
      : grid.sector
    : null
  const count = (value: number | null) => (value === null ? '—' : value.toLocaleString(i18n.language))

  return (
    <Card
      size="small"
      title={grid.name}
      extra={
        <Button type="text" onClick={onClose} aria-label={t('grids.close')}>
          ×
        </Button>
      }
      data-testid="grid-details"
      style={inline ? { width: '100%' } : { width: 300, boxShadow: '0 2px 8px rgba(0,0,0,0.15)' }}
      styles={{ body: { padding: 12 } }}
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        data-testid="grid-breadcrumb"
        items={[
          ...grid.ancestors.map((a) => ({
            key: a.code,
            title: (
              <a
                href={`#${a.code}`}
                onClick={(event) => {
                  event.preventDefault()
                  onPick(a.code)
                }}
              >
                {a.name}
              </a>
            ),
          })),
          { key: grid.code, title: grid.name },
        ]}
      />
      <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('grids.code')}>
          <span data-testid="grid-code">{grid.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('grids.name')}>{grid.name}</Descriptions.Item>
        <Descriptions.Item label={t('grids.level')}>{levelName(grid.level)}</Descriptions.Item>
        <Descriptions.Item label={t('grids.households')}>{count(grid.households)}</Descriptions.Item>
        <Descriptions.Item label={t('grids.population')}>{count(grid.population)}</Descriptions.Item>
        <Descriptions.Item label={t('grids.exclusive')}>
          {grid.exclusive ? (sector ?? t('common.yes')) : t('grids.notExclusive')}
        </Descriptions.Item>
        <Descriptions.Item label={t('grids.childCount')}>{grid.childCount}</Descriptions.Item>
        {grid.validTo && (
          <Descriptions.Item label={t('grids.retiredOn')}>
            <span data-testid="grid-retired">{grid.validTo.slice(0, 10)}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {grid.abilities.length > 0 && (
        <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="grid-actions">
          {can('edit') && <Button onClick={() => setEditing(true)}>{t('grids.edit.button')}</Button>}
          {can('split') && <Button onClick={() => onReshape('split')}>{t('grids.split.button')}</Button>}
          {can('merge') && <Button onClick={() => onReshape('merge')}>{t('grids.merge.button')}</Button>}
        </Flex>
      )}
      <GridLineage grid={grid} onPick={onPick} />
      <GridStaff code={grid.code} />
      {editing && <GridEditDialog grid={grid} onClose={() => setEditing(false)} />}
    </Card>
  )
}
