import { useQuery } from '@tanstack/react-query'
import { Spin, TreeSelect } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { components } from '../api/openapi'

type OutlineNode = components['schemas']['GridOutlineNode']

interface Node {
  id: string
  pId: string
  value: string
  title: string
  isLeaf: boolean
}

const outline = (query: { parent?: string; q?: string }) =>
  api.get('/api/grids/outline', { params: { query } }).then((r) => r.items)

/**
 * A grid picked from the tree the reader may see (`/api/grids/outline`), opened level by level, or
 * found by code or name. A form control whose value is the grid's path (a grant's scope) or its code.
 */
export function GridTreePicker({
  value,
  onChange,
  valueKey = 'path',
  placeholder,
  testId,
  id,
}: {
  value?: string
  onChange?: (value: string | undefined) => void
  valueKey?: 'path' | 'code'
  placeholder?: string
  testId?: string
  /** Set by a Form.Item, so its label names the picker. */
  id?: string
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const [nodes, setNodes] = useState<Node[]>([])
  const [labels, setLabels] = useState<Record<string, string>>({})
  // Kept here, so the tree opens again as it was left (a second pick is beside the first).
  const [expanded, setExpanded] = useState<(string | number)[]>([])
  const search = q.trim()

  const toNode = (g: OutlineNode, pId: string): Node => ({
    id: g.code,
    pId,
    value: valueKey === 'path' ? g.path : g.code,
    title: `${g.name} ${g.code}`,
    isLeaf: !g.hasChildren,
  })
  const remember = (list: Node[]) =>
    setLabels((known) => ({ ...known, ...Object.fromEntries(list.map((n) => [n.value, n.title])) }))
  const add = (list: Node[]) => {
    remember(list)
    setNodes((all) => [...all, ...list.filter((n) => !all.some((a) => a.id === n.id))])
  }

  const roots = useQuery({
    queryKey: ['grids', 'outline', 'roots', valueKey],
    queryFn: async () => {
      const list = (await outline({})).map((g) => toNode(g, ''))
      add(list)
      return list
    },
  })
  const found = useQuery({
    queryKey: ['grids', 'outline', 'search', valueKey, search],
    enabled: search !== '',
    queryFn: async () => {
      const list = (await outline({ q: search })).map((g) => ({ ...toNode(g, ''), isLeaf: true }))
      remember(list)
      return list
    },
  })

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      allowClear
      labelInValue
      placeholder={placeholder}
      value={value ? { value, label: labels[value] ?? value } : undefined}
      onChange={(v?: { value: string; label?: unknown }) => onChange?.(v?.value)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId', rootPId: '' }}
      treeData={search ? (found.data ?? []) : nodes}
      treeExpandedKeys={search ? undefined : expanded}
      onTreeExpand={(keys) => {
        if (!search) setExpanded(keys as (string | number)[])
      }}
      loadData={async (node) => {
        const code = String(node.id)
        add((await outline({ parent: code })).map((g) => toNode(g, code)))
      }}
      showSearch={{ searchValue: q, onSearch: setQ, filterTreeNode: false }}
      notFoundContent={roots.isPending || found.isFetching ? <Spin size="small" /> : t('grids.noResults')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  )
}
