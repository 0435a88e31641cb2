import { Card, List, Table, type TableColumnsType, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Indicator, Result, Run, RunPage, RunSort } from './assessment.api'
import styles from './assessment.module.css'
import { scoreText, useIndicatorName, useValueText } from './format'
import { ListTag, Movement, Stars } from './ResultTags'

/**
 * The ranking: rank, movement, the subject (and, for workers, their grid), score, stars, list, then
 * the values of the scheme's weighed indicators. A row opens the result's detail. On a phone, a list.
 * One page of the run at a time, sorted by the server (rank, movement, name or score), with the total.
 */
export function RankingTable({
  run,
  catalogue,
  phone,
  loading,
  onOpen,
  onPage,
}: {
  run: Run
  catalogue: readonly Indicator[] | undefined
  phone: boolean
  loading: boolean
  onOpen: (subject: string) => void
  onPage: (page: RunPage) => void
}) {
  const { t } = useTranslation()
  const valueText = useValueText()
  const indicatorName = useIndicatorName(catalogue)
  const workers = run.scheme.subject === 'worker'
  const unitOf = (key: string) => catalogue?.find((i) => i.key === key)?.unit
  const { page } = run
  const pagination = {
    current: page.number,
    pageSize: page.limit,
    total: run.totals.subjects,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100, 200],
    showTotal: (total: number, [from, to]: [number, number]) => t('assessment.pager', { from, to, total }),
  }
  const turn = (number: number, limit: number) =>
    onPage({ page: limit === page.limit ? number : 1, limit, sort: page.sort, order: page.order })
  /** The column's sort as antd shows it: the server's order of this run's page. */
  const sorted = (sort: RunSort) => ({
    sorter: true,
    sortOrder:
      page.sort === sort ? (page.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
    sortDirections:
      sort === 'score' || sort === 'movement'
        ? (['descend', 'ascend'] as ('descend' | 'ascend')[])
        : (['ascend', 'descend'] as ('descend' | 'ascend')[]),
  })

  if (phone)
    return (
      <List
        dataSource={run.results}
        loading={loading}
        locale={{ emptyText: t('assessment.empty') }}
        pagination={{ ...pagination, showSizeChanger: false, simple: true, onChange: turn, align: 'center' }}
        data-testid="assessment-list"
        renderItem={(r) => (
          <Card
            size="small"
            hoverable
            style={{ marginBottom: 8 }}
            onClick={() => onOpen(r.subject.key)}
            data-testid="assessment-row"
            data-subject={r.subject.key}
          >
            <div className={styles.card}>
              <span className={styles.rank} data-testid="assessment-rank">
                {r.rank ?? '—'}
              </span>
              <span className={styles.cardName}>{r.subject.name}</span>
              <span className={styles.cardScore} data-testid="assessment-score">
                {scoreText(r.score)}
              </span>
              <span className={styles.cardLine}>
                <Movement movement={r.movement} />
                <Stars stars={r.stars} />
                <ListTag list={r.list} />
                {workers && <span>{r.grid.name}</span>}
              </span>
            </div>
          </Card>
        )}
      />
    )

  const columns: TableColumnsType<Result> = [
    {
      key: 'rank',
      title: t('assessment.columns.rank'),
      width: 72,
      fixed: 'left',
      align: 'center',
      ...sorted('rank'),
      render: (_, r) => <span data-testid="assessment-rank">{r.rank ?? '—'}</span>,
    },
    {
      key: 'movement',
      title: t('assessment.columns.movement'),
      width: 80,
      align: 'center',
      ...sorted('movement'),
      render: (_, r) => <Movement movement={r.movement} />,
    },
    {
      key: 'subject',
      title: t(`assessment.columns.subject.${run.scheme.subject}`),
      width: 180,
      fixed: 'left',
      ...sorted('name'),
      render: (_, r) => (
        <>
          <span data-testid="assessment-name">{r.subject.name}</span>
          {!workers && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.subject.key}
            </Typography.Text>
          )}
        </>
      ),
    },
    ...(workers
      ? [
          {
            key: 'grid',
            title: t('assessment.columns.grid'),
            width: 160,
            render: (_: unknown, r: Result) => r.grid.name,
          },
        ]
      : []),
    {
      key: 'score',
      title: t('assessment.columns.score'),
      width: 88,
      align: 'right',
      ...sorted('score'),
      render: (_, r) => (
        <span className={styles.score} data-testid="assessment-score">
          {scoreText(r.score)}
        </span>
      ),
    },
    {
      key: 'stars',
      title: t('assessment.columns.stars'),
      width: 96,
      render: (_, r) => <Stars stars={r.stars} />,
    },
    {
      key: 'list',
      title: t('assessment.columns.list'),
      width: 76,
      render: (_, r) => <ListTag list={r.list} />,
    },
    ...run.scheme.items.map((item) => ({
      key: item.indicator,
      title: indicatorName(item.indicator),
      width: 104,
      align: 'right' as const,
      render: (_: unknown, r: Result) => (
        <span className={styles.figure} data-testid={`value-${item.indicator}`}>
          {valueText(unitOf(item.indicator), r.values[item.indicator])}
        </span>
      ),
    })),
  ]
  const width = columns.reduce((sum, c) => sum + Number(c.width ?? 100), 0)

  return (
    <Table<Result>
      rowKey={(r) => r.subject.key}
      size="small"
      columns={columns}
      dataSource={run.results}
      loading={loading}
      pagination={pagination}
      onChange={(p, _filters, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter
        const key = s?.order ? (s.columnKey === 'subject' ? 'name' : (s.columnKey as RunSort)) : 'rank'
        const order = s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : undefined
        if (key !== page.sort || order !== (page.sort === key ? page.order : undefined))
          onPage({ page: 1, limit: p.pageSize ?? page.limit, sort: key, order })
        else turn(p.current ?? 1, p.pageSize ?? page.limit)
      }}
      scroll={{ x: width }}
      locale={{ emptyText: t('assessment.empty') }}
      onRow={(r) =>
        ({
          onClick: () => onOpen(r.subject.key),
          style: { cursor: 'pointer' },
          'data-testid': 'assessment-row',
          'data-subject': r.subject.key,
        }) as never
      }
      data-testid="assessment-table"
    />
  )
}
