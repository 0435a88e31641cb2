import { Button, Card, Flex, Grid, Input, List, Table, type TableColumnsType } from 'antd'
import { type ReactNode, useState } from 'react'
import { GridTreePicker } from '../common/GridTreePicker'
import { QueryError } from '../common/QueryError'

/** True on a phone: lists turn into cards, filters stack two to a row. */
export const usePhone = () => !Grid.useBreakpoint().md

/**
 * The filter row of a ledger's list: a grid from the reader's tree, a search box and the type's own
 * choices; two to a row on a phone.
 */
export function LedgerFilters({
  testId,
  grid,
  onGrid,
  anyGrid,
  q,
  onSearch,
  searchPlaceholder,
  choices = [],
}: {
  testId: string
  grid: string | undefined
  onGrid: (code: string | undefined) => void
  anyGrid: string
  q: string | undefined
  onSearch: (q: string | undefined) => void
  searchPlaceholder: string
  choices?: ReactNode[]
}) {
  const phone = usePhone()
  const wide = { gridColumn: phone ? 'span 2' : undefined }
  return (
    <div
      style={{
        display: 'grid',
        gap: 8,
        marginBottom: 12,
        gridTemplateColumns: phone ? '1fr 1fr' : `240px 280px repeat(${choices.length}, 150px)`,
      }}
    >
      <div style={wide}>
        <GridTreePicker
          valueKey="code"
          value={grid}
          onChange={onGrid}
          placeholder={anyGrid}
          testId={`${testId}-grid`}
        />
      </div>
      <Input.Search
        allowClear
        placeholder={searchPlaceholder}
        defaultValue={q}
        onSearch={(value) => onSearch(value.trim() || undefined)}
        style={wide}
        data-testid={`${testId}-search`}
      />
      {choices}
    </div>
  )
}

/**
 * A ledger's list as every type shows it: a card with the type's actions, its filters, then a table at
 * a desk or cards on a phone, and what pages on below. A click on a row opens the record.
 */
export function LedgerList<T extends { id: string }>({
  testId,
  title,
  actions,
  filters,
  error,
  loading,
  items,
  columns,
  phoneItem,
  onOpen,
  emptyText,
  footer,
}: {
  testId: string
  title: ReactNode
  actions: ReactNode
  filters: ReactNode
  error: unknown
  loading: boolean
  items: T[]
  /** The columns the reader chose (see useColumnChoice). */
  columns: TableColumnsType<T>
  phoneItem: (item: T) => { title: ReactNode; description: ReactNode }
  onOpen: (item: T) => void
  emptyText: string
  footer?: ReactNode
}) {
  const phone = usePhone()
  return (
    <Card
      title={title}
      extra={
        <Flex gap={8} wrap justify="end">
          {actions}
        </Flex>
      }
    >
      {filters}
      <QueryError error={error} />
      {phone ? (
        <List
          loading={loading}
          dataSource={items}
          locale={{ emptyText }}
          renderItem={(item) => (
            <List.Item
              onClick={() => onOpen(item)}
              style={{ cursor: 'pointer', minHeight: 44 }}
              data-testid={`${testId}-item`}
            >
              <List.Item.Meta {...phoneItem(item)} />
            </List.Item>
          )}
        />
      ) : (
        <Table<T>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={items}
          columns={columns}
          pagination={false}
          locale={{ emptyText }}
          onRow={(item) => ({ onClick: () => onOpen(item), style: { cursor: 'pointer' } })}
          scroll={{ x: true }}
          data-testid={`${testId}-table`}
        />
      )}
      {footer && <div style={{ marginTop: 12 }}>{footer}</div>}
    </Card>
  )
}

/** Keyset pages walked forward and back: the cursors taken so far, the last one asked for. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([])
  return {
    cursor: cursors.at(-1),
    reset: () => setCursors([]),
    pager: (nextCursor: string | null | undefined, moreLabel: string) =>
      cursors.length > 0 || nextCursor ? (
        <Flex justify="center" gap={8}>
          {cursors.length > 0 && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>←</Button>}
          {nextCursor && <Button onClick={() => setCursors((c) => [...c, nextCursor])}>{moreLabel}</Button>}
        </Flex>
      ) : null,
  }
}
