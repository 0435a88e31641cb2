import { PlusOutlined, SettingOutlined } from '@ant-design/icons'
import {
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  List,
  Popover,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCan } from '../../auth/auth.api'
import { GridTreePicker } from '../../common/GridTreePicker'
import { QueryError } from '../../common/QueryError'
import { useLocalName } from '../../i18n'
import { PersonFormModal } from './PersonFormModal'
import { type PeopleFilters, type PersonSummary, usePeople } from './people.api'

const COLUMNS = ['name', 'kind', 'idNumber', 'phone', 'sex', 'birthYear', 'grid', 'tags'] as const
type Column = (typeof COLUMNS)[number]
const STORED = 'wangge.people.columns'
const DEFAULT_COLUMNS: Column[] = ['name', 'kind', 'idNumber', 'phone', 'sex', 'birthYear', 'grid']

function storedColumns(): Column[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORED) ?? 'null') as unknown
    if (Array.isArray(list)) return COLUMNS.filter((c) => list.includes(c))
  } catch {
    // a broken entry falls back to the default
  }
  return DEFAULT_COLUMNS
}

/** 实有人口: the people of the reader's grids, masked; search by name, ID number or phone. */
export function PeoplePage() {
  const { t } = useTranslation()
  const name = useLocalName()
  const can = useCan()
  const phone = !Grid.useBreakpoint().md
  const [filters, setFilters] = useState<PeopleFilters>({})
  const [columns, setColumns] = useState<Column[]>(storedColumns)
  const [creating, setCreating] = useState(false)
  const people = usePeople(filters)
  const items = people.data?.pages.flatMap((p) => p.items) ?? []
  const searched = people.data?.pages[0]?.searched

  const chooseColumns = (list: Column[]) => {
    setColumns(list)
    localStorage.setItem(STORED, JSON.stringify(list))
  }

  const personName = (p: PersonSummary) => (
    <Link to={`/ledgers/people/${p.id}`} data-testid="person-link">
      {p.name}
    </Link>
  )
  const kindTag = (p: PersonSummary) => (
    <Tag color={p.kind === 'registered' ? 'blue' : p.kind === 'floating' ? 'orange' : 'purple'}>
      {p.kindName ? name(p.kindName.zh, p.kindName.en) : p.kind}
    </Tag>
  )
  const all: Record<Column, TableColumnsType<PersonSummary>[number]> = {
    name: {
      key: 'name',
      title: t('people.col.name'),
      render: (_, p) =>
        p.erased ? <Typography.Text type="secondary">{p.name}</Typography.Text> : personName(p),
    },
    kind: { key: 'kind', title: t('people.col.kind'), render: (_, p) => kindTag(p), width: 110 },
    idNumber: {
      key: 'idNumber',
      title: t('people.col.idNumber'),
      render: (_, p) => <code>{p.idNumber ?? '—'}</code>,
    },
    phone: { key: 'phone', title: t('people.col.phone'), render: (_, p) => p.phone ?? '—' },
    sex: {
      key: 'sex',
      title: t('people.col.sex'),
      width: 70,
      render: (_, p) => (p.sexName ? name(p.sexName.zh, p.sexName.en) : '—'),
    },
    birthYear: {
      key: 'birthYear',
      title: t('people.col.birthYear'),
      width: 90,
      render: (_, p) => p.birthYear ?? '—',
    },
    grid: { key: 'grid', title: t('people.col.grid'), render: (_, p) => p.grid.name },
    tags: {
      key: 'tags',
      title: t('people.col.tags'),
      render: (_, p) => p.tags.map((x) => <Tag key={x}>{x}</Tag>),
    },
  }

  const chooser = (
    <Checkbox.Group
      value={columns}
      onChange={(v) => chooseColumns(v as Column[])}
      options={COLUMNS.map((c) => ({ value: c, label: t(`people.col.${c}`), disabled: c === 'name' }))}
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
    />
  )

  return (
    <div data-testid="people-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('people.searchPlaceholder')}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          style={{ width: phone ? '100%' : 320 }}
          data-testid="people-search"
        />
        <div style={{ width: phone ? '100%' : 240 }}>
          <GridTreePicker
            valueKey="code"
            value={filters.grid}
            onChange={(grid) => setFilters((f) => ({ ...f, grid }))}
            placeholder={t('people.gridFilter')}
            testId="people-grid"
          />
        </div>
        <Select
          allowClear
          placeholder={t('people.kindFilter')}
          value={filters.kind}
          onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
          style={{ width: phone ? 'calc(50% - 4px)' : 140 }}
          options={(['registered', 'floating', 'foreign'] as const).map((k) => ({
            value: k,
            label: t(`people.kinds.${k}`),
          }))}
          data-testid="people-kind"
        />
        <Input.Search
          allowClear
          placeholder={t('people.tagFilter')}
          onSearch={(tag) => setFilters((f) => ({ ...f, tag: tag.trim() || undefined }))}
          style={{ width: phone ? 'calc(50% - 4px)' : 180 }}
          data-testid="people-tag"
        />
        {!phone && (
          <Popover content={chooser} trigger="click" title={t('people.columns')}>
            <Button icon={<SettingOutlined />} data-testid="people-columns">
              {t('people.columns')}
            </Button>
          </Popover>
        )}
        {can('ledger.write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="person-new"
          >
            {t('people.new')}
          </Button>
        )}
      </div>
      {searched && searched !== 'none' && (
        <Typography.Paragraph type="secondary" data-testid="people-searched">
          {t(`people.searched.${searched}`, { q: filters.q })}
          {searched === 'name' &&
            /^[\d\s+-]+$/.test(filters.q ?? '') &&
            ` · ${t('people.searched.wholeNumber')}`}
        </Typography.Paragraph>
      )}
      <QueryError error={people.error} />
      {phone ? (
        <List
          dataSource={items}
          loading={people.isLoading}
          locale={{ emptyText: t('people.empty') }}
          renderItem={(p) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="person-card">
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <strong>{p.erased ? p.name : personName(p)}</strong>
                {kindTag(p)}
              </Space>
              <div>
                <code>{p.idNumber ?? '—'}</code>
              </div>
              <Typography.Text type="secondary">
                {p.phone ?? '—'} · {p.grid.name}
              </Typography.Text>
              {p.tags.length > 0 && (
                <div>
                  {p.tags.map((x) => (
                    <Tag key={x}>{x}</Tag>
                  ))}
                </div>
              )}
            </Card>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          columns={(filters.tag && !columns.includes('tags') ? [...columns, 'tags' as const] : columns).map(
            (c) => all[c],
          )}
          dataSource={items}
          loading={people.isLoading}
          pagination={false}
          locale={{ emptyText: t('people.empty') }}
          data-testid="people-table"
        />
      )}
      {people.hasNextPage && (
        <Button
          block
          onClick={() => people.fetchNextPage()}
          loading={people.isFetchingNextPage}
          style={{ marginTop: 12 }}
        >
          {t('people.more')}
        </Button>
      )}
      {creating && <PersonFormModal onClose={() => setCreating(false)} />}
    </div>
  )
}
