import { Checkbox, Col, Input, Row, Select, TreeSelect } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocalName } from '../../i18n'
import { type CaseState, useCategories } from '../cases.api'
import { useCaseName } from '../caseText'
import { GridPicker } from './GridPicker'
import type { InboxFilters } from './inboxQuery'

const STATES: CaseState[] = [
  'reported',
  'accepted',
  'dispatched',
  'returned',
  'in_progress',
  'handled',
  'verified',
  'reopened',
  'escalated',
  'suspended',
  'closed',
  'rejected',
  'merged',
  'voided',
]

/** The category tree, big class then small class, each with its code. */
function useCategoryTree() {
  const categories = useCategories()
  const localName = useLocalName()
  return useMemo(() => {
    const all = categories.data?.categories ?? []
    const label = (c: (typeof all)[number]) => `${c.code} ${localName(c.zh, c.en)}`
    return all
      .filter((big) => big.parentCode === null)
      .map((big) => ({
        value: big.code,
        title: label(big),
        children: all
          .filter((small) => small.parentCode === big.code)
          .map((small) => ({ value: small.code, title: label(small) })),
      }))
  }, [categories.data, localName])
}

/**
 * The filters besides the search: category, grid, state, overdue and the report days. Each change
 * is applied at once (and lands in the URL). `columns`: how many fields share a row.
 */
export function FilterFields({
  filters,
  onChange,
  columns,
}: {
  filters: InboxFilters
  onChange: (patch: Partial<InboxFilters>) => void
  columns: 1 | 3
}) {
  const { t } = useTranslation()
  const name = useCaseName()
  const categories = useCategoryTree()
  const span = 24 / columns
  const field = (label: string, control: React.ReactNode) => (
    <Col span={span}>
      <div style={{ fontSize: 12, marginBottom: 4, color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      {control}
    </Col>
  )
  return (
    <Row gutter={[12, 12]} data-testid="inbox-filters">
      {field(
        t('cases.category'),
        <TreeSelect
          treeData={categories}
          value={filters.category}
          onChange={(category?: string) => onChange({ category })}
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('cases.inbox.anyCategory')}
          style={{ width: '100%' }}
          aria-label={t('cases.category')}
          data-testid="inbox-category"
        />,
      )}
      {field(
        t('cases.inbox.grid'),
        <GridPicker value={filters.grid} onChange={(grid) => onChange({ grid })} />,
      )}
      {field(
        t('cases.state'),
        <Select<CaseState>
          value={filters.state}
          onChange={(state) => onChange({ state })}
          allowClear
          placeholder={t('cases.inbox.anyState')}
          options={STATES.map((s) => ({ value: s, label: name('states', s) }))}
          style={{ width: '100%' }}
          aria-label={t('cases.state')}
          data-testid="inbox-state"
        />,
      )}
      {field(
        t('cases.inbox.reportedFrom'),
        <Input
          type="date"
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
          aria-label={t('cases.inbox.reportedFrom')}
          data-testid="inbox-from"
        />,
      )}
      {field(
        t('cases.inbox.reportedTo'),
        <Input
          type="date"
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
          aria-label={t('cases.inbox.reportedTo')}
          data-testid="inbox-to"
        />,
      )}
      {field(
        t('cases.inbox.timeliness'),
        <Checkbox
          checked={filters.overdue === 'true'}
          onChange={(e) => onChange({ overdue: e.target.checked ? 'true' : undefined })}
          data-testid="inbox-overdue"
        >
          {t('cases.inbox.overdueOnly')}
        </Checkbox>,
      )}
    </Row>
  )
}
