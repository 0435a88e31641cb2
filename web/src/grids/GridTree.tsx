import { App, Empty, Input, List, Spin, Tree, type TreeDataNode } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { GridSummary } from '../api/types'
import { useErrorText } from '../common/errorText'
import { QueryError } from '../common/QueryError'
import { useLevelName } from './GridDetails'
import { listChildren, useGridRoots, useGridSearch } from './grids.api'

interface GridNode extends TreeDataNode {
  key: string
  children?: GridNode[]
}

const LEAF_LEVEL = 'micro'

/** The tree with the children of `code` put in place. */
function withChildren(nodes: GridNode[], code: string, children: GridNode[]): GridNode[] {
  return nodes.map((node) => {
    if (node.key === code) return { ...node, children, isLeaf: children.length === 0 }
    if (node.children) return { ...node, children: withChildren(node.children, code, children) }
    return node
  })
}

interface GridTreeProps {
  selectedCode: string | null
  onSelect: (code: string) => void
  /** Bumped with the code of a grid whose children changed (a split, a merger): they load again. */
  reload: { code: string; n: number } | null
  /** The tree's own height on a phone (the map is below it); it fills the column at a desk. */
  compact: boolean
}

/** The search and the tree, from the reader's own roots (a street chief's street), a level at a time. */
export function GridTree({ selectedCode, onSelect, reload, compact }: GridTreeProps) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const levelName = useLevelName()
  const roots = useGridRoots()
  const [tree, setTree] = useState<GridNode[]>([])
  const [q, setQ] = useState('')
  const search = useGridSearch(q)
  const toNode = (grid: GridSummary): GridNode => ({
    key: grid.code,
    title: `${grid.name} · ${levelName(grid.level)} ${grid.code}`,
    isLeaf: grid.level === LEAF_LEVEL,
  })

  // biome-ignore lint/correctness/useExhaustiveDependencies: titles follow the language, which also reloads the roots
  useEffect(() => {
    if (roots.data) setTree(roots.data.items.map(toNode))
  }, [roots.data, t])

  const loadChildren = async (code: string) => {
    const loaded = await listChildren(code).catch((error: unknown) => {
      void message.error(errorText(error))
      return null
    })
    if (loaded) setTree((nodes) => withChildren(nodes, code, loaded.items.map(toNode)))
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: each bump reloads once
  useEffect(() => {
    if (reload) void loadChildren(reload.code)
  }, [reload])

  return (
    <>
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
              style={{ cursor: 'pointer', minHeight: 44 }}
              onClick={() => onSelect(grid.code)}
              data-testid={`grid-result-${grid.code}`}
            >
              <List.Item.Meta title={grid.name} description={`${levelName(grid.level)} · ${grid.code}`} />
            </List.Item>
          )}
        />
      )}
      <div style={compact ? { maxHeight: 180, overflow: 'auto' } : { flex: 1, overflow: 'auto' }}>
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
              if (typeof code === 'string') onSelect(code)
            }}
            data-testid="grid-tree"
          />
        )}
      </div>
    </>
  )
}
