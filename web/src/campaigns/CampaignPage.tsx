import { DownloadOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons'
import {
  Button,
  Card,
  Descriptions,
  Grid,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { saveFile } from '../stats/stats.api'
import { ShareDone, StateCounts } from './CampaignProgress'
import {
  type CampaignTask,
  campaignsKey,
  closeCampaign,
  fetchCampaignWorkbook,
  STATE_COLOURS,
  TASK_STATES,
  type TaskState,
  useCampaign,
  useProgress,
  useTasks,
} from './campaigns.api'
import { ReassignModal } from './ReassignModal'

function ProgressTable({ id, by }: { id: string; by: 'grid' | 'worker' }) {
  const { t } = useTranslation()
  const progress = useProgress(id, by)
  type Row = NonNullable<typeof progress.data>['rows'][number]
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: by === 'grid' ? t('campaigns.grid') : t('campaigns.assignee'),
      render: (_, r) => r.name ?? t('campaigns.unassigned'),
    },
    { key: 'total', title: t('campaigns.doors'), dataIndex: 'total', align: 'right', width: 90 },
    { key: 'counts', title: t('campaigns.counts'), render: (_, r) => <StateCounts counts={r.counts} /> },
    {
      key: 'progress',
      title: t('campaigns.progress'),
      width: 180,
      render: (_, r) => <ShareDone progress={r.progress} />,
    },
  ]
  return (
    <>
      <QueryError error={progress.error} />
      <Table
        rowKey={(r) => r.key ?? 'none'}
        size="small"
        columns={columns}
        dataSource={progress.data?.rows ?? []}
        loading={progress.isLoading}
        pagination={false}
        scroll={{ x: 600 }}
        data-testid={`progress-${by}`}
      />
    </>
  )
}

function TasksTable({ id, mayManage }: { id: string; mayManage: boolean }) {
  const { t } = useTranslation()
  const [state, setState] = useState<TaskState | undefined>()
  const [cursors, setCursors] = useState<string[]>([])
  const [selected, setSelected] = useState<string[]>([])
  const [moving, setMoving] = useState(false)
  const tasks = useTasks(id, { state, cursor: cursors[cursors.length - 1] })
  const columns: TableColumnsType<CampaignTask> = [
    { key: 'label', title: t('campaigns.target'), dataIndex: 'label' },
    { key: 'grid', title: t('campaigns.grid'), render: (_, r) => r.grid.name },
    {
      key: 'assignee',
      title: t('campaigns.assignee'),
      render: (_, r) => r.assignee?.name ?? t('campaigns.unassigned'),
    },
    {
      key: 'state',
      title: t('campaigns.counts'),
      render: (_, r) => <Tag color={STATE_COLOURS[r.state]}>{t(`campaigns.states.${r.state}`)}</Tag>,
    },
    { key: 'attempts', title: t('campaigns.attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
    { key: 'revisit', title: t('campaigns.revisitOn'), render: (_, r) => r.revisitOn ?? '—' },
  ]
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('campaigns.allStates')}
          style={{ width: 160 }}
          value={state}
          onChange={(v) => {
            setState(v)
            setCursors([])
          }}
          options={TASK_STATES.map((s) => ({ value: s, label: t(`campaigns.states.${s}`) }))}
          data-testid="tasks-state"
        />
        {mayManage && (
          <Button
            icon={<SwapOutlined />}
            disabled={selected.length === 0}
            onClick={() => setMoving(true)}
            data-testid="tasks-reassign"
          >
            {t('campaigns.reassign')}
          </Button>
        )}
      </Space>
      <QueryError error={tasks.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tasks.data?.items ?? []}
        loading={tasks.isLoading}
        pagination={false}
        scroll={{ x: 700 }}
        rowSelection={
          mayManage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (r) => ({ disabled: r.state !== 'open' && r.state !== 'revisit' }),
              }
            : undefined
        }
        data-testid="campaign-tasks"
      />
      {tasks.data?.nextCursor && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => setCursors([...cursors, tasks.data?.nextCursor ?? ''])}
        >
          {t('campaigns.more')}
        </Button>
      )}
      {moving && (
        <ReassignModal
          campaignId={id}
          taskIds={selected}
          onClose={() => setMoving(false)}
          onDone={() => {
            setMoving(false)
            setSelected([])
          }}
        />
      )}
    </>
  )
}

/** One campaign: its figures, progress by grid and by worker, its doors; export, reassign and close. */
export function CampaignPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const phone = !Grid.useBreakpoint().md
  const campaign = useCampaign(id)
  const c = campaign.data
  const mayManage = c?.abilities.includes('manage') ?? false
  const close = useAction(() => closeCampaign(id, c?.version ?? 0), {
    invalidate: [campaignsKey],
    success: t('campaigns.closedDone'),
  })
  const download = useAction(
    async () => saveFile(await fetchCampaignWorkbook(id), `${t('campaigns.fileStem')}_${c?.title}.xlsx`),
    {},
  )

  if (!c)
    return (
      <Card loading={campaign.isLoading}>
        <QueryError error={campaign.error} />
      </Card>
    )
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        data-testid="campaign-summary"
        title={
          <Space wrap>
            <span data-testid="campaign-title-text">{c.title}</span>
            <Tag>{t(`campaigns.kinds.${c.kind}`)}</Tag>
            {c.state === 'closed' && <Tag color="default">{t('campaigns.closed')}</Tag>}
          </Space>
        }
        extra={
          mayManage && (
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                loading={download.isPending}
                onClick={() => download.mutate(undefined)}
              >
                {phone ? null : t('campaigns.export')}
              </Button>
              {c.state === 'active' && (
                <Popconfirm title={t('campaigns.closeConfirm')} onConfirm={() => close.mutate(undefined)}>
                  <Button danger icon={<StopOutlined />}>
                    {phone ? null : t('campaigns.close')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t('campaigns.scope')}>{c.scope.name}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.dates')}>
            {c.startsOn} – {c.endsOn}
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.doors')}>
            <span data-testid="campaign-doors">{c.taskCount}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary">{t('campaigns.progress')}</Typography.Text>
        <div data-testid="campaign-progress">
          <ShareDone progress={c.progress} />
        </div>
        <StateCounts counts={c.counts} />
      </Card>
      {mayManage && (
        <Card>
          <Tabs
            items={[
              { key: 'grid', label: t('campaigns.byGrid'), children: <ProgressTable id={id} by="grid" /> },
              {
                key: 'worker',
                label: t('campaigns.byWorker'),
                children: <ProgressTable id={id} by="worker" />,
              },
              {
                key: 'tasks',
                label: t('campaigns.tasks'),
                children: <TasksTable id={id} mayManage={mayManage} />,
              },
            ]}
          />
        </Card>
      )}
    </Space>
  )
}
