import { PlusOutlined, RightOutlined } from '@ant-design/icons'
import { Breadcrumb, Button, Card, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { QueryError } from '../../common/QueryError'
import { GroupsNav } from './GroupsNav'
import { type Board, useBoard, useCodeName } from './groups.api'
import { MembershipDrawer } from './MembershipDrawer'
import { MembershipFormModal } from './MembershipFormModal'
import { MembersList } from './MembersList'

type Row = Board['rows'][number]

/** A step of the breadcrumb back up the grid tree. */
function Crumb({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={onClick}>
      {children}
    </Button>
  )
}

/**
 * The special-groups board 特殊人群分布: rows the child grids of a grid (or the reader's top grids),
 * columns the groups present, overdue visits in red; a row's name opens its children, a number the
 * list of those members below.
 */
export function GroupsBoardPage() {
  const { t } = useTranslation()
  const can = useCan()
  const phone = !Grid.useBreakpoint().md
  const [params, setParams] = useSearchParams()
  const grid = params.get('grid')
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([])
  const board = useBoard(grid)
  const groupName = useCodeName('special_group').name
  const [registering, setRegistering] = useState(false)
  // A notice of a missed visit opens its membership here (?open=<id>).
  const opened = params.get('open')
  const filter = {
    grid: params.get('in') ?? grid ?? undefined,
    group: params.get('group') ?? undefined,
  }

  const openGrid = (row: { code: string; name: string } | null, depth: number) => {
    const next = new URLSearchParams()
    if (row) next.set('grid', row.code)
    setTrail((old) => (row ? [...old.slice(0, depth), row] : []))
    setParams(next)
  }
  const show = (gridCode: string, group?: string) => {
    const next = new URLSearchParams(params)
    next.set('in', gridCode)
    if (group) next.set('group', group)
    else next.delete('group')
    setParams(next)
  }

  const groups = board.data?.groups ?? []
  const cell = (row: Row, group: string | null) => {
    const c = group ? row.counts[group] : { members: row.members, overdue: row.overdue }
    if (!c || c.members === 0) return <Typography.Text type="secondary">0</Typography.Text>
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        onClick={() => show(row.code, group ?? undefined)}
        data-testid={`board-cell-${row.code}-${group ?? 'all'}`}
      >
        <Flex vertical align="start">
          <span>{c.members}</span>
          {c.overdue > 0 && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('groups.board.overdue', { count: c.overdue })}
            </Typography.Text>
          )}
        </Flex>
      </Button>
    )
  }
  const columns: TableColumnsType<Row> = [
    {
      key: 'grid',
      title: t('groups.board.grid'),
      fixed: 'left',
      width: phone ? 120 : 200,
      render: (_, row) =>
        row.hasChildren ? (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => openGrid(row, trail.length)}
            title={t('groups.board.open')}
          >
            {row.name} <RightOutlined />
          </Button>
        ) : (
          row.name
        ),
    },
    ...groups.map((g) => ({
      key: g,
      title: groupName(g),
      width: 96,
      render: (_: unknown, row: Row) => cell(row, g),
    })),
    { key: 'total', title: t('groups.board.total'), render: (_, row) => cell(row, null) },
  ]

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('groups.title')}
        extra={
          <Flex gap={8} wrap>
            <GroupsNav current="board" />
            {can('ledger.write') && !phone && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="group-register"
              >
                {t('groups.list.register')}
              </Button>
            )}
          </Flex>
        }
      >
        <Breadcrumb
          style={{ marginBottom: 12 }}
          items={[
            { title: <Crumb onClick={() => openGrid(null, 0)}>{t('groups.board.all')}</Crumb> },
            ...(trail.length === 0 && board.data?.grid ? [{ title: board.data.grid.name }] : []),
            ...trail.map((g, i) => ({
              title: i === trail.length - 1 ? g.name : <Crumb onClick={() => openGrid(g, i)}>{g.name}</Crumb>,
            })),
          ]}
        />
        <QueryError error={board.error} />
        <Table<Row>
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={board.data?.rows ?? []}
          loading={board.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('groups.board.none') }}
          data-testid="groups-board"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('groups.board.hint')}
        </Typography.Paragraph>
      </Card>
      {filter.grid && (
        <MembersList
          key={`${filter.grid}-${filter.group ?? ''}`}
          initial={filter}
          gridName={
            board.data?.rows.find((r) => r.code === filter.grid)?.name ??
            (board.data?.grid?.code === filter.grid ? board.data?.grid?.name : undefined)
          }
          onClearGrid={() => {
            const next = new URLSearchParams(params)
            next.delete('in')
            next.delete('group')
            setParams(next)
          }}
        />
      )}
      {registering && <MembershipFormModal onClose={() => setRegistering(false)} />}
      {opened && (
        <MembershipDrawer
          id={opened}
          onClose={() => {
            const next = new URLSearchParams(params)
            next.delete('open')
            setParams(next)
          }}
        />
      )}
    </Flex>
  )
}
