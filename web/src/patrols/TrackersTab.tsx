import { DisconnectOutlined, LinkOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons'
import { Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { bindTracker, retireTracker, type Tracker, trackersKey, useTrackers } from './patrols.api'
import { TrackerBindModal, TrackerCreateModal } from './TrackerModals'

function StateTag({ tracker }: { tracker: Tracker }) {
  const { t } = useTranslation()
  if (tracker.retiredAt) return <Tag>{t('patrols.trackers.states.retired')}</Tag>
  if (!tracker.userId) return <Tag color="gold">{t('patrols.trackers.states.unbound')}</Tag>
  return <Tag color="green">{t('patrols.trackers.states.bound')}</Tag>
}

/** 定位终端: the pool and the trackers of the reader's workers; register, bind, unbind, retire. */
export function TrackersTab() {
  const { t } = useTranslation()
  const time = useFormatTime()
  const list = useTrackers()
  const [creating, setCreating] = useState(false)
  const [binding, setBinding] = useState<Tracker | null>(null)
  const unbind = useAction((tr: Tracker) => bindTracker(tr.id, null, tr.version), {
    invalidate: [trackersKey],
    success: t('patrols.trackers.unbound'),
  })
  const retire = useAction((tr: Tracker) => retireTracker(tr.id), {
    invalidate: [trackersKey],
    success: t('patrols.trackers.retiredDone'),
  })

  const columns: TableColumnsType<Tracker> = [
    { key: 'code', title: t('patrols.trackers.code'), dataIndex: 'code' },
    { key: 'name', title: t('patrols.trackers.name'), dataIndex: 'name' },
    { key: 'state', title: t('patrols.trackers.state'), render: (_, tr) => <StateTag tracker={tr} /> },
    {
      key: 'worker',
      title: t('patrols.trackers.worker'),
      render: (_, tr) =>
        tr.userName ? (
          <Space orientation="vertical" size={0}>
            <span data-testid="tracker-worker-name">{tr.userName}</span>
            <Typography.Text type="secondary">
              {t('patrols.trackers.since', { time: time(tr.boundAt) })}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      key: 'last',
      title: t('patrols.trackers.lastPoint'),
      render: (_, tr) =>
        tr.runningPatrolId ? (
          <Space orientation="vertical" size={0}>
            {time(tr.lastPointAt)}
            <Link to={`/patrols/${tr.runningPatrolId}`}>{t('patrols.running')}</Link>
          </Space>
        ) : (
          time(tr.lastPointAt)
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, tr) =>
        tr.retiredAt ? null : (
          <Space wrap size={4}>
            <Button
              size="small"
              icon={<LinkOutlined />}
              onClick={() => setBinding(tr)}
              data-testid="tracker-bind"
            >
              {tr.userId ? t('patrols.trackers.rebind') : t('patrols.trackers.bind')}
            </Button>
            {tr.userId && (
              <Popconfirm title={t('patrols.trackers.unbindConfirm')} onConfirm={() => unbind.mutate(tr)}>
                <Button size="small" icon={<DisconnectOutlined />} data-testid="tracker-unbind">
                  {t('patrols.trackers.unbind')}
                </Button>
              </Popconfirm>
            )}
            <Popconfirm title={t('patrols.trackers.retireConfirm')} onConfirm={() => retire.mutate(tr)}>
              <Button size="small" danger icon={<StopOutlined />} data-testid="tracker-retire">
                {t('patrols.trackers.retire')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ]

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="tracker-create"
        >
          {t('patrols.trackers.create')}
        </Button>
        <Typography.Text type="secondary">{t('patrols.trackers.hint')}</Typography.Text>
      </Space>
      <QueryError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isLoading}
        pagination={false}
        locale={{ emptyText: t('patrols.trackers.empty') }}
        data-testid="trackers-table"
      />
      {creating && <TrackerCreateModal onClose={() => setCreating(false)} />}
      {binding && <TrackerBindModal tracker={binding} onClose={() => setBinding(null)} />}
    </>
  )
}
