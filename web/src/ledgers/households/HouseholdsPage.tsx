import { PlusOutlined } from '@ant-design/icons'
import { Button, type TableColumnsType, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { useColumnChoice } from '../ColumnChooser'
import { LedgerFilters, LedgerList, useCursorPages } from '../LedgerList'
import { HouseholdFormModal } from './HouseholdFormModal'
import { type Household, useHouseholds } from './households.api'

/** The head's masked name, or a dash for a household without one. */
export const headName = (h: Household) => h.members.find((m) => m.personId === h.headPersonId)?.name ?? '—'

/** 户籍家庭: the households in the reader's grids, by household number or head's name; a click opens one. */
export function HouseholdsPage() {
  const { t } = useTranslation()
  const can = useCan()
  const navigate = useNavigate()
  const [q, setQ] = useState<string | undefined>()
  const [grid, setGrid] = useState<string | undefined>()
  const [adding, setAdding] = useState(false)
  const pages = useCursorPages()
  const list = useHouseholds({ q, grid, cursor: pages.cursor })
  const open = (h: { id: string }) => navigate(`/ledgers/households/${h.id}`)

  const columns: TableColumnsType<Household> = [
    {
      key: 'number',
      title: t('households.number'),
      width: 160,
      render: (_, h) => <span data-testid="household-number">{h.number ?? '—'}</span>,
    },
    { key: 'head', title: t('households.head'), width: 120, render: (_, h) => headName(h) },
    {
      key: 'members',
      title: t('households.members'),
      width: 90,
      render: (_, h) => t('households.memberCount', { count: h.members.length }),
    },
    { key: 'room', title: t('households.room'), render: (_, h) => h.room?.place ?? '—' },
    { key: 'grid', title: t('households.grid'), width: 180, render: (_, h) => h.grid.name },
  ]

  const choice = useColumnChoice('households', columns)

  return (
    <>
      <LedgerList<Household>
        testId="household"
        title={t('households.title')}
        actions={
          <>
            {choice.chooser}
            {can('ledger.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setAdding(true)}
                data-testid="household-add"
              >
                {t('households.add')}
              </Button>
            )}
          </>
        }
        filters={
          <LedgerFilters
            testId="household"
            grid={grid}
            onGrid={(code) => {
              setGrid(code)
              pages.reset()
            }}
            anyGrid={t('households.anyGrid')}
            q={q}
            onSearch={(value) => {
              setQ(value)
              pages.reset()
            }}
            searchPlaceholder={t('households.search')}
          />
        }
        error={list.error}
        loading={list.isPending}
        items={list.data?.items ?? []}
        columns={choice.columns}
        phoneItem={(h) => ({
          title: `${h.number ?? '—'} · ${t('households.head')} ${headName(h)}`,
          description: (
            <Typography.Text type="secondary">
              {t('households.memberCount', { count: h.members.length })} · {h.grid.name}
              {h.room ? ` · ${h.room.place}` : ''}
            </Typography.Text>
          ),
        })}
        onOpen={open}
        emptyText={t('households.none')}
        footer={pages.pager(list.data?.nextCursor, t('households.more'))}
      />
      {adding && <HouseholdFormModal onSaved={open} onClose={() => setAdding(false)} />}
    </>
  )
}
