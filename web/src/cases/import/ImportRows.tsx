import { Flex, Grid, List, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'

type Outcome = 'created' | 'skipped' | 'failed'

/** One row of the sheet as the import answered it. */
export interface ResultRow {
  row: number
  ticket: string | null
  outcome: Outcome
  /** The case it became (imported), or null. */
  no: string | null
  reason: string | null
  detail: string | null
}

const COLOURS: Record<Outcome, string> = { created: 'success', skipped: 'default', failed: 'error' }

/** Each row's result: a table at a desk, a list on a phone; errors come first. */
export function ImportRows({ rows }: { rows: ResultRow[] }) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const outcome = (r: ResultRow) => (
    <Tag color={COLOURS[r.outcome]}>{t(`cases.import.outcomes.${r.outcome}`)}</Tag>
  )
  const why = (r: ResultRow) =>
    r.reason ? (
      <>
        <div>{r.reason}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.detail}
        </Typography.Text>
      </>
    ) : (
      r.no
    )

  if (!screens.md)
    return (
      <List<ResultRow>
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, size: 'small' } : false}
        data-testid="import-rows"
        renderItem={(r) => (
          <List.Item role="row" style={{ display: 'block' }}>
            <Flex justify="space-between" align="center">
              <Typography.Text strong>
                {t('cases.import.row')} {r.row} · {r.ticket ?? '—'}
              </Typography.Text>
              {outcome(r)}
            </Flex>
            {why(r)}
          </List.Item>
        )}
      />
    )
  return (
    <Table<ResultRow>
      rowKey="row"
      size="small"
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      data-testid="import-rows"
      columns={[
        { key: 'row', title: t('cases.import.row'), dataIndex: 'row', width: 64 },
        { key: 'ticket', title: t('cases.import.ticket'), dataIndex: 'ticket', width: 200 },
        { key: 'outcome', title: t('cases.import.outcome'), width: 96, render: (_, r) => outcome(r) },
        {
          key: 'reason',
          title: `${t('cases.import.reason')} / ${t('cases.import.caseNo')}`,
          render: (_, r) => why(r),
        },
      ]}
    />
  )
}
