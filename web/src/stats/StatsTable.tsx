import { Button, Table, type TableColumnsType, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFigureText, useGroupName } from './format'
import { FIGURES, type StatsGroup, type StatsRow } from './stats.api'

const CODED: readonly StatsGroup[] = ['child', 'department', 'category', 'big_class']

/** One row per group, every indicator a column; a child grid opens its own children (下钻). */
export function StatsTable({
  rows,
  group,
  loading,
  onDrill,
}: {
  rows: readonly StatsRow[]
  group: StatsGroup
  loading: boolean
  onDrill: (grid: { code: string; name: string }) => void
}) {
  const { t } = useTranslation()
  const figureText = useFigureText()
  const groupName = useGroupName()

  const columns: TableColumnsType<StatsRow> = [
    {
      key: 'group',
      title: t(`stats.groups.${group}`),
      fixed: 'left',
      width: 200,
      render: (_, row) => {
        const name = groupName(row, group)
        return (
          <>
            {group === 'child' && row.key ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => onDrill({ code: row.key ?? '', name })}
                data-testid={`stats-drill-${row.key}`}
              >
                {name}
              </Button>
            ) : (
              name
            )}
            {CODED.includes(group) && row.key && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {row.key}
              </Typography.Text>
            )}
          </>
        )
      },
    },
    ...FIGURES.map((figure) => ({
      key: figure,
      title: t(`stats.figures.${figure}`),
      align: 'right' as const,
      width: 96,
      render: (_: unknown, row: StatsRow) => figureText(figure, row[figure]),
    })),
  ]

  return (
    <Table
      rowKey={(row) => row.key ?? '∅'}
      columns={columns}
      dataSource={[...rows]}
      loading={loading}
      pagination={false}
      size="small"
      scroll={{ x: 200 + FIGURES.length * 96 }}
      locale={{ emptyText: t('stats.empty') }}
      data-testid="stats-table"
    />
  )
}
