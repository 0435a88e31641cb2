import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Flex, Spin, Typography } from 'antd'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../../api/types'
import { useErrorText } from '../../common/errorText'
import { useBaseMap } from '../../map/basemap'
import { boundaryToMap, lineFromMap } from '../../map/crs'
import { gridsKey } from '../grids.api'
import { previewCut, type ReshapeResult, siblingCodes } from './reshape.api'
import { clearReshape, showPieces } from './reshapeLayers'
import { SplitPartsForm } from './SplitPartsForm'
import { useCutLine } from './useCutLine'

interface SplitPanelProps {
  grid: Grid
  map: MapLibreMap | null
  onDone: (result: ReshapeResult) => void
  onCancel: () => void
}

/**
 * Splitting a grid on the map 拆分: the user draws a line across it (a click per vertex, a double-click
 * or 完成 to end), sees the pieces it cuts, names each and picks its code, then confirms.
 */
export function SplitPanel({ grid, map, onDone, onCancel }: SplitPanelProps) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const cut = useCutLine(map, true)
  // The line is drawn in the map's datum; the server cuts in WGS-84 (a GCJ-02 base map shifts it).
  const crs = useBaseMap()?.crs ?? 'wgs84'
  const preview = useQuery({
    queryKey: [...gridsKey, 'cut', grid.code, cut.line],
    queryFn: () => previewCut(grid.code, lineFromMap(cut.line, crs)),
    enabled: cut.finished,
    retry: false,
  })
  const pieces = preview.data?.parts ?? []
  const codes = useQuery({
    queryKey: [...gridsKey, 'sibling-codes', grid.code, pieces.length],
    queryFn: () => siblingCodes(grid.code, pieces.length),
    enabled: pieces.length >= 2,
  })

  useEffect(() => {
    if (map) showPieces(map, cut.finished ? pieces.map((p) => boundaryToMap(p.boundary, crs)) : [])
  }, [map, cut.finished, pieces, crs])
  useEffect(() => () => void (map && clearReshape(map)), [map])

  const failure = preview.error ?? codes.error
  return (
    <Flex vertical gap={12} data-testid="grid-split">
      <Typography.Text strong>{t('grids.split.title', { name: grid.name })}</Typography.Text>
      {!cut.finished && (
        <>
          <Typography.Text type="secondary">{t('grids.split.drawHint')}</Typography.Text>
          <Typography.Text data-testid="cut-vertices">
            {t('grids.split.vertices', { count: cut.line.length })}
          </Typography.Text>
          <Flex gap={8} wrap>
            <Button disabled={cut.line.length === 0} onClick={cut.undo}>
              {t('grids.split.undo')}
            </Button>
            <Button type="primary" disabled={cut.line.length < 2} onClick={cut.finish}>
              {t('grids.split.finish')}
            </Button>
            <Button onClick={onCancel}>{t('grids.cancel')}</Button>
          </Flex>
        </>
      )}
      {cut.finished && (preview.isPending || codes.isPending) && !failure && <Spin />}
      {cut.finished && failure && (
        <>
          <Alert type="error" showIcon title={errorText(failure)} data-testid="form-error" />
          <Flex gap={8}>
            <Button type="primary" onClick={cut.restart}>
              {t('grids.split.redraw')}
            </Button>
            <Button onClick={onCancel}>{t('grids.cancel')}</Button>
          </Flex>
        </>
      )}
      {cut.finished && preview.data && codes.data && (
        <SplitPartsForm
          grid={grid}
          preview={preview.data}
          codes={codes.data.codes}
          onRedraw={cut.restart}
          onCancel={onCancel}
          onDone={onDone}
        />
      )}
    </Flex>
  )
}
