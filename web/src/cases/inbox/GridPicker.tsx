import { useQuery } from '@tanstack/react-query'
import { TreeSelect } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { paths } from '../../api/openapi'

type OutlineNode = NonNullable<
  paths['/api/grids/outline']['get']['responses'][200]['content']['application/json']
>['items'][number]

interface TreeNode {
  id: string
  pId?: string
  value: string
  title: string
  isLeaf: boolean
}

const toNode = (g: OutlineNode, parent?: string): TreeNode => ({
  id: g.code,
  pId: parent,
  value: g.code,
  title: `${g.name}（${g.code}）`,
  isLeaf: !g.hasChildren,
})

const outline = (query: { parent?: string; q?: string }) =>
  api.get('/api/grids/outline', { params: { query } }).then((r) => r.items)

/**
 * A grid picked from the tree the reader may see, one level loaded at a time (GET /api/grids/outline),
 * or found by typing its code or name. The value is the grid's code. Readers without grid.read get
 * nothing to pick from: the picker is then not shown.
 */
export function GridPicker({ value, onChange }: { value?: string; onChange: (code?: string) => void }) {
  const { t } = useTranslation()
  const tops = useQuery({ queryKey: ['grids', 'outline', 'tops'], queryFn: () => outline({}), retry: false })
  const [nodes, setNodes] = useState<TreeNode[]>([])
  const [search, setSearch] = useState('')
  const found = useQuery({
    queryKey: ['grids', 'outline', 'search', search],
    queryFn: () => outline({ q: search }),
    enabled: search.length > 0,
  })

  useEffect(() => {
    if (tops.data) setNodes((old) => (old.length ? old : tops.data.map((g) => toNode(g))))
  }, [tops.data])

  // A grid named by a shared link: find it so the picker shows its name, not a bare code.
  useEffect(() => {
    if (!value || nodes.some((n) => n.value === value)) return
    void outline({ q: value }).then((items) => {
      const grid = items.find((g) => g.code === value)
      if (grid) setNodes((old) => (old.some((n) => n.value === value) ? old : [...old, toNode(grid)]))
    })
  }, [value, nodes])

  if (tops.isError) return null
  const shown = search && found.data ? found.data.map((g) => ({ ...toNode(g), isLeaf: true })) : nodes
  return (
    <TreeSelect
      treeDataSimpleMode
      treeData={shown}
      value={value}
      onChange={(code: string | undefined) => onChange(code)}
      loadData={async (node) => {
        const code = String(node.value)
        if (nodes.some((n) => n.pId === code)) return
        const children = await outline({ parent: code })
        setNodes((old) => [...old, ...children.map((g) => toNode(g, code))])
      }}
      showSearch={{ filterTreeNode: false, onSearch: setSearch }}
      allowClear
      placeholder={t('cases.inbox.anyGrid')}
      loading={tops.isLoading}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      aria-label={t('cases.inbox.grid')}
      data-testid="inbox-grid"
    />
  )
}
