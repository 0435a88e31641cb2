import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Grid, Input, List, Select, Table, type TableColumnsType } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { GridTreePicker } from '../../common/GridTreePicker'
import { QueryError } from '../../common/QueryError'
import { useColumnChoice } from '../ColumnChooser'
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
  const phone = !Grid.useBreakpoint().md
  const list = useRecordList<T>(kind, filters)
  const choice = useColumnChoice(kind, columns)
  const items = list.data?.pages.flatMap((p) => p.items) ?? []
  const more = list.hasNextPage && (
    <Button block onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
      {t('records.more')}
    </Button>
  )

  return (
    <Card
      title={title}
      extra={
        <Flex gap={8}>
          {choice.chooser}
          <ExportButton kind={kind} filters={filters} compact={phone} />
          {onCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={`${kind}-create`}>
              {phone ? null : t('records.create')}
            </Button>
          )}
        </Flex>
      }
    >
      <div
        style={{
          display: 'grid',
          gap: 8,
          marginBottom: 12,
          gridTemplateColumns: phone ? '1fr 1fr' : `220px 240px repeat(${choices.length}, 150px)`,
        }}
      >
        <div style={{ gridColumn: phone ? 'span 2' : undefined }}>
          <GridTreePicker
            valueKey="code"
            value={filters.grid}
            onChange={(grid) => onFilters({ ...filters, grid })}
            placeholder={t('records.anyGrid')}
          />
        </div>
        <Input.Search
          allowClear
          placeholder={searchPlaceholder}
          defaultValue={filters.q}
          onSearch={(q) => onFilters({ ...filters, q: q.trim() || undefined })}
          style={{ gridColumn: phone ? 'span 2' : undefined }}
          data-testid={`${kind}-search`}
        />
        {choices.map((c) => (
          <Select
            key={c.key}
            allowClear
            placeholder={c.placeholder}
            value={filters[c.key]}
            onChange={(v) => onFilters({ ...filters, [c.key]: v })}
            options={c.options}
          />
        ))}
      </div>
      <QueryError error={list.error} />
      {phone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          locale={{ emptyText: t('records.none') }}
          renderItem={(item) => (
            <List.Item onClick={() => onOpen(item)} style={{ cursor: 'pointer', minHeight: 44 }}>
              <List.Item.Meta {...phoneItem(item)} />
            </List.Item>
          )}
          footer={more || undefined}
        />
      ) : (
        <>
          <Table<T>
            rowKey="id"
            size="small"
            loading={list.isPending}
            dataSource={items}
            columns={choice.columns}
            pagination={false}
            locale={{ emptyText: t('records.none') }}
            onRow={(item) => ({ onClick: () => onOpen(item), style: { cursor: 'pointer' } })}
            scroll={{ x: true }}
          />
          {more && <div style={{ marginTop: 12 }}>{more}</div>}
        </>
      )}
    </Card>
  )
}
