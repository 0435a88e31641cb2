import { PlusOutlined } from '@ant-design/icons'
import {
  Button,
  Card,
  Grid,
  Input,
  List,
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
import { useColumnChoice } from '../ColumnChooser'
import { PersonFormModal } from './PersonFormModal'
import { type PeopleFilters, type PersonSummary, usePeople } from './people.api'

/** 实有人口: the people of the reader's grids, masked; search by name, ID number or phone. */
export function PeoplePage() {
  const { t } = useTranslation()
  const name = useLocalName()
  const can = useCan()
  const phone = !Grid.useBreakpoint().md
  const [filters, setFilters] = useState<PeopleFilters>({})
  const [creating, setCreating] = useState(false)
  const people = usePeople(filters)
  const items = people.data?.pages.flatMap((p) => p.items) ?? []
  const searched = people.data?.pages[0]?.searched

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
  const all: TableColumnsType<PersonSummary> = [
    {
      key: 'name',
      title: t('people.col.name'),
      render: (_, p) =>
        p.erased ? <Typography.Text type="secondary">{p.name}</Typography.Text> : personName(p),
    },
    { key: 'kind', title: t('people.col.kind'), render: (_, p) => kindTag(p), width: 110 },
    {
      key: 'idNumber',
      title: t('people.col.idNumber'),
      render: (_, p) => <code>{p.idNumber ?? '—'}</code>,
    },
    { key: 'phone', title: t('people.col.phone'), render: (_, p) => p.phone ?? '—' },
    {
      key: 'sex',
      title: t('people.col.sex'),
      width: 70,
      render: (_, p) => (p.sexName ? name(p.sexName.zh, p.sexName.en) : '—'),
    },
    {
      key: 'birthYear',
      title: t('people.col.birthYear'),
      width: 90,
      render: (_, p) => p.birthYear ?? '—',
    },
    { key: 'grid', title: t('people.col.grid'), render: (_, p) => p.grid.name },
    {
      key: 'tags',
      title: t('people.col.tags'),
      render: (_, p) => p.tags.map((x) => <Tag key={x}>{x}</Tag>),
    },
  ]
  const choice = useColumnChoice('people', all, { hiddenByDefault: ['tags'] })
  // Filtering by a tag shows the tags, whatever the reader chose.
  const columns = all.filter((c) => !choice.hidden.has(String(c.key)) || (filters.tag && c.key === 'tags'))

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
        {choice.chooser}
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
          columns={columns}
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
