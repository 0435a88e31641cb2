import { Grid as AntGrid, Card } from 'antd'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grid } from '../api/types'
import { QueryError } from '../common/QueryError'
import { GridDetails } from './GridDetails'
import { GridImportButton, type ImportOutcome, ImportResult } from './GridImport'
import { GridMap } from './GridMap'
import { GridTree } from './GridTree'
import { useGrid, useGridRoots } from './grids.api'
import { deskMap, deskOverlay, deskRow, deskTree, phoneColumn, phoneMap } from './gridsPage.styles'
import { MergePanel } from './reshape/MergePanel'
import type { ReshapeResult } from './reshape/reshape.api'
import { SplitPanel } from './reshape/SplitPanel'

type Reshape = { kind: 'split' | 'merge'; grid: Grid } | null

/**
 * The grid page 网格: the reader's tree beside the map at a desk, above it on a phone, with the picked
 * grid's details (over the map at a desk, under it on a phone), and its edit, split and merger.
 */
export function GridsPage() {
  const { t } = useTranslation()
  const phone = AntGrid.useBreakpoint().lg === false
  const roots = useGridRoots()
  const [selectedCode, setSelectedCode] = useState<string | null>(null)
  const [fitSelection, setFitSelection] = useState(false)
  const [focus, setFocus] = useState<Grid | null>(null)
  const [outcome, setOutcome] = useState<ImportOutcome>(null)
  const [tilesVersion, setTilesVersion] = useState(0)
  const [map, setMap] = useState<MapLibreMap | null>(null)
  const [reshape, setReshape] = useState<Reshape>(null)
  const [mapPick, setMapPick] = useState<{ code: string; n: number } | null>(null)
  const [reload, setReload] = useState<{ code: string; n: number } | null>(null)
  const selected = useGrid(selectedCode)
  // The map opens on the reader's first root: the whole district, or a street chief's own street.
  const home = useGrid(roots.data?.items[0]?.code ?? null)

  useEffect(() => {
    if (home.data) setFocus((current) => current ?? home.data)
  }, [home.data])

  useEffect(() => {
    if (fitSelection && selected.data) {
      setFocus(selected.data)
      setFitSelection(false)
    }
  }, [fitSelection, selected.data])

  const select = (code: string, fit: boolean) => {
    setSelectedCode(code)
    setFitSelection(fit)
  }
  const onImport = (result: ImportOutcome) => {
    setOutcome(result)
    if (result?.kind === 'created') setTilesVersion((v) => v + 1)
  }
  const onPick = (code: string) => {
    if (reshape?.kind === 'merge') setMapPick((p) => ({ code, n: (p?.n ?? 0) + 1 }))
    else if (!reshape) select(code, false)
  }
  // After a split or a merger the tiles and the parent's children change; the first new grid shows.
  const onReshaped = (result: ReshapeResult) => {
    const parent = reshape?.grid.parentCode
    setReshape(null)
    setTilesVersion((v) => v + 1)
    if (parent) setReload((r) => ({ code: parent, n: (r?.n ?? 0) + 1 }))
    const first = result.created[0]
    if (first) select(first.code, false)
  }

  const panel = reshape ? (
    reshape.kind === 'split' ? (
      <SplitPanel grid={reshape.grid} map={map} onDone={onReshaped} onCancel={() => setReshape(null)} />
    ) : (
      <MergePanel
        grid={reshape.grid}
        map={map}
        mapPick={mapPick}
        onDone={onReshaped}
        onCancel={() => setReshape(null)}
      />
    )
  ) : null
  const side = (
    <>
      <QueryError error={selected.error} />
      {panel && (
        <Card
          size="small"
          style={phone ? undefined : { width: 320, boxShadow: '0 2px 8px rgba(0,0,0,0.15)' }}
        >
          {panel}
        </Card>
      )}
      {!panel && selectedCode && selected.data && (
        <GridDetails
          grid={selected.data}
          inline={phone}
          onPick={(code) => select(code, true)}
          onClose={() => setSelectedCode(null)}
          onReshape={(kind) => setReshape({ kind, grid: selected.data })}
        />
      )}
    </>
  )
  const mapBox = (
    <GridMap
      selected={reshape ? null : (selected.data ?? null)}
      focus={focus}
      onPick={onPick}
      tilesVersion={tilesVersion}
      drawing={reshape?.kind === 'split'}
      onReady={setMap}
    />
  )
  const tree = (
    <GridTree
      selectedCode={selectedCode}
      onSelect={(code) => select(code, true)}
      reload={reload}
      compact={phone}
    />
  )

  return (
    <Card
      title={t('menu.grids')}
      extra={roots.data?.abilities.includes('import') ? <GridImportButton onOutcome={onImport} /> : null}
      styles={{ body: { padding: phone ? 8 : 16 } }}
    >
      <ImportResult outcome={outcome} onClose={() => setOutcome(null)} />
      {/* One structure at both sizes: the map stays mounted when a tablet turns. */}
      <div style={phone ? phoneColumn : deskRow}>
        <div style={phone ? phoneColumn : deskTree}>{tree}</div>
        <div style={phone ? phoneMap : deskMap}>
          {mapBox}
          {!phone && <div style={deskOverlay}>{side}</div>}
        </div>
        {phone && side}
      </div>
    </Card>
  )
}
