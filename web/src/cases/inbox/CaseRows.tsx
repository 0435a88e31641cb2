import { Flex, Grid, List, Table, type TableColumnsType, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { useFormatTime } from '../../common/format'
import { useLocalName } from '../../i18n'
import type { CaseSummary } from '../cases.api'
import { currentStage, LightDot, StateTag, useCaseName } from '../caseText'

/** A table at a desk; on a phone, a list a thumb can scroll. */
export function CaseRows({ cases, loading }: { cases: CaseSummary[]; loading: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const localName = useLocalName()
  const screens = Grid.useBreakpoint()
  const open = (c: CaseSummary) => void navigate(`/cases/${c.id}`)
  const deadline = (c: CaseSummary) => {
    const stage = currentStage(c.state)
    const due = stage ? c.deadlines[stage] : null
    return <LightDot light={c.light} text={due ? formatTime(due) : '—'} />
  }
  /** The address if given, a case outside every grid said so, then the description on one line. */
  const place = (c: CaseSummary) => (
    <>
      {c.address && <div>{c.address}</div>}
      {c.unownedReason && (
        <Typography.Text type="warning">{name('unowned', c.unownedReason)}</Typography.Text>
      )}
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {c.description}
      </Typography.Text>
    </>
  )

  if (!screens.md) {
    return (
      <List<CaseSummary>
        loading={loading}
        dataSource={cases}
        locale={{ emptyText: t('cases.empty') }}
        data-testid="cases-list"
        renderItem={(c) => (
          <List.Item onClick={() => open(c)} style={{ cursor: 'pointer', display: 'block' }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{localName(c.category.zh, c.category.en)}</Typography.Text>
              <StateTag state={c.state} />
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.no} · {formatTime(c.reportedAt)}
            </Typography.Text>
            {place(c)}
            {currentStage(c.state) && deadline(c)}
          </List.Item>
        )}
      />
    )
  }

  const columns: TableColumnsType<CaseSummary> = [
    {
      key: 'no',
      title: t('cases.no'),
      width: 170,
      render: (_, c) => <Link to={`/cases/${c.id}`}>{c.no}</Link>,
    },
    {
      key: 'category',
      title: t('cases.category'),
      render: (_, c) => localName(c.category.zh, c.category.en),
    },
    { key: 'state', title: t('cases.state'), width: 100, render: (_, c) => <StateTag state={c.state} /> },
    { key: 'deadline', title: t('cases.deadline'), width: 200, render: (_, c) => deadline(c) },
    {
      key: 'place',
      title: t('cases.place'),
      ellipsis: true,
      render: (_, c) => place(c),
    },
    {
      key: 'reportedAt',
      title: t('cases.reportedAt'),
      width: 170,
      render: (_, c) => formatTime(c.reportedAt),
    },
  ]
  return (
    <Table<CaseSummary>
      rowKey="id"
      columns={columns}
      dataSource={cases}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('cases.empty') }}
      onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' } })}
      data-testid="cases-table"
    />
  )
}
