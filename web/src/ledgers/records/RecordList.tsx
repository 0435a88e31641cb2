import { PlusOutlined } from '@ant-design/icons'
import { Button, Select, type TableColumnsType } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useColumnChoice } from '../ColumnChooser'
import { LedgerFilters, LedgerList, usePhone } from '../LedgerList'
import { ExportButton } from './ExportButton'
import { type RecordFilters, type RecordKind, useRecordList } from './records.api'

export interface FilterChoice {
  key: keyof RecordFilters
  placeholder: string
  options: { value: string; label: string }[]
}

/**
 * A ledger's list as every record type shows it: a grid from the reader's tree, a search box and the
 * type's own choices over a table (cards on a phone), page after page, a button to export what the
 * filter selects and one to add a record; at a desk the reader picks the table's columns (列设置).
 */
export function RecordList<T extends { id: string }>({
  kind,
  title,
  filters,
  onFilters,
  choices,
  columns,
  phoneItem,
  onOpen,
  onCreate,
  searchPlaceholder,
}: {
  kind: RecordKind
  title: ReactNode
  filters: RecordFilters
  onFilters: (f: RecordFilters) => void
  choices: FilterChoice[]
  columns: TableColumnsType<T>
  phoneItem: (item: T) => { title: ReactNode; description: ReactNode }
  onOpen: (item: T) => void
  onCreate?: () => void
  searchPlaceholder: string
}) {
  const { t } = useTranslation()
  const phone = usePhone()
  const list = useRecordList<T>(kind, filters)
  const choice = useColumnChoice(kind, columns)
  const more = list.hasNextPage && (
    <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
      {t('records.more')}
    </Button>
  )

  return (
    <LedgerList<T>
      testId={kind}
      title={title}
      actions={
        <>
          {choice.chooser}
          <ExportButton kind={kind} filters={filters} compact={phone} />
          {onCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${kind}-create`}>
              {phone ? null : t('records.create')}
            </Button>
          )}
        </>
      }
      filters={
        <LedgerFilters
          testId={kind}
          grid={filters.grid}
          onGrid={(grid) => onFilters({ ...filters, grid })}
          anyGrid={t('records.anyGrid')}
          q={filters.q}
          onSearch={(q) => onFilters({ ...filters, q })}
          searchPlaceholder={searchPlaceholder}
          choices={choices.map((c) => (
            <Select
              key={c.key}
              allowClear
              placeholder={c.placeholder}
              value={filters[c.key]}
              onChange={(v) => onFilters({ ...filters, [c.key]: v })}
              options={c.options}
            />
          ))}
        />
      }
      error={list.error}
      loading={list.isPending}
      items={list.data?.pages.flatMap((p) => p.items) ?? []}
      columns={choice.columns}
      phoneItem={phoneItem}
      onOpen={onOpen}
      emptyText={t('records.none')}
      footer={more || undefined}
    />
  )
}
