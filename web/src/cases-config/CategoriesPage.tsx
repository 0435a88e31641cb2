import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Col, Empty, Input, Row, Space, Tag, Tree, type TreeDataNode } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type Category, useCategories } from '../cases/cases.api'
import { QueryError } from '../common/QueryError'
import { useLocalName } from '../i18n'
import { AddCategoryModal } from './AddCategoryModal'
import { CategoryDetail } from './CategoryDetail'
import { isLocalCode } from './config.api'

/** The next free local code: a small class xx900+ under the selected big class, else a big class 90+. */
function suggestCode(categories: Category[], selected: string | null): string {
  const taken = new Set(categories.map((c) => c.code))
  const big = selected?.slice(0, 2)
  if (big) {
    const start = /^9\d$/.test(big) ? 1 : 900
    for (let n = start; n <= 999; n++) {
      const code = `${big}${String(n).padStart(3, '0')}`
      if (!taken.has(code)) return code
    }
  }
  for (let n = 90; n <= 99; n++) if (!taken.has(String(n))) return String(n)
  return ''
}

/** 事件分类: the catalogue as a tree, one class's filing standard beside it. */
export function CategoriesPage() {
  const { t } = useTranslation()
  const localName = useLocalName()
  const categories = useCategories()
  const [selected, setSelected] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const [adding, setAdding] = useState(false)
  const [expanded, setExpanded] = useState<string[]>([])
  const list = categories.data?.categories ?? []

  const tree = useMemo((): TreeDataNode[] => {
    const q = filter.trim().toLowerCase()
    const matches = (c: Category) =>
      q === '' || c.code.startsWith(q) || c.zh.includes(q) || c.en.toLowerCase().includes(q)
    const title = (c: Category) => (
      <Space size={4}>
        <span style={{ color: c.active ? undefined : '#999' }}>
          {c.code} {localName(c.zh, c.en)}
        </span>
        {isLocalCode(c.code) && <Tag color="purple">{t('caseConfig.categories.local')}</Tag>}
        {!c.active && <Tag>{t('caseConfig.categories.inactive')}</Tag>}
      </Space>
    )
    return list
      .filter((big) => big.parentCode === null)
      .map((big) => {
        const children = list.filter((c) => c.parentCode === big.code && (matches(c) || matches(big)))
        return { big, children }
      })
      .filter(({ big, children }) => matches(big) || children.length > 0)
      .map(({ big, children }) => ({
        key: big.code,
        title: title(big),
        children: children.map((c) => ({ key: c.code, title: title(c), isLeaf: true })),
      }))
  }, [list, filter, localName, t])

  const template = list.find((c) => c.code === selected)?.standard ?? null

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card
          title={t('menu.categories')}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="category-add">
              {t('caseConfig.categories.add')}
            </Button>
          }
        >
          <QueryError error={categories.error} />
          <Input.Search
            allowClear
            placeholder={t('caseConfig.categories.search')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 12 }}
          />
          <Tree
            blockNode
            height={640}
            // While filtering, every big class left is open.
            expandedKeys={filter.trim() === '' ? expanded : tree.map((n) => String(n.key))}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => {
              const code = keys[0] === undefined ? null : String(keys[0])
              setSelected(code)
              // Picking a big class opens it too.
              if (code?.length === 2) setExpanded((open) => (open.includes(code) ? open : [...open, code]))
            }}
            treeData={tree}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {selected ? (
          <CategoryDetail key={selected} code={selected} />
        ) : (
          <Card>
            <Empty description={t('caseConfig.categories.pick')} />
          </Card>
        )}
      </Col>
      {adding && (
        <AddCategoryModal
          template={template}
          suggestedCode={suggestCode(list, selected)}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false)
            setSelected(created.code)
            const big = created.code.slice(0, 2)
            setExpanded((open) => (open.includes(big) ? open : [...open, big]))
          }}
        />
      )}
    </Row>
  )
}
