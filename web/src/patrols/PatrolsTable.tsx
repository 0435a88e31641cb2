import { Table, type TableColumnsType, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useFormatTime } from '../common/format'
import { FlagTags } from './FlagTags'
import type { Patrol } from './patrols.api'
import { percent, usePatrolText } from './patrolText'

/** A worker's patrols, newest first, with their figures; a click opens one. */
export function PatrolsTable({ items, loading }: { items: Patrol[]; loading: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const time = useFormatTime()
  const text = usePatrolText()
  const columns: TableColumnsType<Patrol> = [
    { key: 'start', title: t('patrols.startedAt'), render: (_, p) => time(p.startedAt) },
    { key: 'end', title: t('patrols.endedAt'), render: (_, p) => time(p.endedAt) },
    {
      key: 'source',
      title: t('patrols.source'),
      render: (_, p) => (
        <>
          <Tag>{t(`patrols.sources.${p.source}`)}</Tag>
          {p.state === 'running' && <Tag color="processing">{t('patrols.running')}</Tag>}
        </>
      ),
    },
    { key: 'duration', title: t('patrols.duration'), render: (_, p) => text.duration(p.durationS) },
    { key: 'distance', title: t('patrols.distance'), render: (_, p) => text.distance(p.distanceM) },
    { key: 'inGrid', title: t('patrols.inGrid'), render: (_, p) => text.duration(p.inGridS) },
    { key: 'coverage', title: t('patrols.coverage'), render: (_, p) => percent(p.coverage) },
    {
      key: 'checkpoints',
      title: t('patrols.checkpointsReached'),
      align: 'right',
      render: (_, p) => p.checkpointsReached.length,
    },
    { key: 'flags', title: t('patrols.flagsTitle'), render: (_, p) => <FlagTags flags={p.flags} compact /> },
  ]
  return (
    <Table
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('patrols.noPatrols') }}
      onRow={(p) => ({ onClick: () => navigate(`/patrols/${p.id}`), style: { cursor: 'pointer' } })}
      data-testid="patrols-table"
    />
  )
}
