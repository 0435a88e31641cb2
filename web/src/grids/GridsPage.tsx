import { App, Card, Empty, Input, List, Spin, Tree, type TreeDataNode } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Grid, GridSummary } from '../api/types'
import { useErrorText } from '../common/errorText'
import { QueryError } from '../common/QueryError'
import { GridDetails, useLevelName } from './GridDetails'
import { GridImportButton, type ImportOutcome, ImportResult } from './GridImport'
import { GridMap } from './GridMap'
import { listChildren, useGrid, useGridRoots, useGridSearch } from './grids.api'

interface GridNode extends TreeDataNode {
  key: string
  children?: GridNode[]
}

const LEAF_LEVEL = 'micro'

function toNode(grid: GridSummary, label: (grid: GridSummary) => string): GridNode {
  return { key: grid.code, title: label(grid), isLeaf: grid.level === LEAF_LEVEL }
}

/** The tree with the children of `code` put in place. */
function withChildren(nodes: GridNode[], code: string, children: GridNode[]): GridNode[] {
  return nodes.map((node) => {
    if (node.key === code) return { ...node, children, isLeaf: children.length === 0 }
    if (node.children) return { ...node, children: withChildren(node.children, code, children) }
    return node
  })
}

export function GridsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const levelName = useLevelName()
  const label = (grid: GridSummary) => `${grid.name} · ${levelName(grid.level)} ${grid.code}`
  const roots = useGridRoots()
  const [tree, setTree] = useState<GridNode[]>([])
  const [q, setQ] = useState('')
  const search = useGridSearch(q)
  const [selectedCode, setSelectedCode] = useState<string | null>(null)
  const [fitSelection, setFitSelection] = useState(false)
  const [focus, setFocus] = useState<Grid | null>(null)
  const [outcome, setOutcome] = useState<ImportOutcome>(null)
  const [tilesVersion, setTilesVersion] = useState(0)
  const onImport = (result: ImportOutcome) => {
    setOutcome(result)
    if (result?.kind === 'created') setTilesVersion((v) => v + 1)
  }
  const selected = useGrid(selectedCode)
  // The map opens on the first district the reader may see.
  const district = useGrid(roots.data?.items[0]?.code ?? null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: label follows the language, which also reloads the roots' titles
  useEffect(() => {
    if (roots.data) setTree(roots.data.items.map((g) => toNode(g, label)))
  }, [roots.data, t])

  useEffect(() => {
    if (district.data) setFocus((current) => current ?? district.data)
  }, [district.data])

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

  const loadChildren = async (code: string) => {
    const loaded = await listChildren(code).catch((error: unknown) => {
      void message.error(errorText(error))
      return null
    })
    if (loaded)
      setTree((nodes) =>
        withChildren(
          nodes,
          code,
          loaded.items.map((g) => toNode(g, label)),
        ),
      )
  }

  return (
    <Card
      title={t('menu.grids')}
      extra={<GridImportButton onOutcome={onImport} />}
      styles={{ body: { padding: 16 } }}
    >
      <ImportResult outcome={outcome} onClose={() => setOutcome(null)} />
      <div style={{ display: 'flex', gap: 16, height: 'calc(100vh - 220px)', minHeight: 480 }}>
        <div style={{ width: 340, flex: 'none', display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('grids.searchPlaceholder')}
            onSearch={(value) => setQ(value.trim())}
            data-testid="grid-search"
          />
          <QueryError error={roots.error ?? search.error} />
          {q !== '' && (
            <List<GridSummary>
              size="small"
              bordered
              loading={search.isFetching}
              dataSource={search.data?.items ?? []}
              locale={{ emptyText: t('grids.noResults') }}
              style={{ maxHeight: 220, overflow: 'auto', flex: 'none' }}
              data-testid="grid-search-results"
              renderItem={(grid) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  onClick={() => select(grid.code, true)}
                  data-testid={`grid-result-${grid.code}`}
                >
                  <List.Item.Meta title={grid.name} description={`${levelName(grid.level)} · ${grid.code}`} />
                </List.Item>
              )}
            />
          )}
          <div style={{ flex: 1, overflow: 'auto' }}>
            {roots.isPending ? (
              <Spin />
            ) : tree.length === 0 ? (
              <Empty />
            ) : (
              <Tree<GridNode>
                treeData={tree}
                selectedKeys={selectedCode ? [selectedCode] : []}
                loadData={(node) => loadChildren(node.key)}
                onSelect={(keys) => {
                  const code = keys[0]
                  if (typeof code === 'string') select(code, true)
                }}
                data-testid="grid-tree"
              />
            )}
          </div>
        </div>
        <div style={{ position: 'relative', flex: 1, minWidth: 0, border: '1px solid #f0f0f0' }}>
          <GridMap
            selected={selected.data ?? null}
            focus={focus}
            onPick={(code) => select(code, false)}
            tilesVersion={tilesVersion}
          />
          <div style={{ position: 'absolute', top: 12, right: 12, zIndex: 1 }}>
            <QueryError error={selected.error} />
            {selectedCode && selected.data && (
              <GridDetails
                grid={selected.data}
                onPick={(code) => select(code, true)}
                onClose={() => setSelectedCode(null)}
              />
            )}
          </div>
        </div>
      </div>
    </Card>
  )
}
