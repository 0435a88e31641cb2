import { Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../api/types'
import { useFormatTime } from '../common/format'

/** Where the grid came from and what it became 沿革: each split, merger or re-coding, when and by whom. */
export function GridLineage({ grid, onPick }: { grid: Grid; onPick: (code: string) => void }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  if (grid.lineage.length === 0) return null
  return (
    <div data-testid="grid-lineage" style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('grids.lineage.title')}</Typography.Text>
      <Timeline
        style={{ marginTop: 8 }}
        items={grid.lineage.map((l) => ({
          key: `${l.direction}:${l.code}`,
          content: (
            <>
              {t(`grids.lineage.${l.direction}.${l.kind}`)}{' '}
              <a
                href={`#${l.code}`}
                onClick={(event) => {
                  event.preventDefault()
                  onPick(l.code)
                }}
              >
                {l.name} {l.code}
              </a>
              <br />
              <Typography.Text type="secondary">
                {formatTime(l.recordedAt)}
                {l.recordedBy ? ` · ${l.recordedBy}` : ''}
                {l.reason ? ` · ${l.reason}` : ''}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </div>
  )
}
