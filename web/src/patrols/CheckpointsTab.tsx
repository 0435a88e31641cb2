import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Popconfirm, Space, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { GridTreePicker } from '../common/GridTreePicker'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { CheckpointModal } from './CheckpointModal'
import { type Checkpoint, codeOfPath, patrolsKey, retireCheckpoint, useCheckpoints } from './patrols.api'

/** 必到点: the check-in points of a grid and the grids below it; add one, retire one. */
export function CheckpointsTab({ defaultGrid }: { defaultGrid: string | undefined }) {
  const { t } = useTranslation()
  const [picked, setPicked] = useState<string>()
  const [creating, setCreating] = useState(false)
  const grid = picked ?? defaultGrid
  const list = useCheckpoints(grid)
  const retire = useAction((id: string) => retireCheckpoint(id), {
    invalidate: [patrolsKey],
    success: t('patrols.checkpoints.retired'),
  })

  const columns: TableColumnsType<Checkpoint> = [
    { key: 'name', title: t('patrols.checkpoints.name'), dataIndex: 'name' },
    { key: 'grid', title: t('patrols.grid'), render: (_, c) => codeOfPath(c.gridPath) },
    {
      key: 'location',
      title: t('patrols.checkpoints.location'),
      render: (_, c) => `${c.location.lng.toFixed(6)}, ${c.location.lat.toFixed(6)}`,
    },
    {
      key: 'radius',
      title: t('patrols.checkpoints.radius'),
      render: (_, c) => t('patrols.m', { m: c.radiusM }),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, c) => (
        <Popconfirm
          title={t('patrols.checkpoints.retireConfirm', { name: c.name })}
          onConfirm={() => retire.mutate(c.id)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="checkpoint-retire">
            {t('patrols.checkpoints.retire')}
          </Button>
        </Popconfirm>
      ),
    },
  ]

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 320 }}>
          <GridTreePicker
            valueKey="code"
            value={grid}
            onChange={(code) => code && setPicked(code)}
            placeholder={t('patrols.pickGrid')}
            testId="checkpoints-grid"
          />
        </div>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="checkpoint-create"
        >
          {t('patrols.checkpoints.create')}
        </Button>
      </Space>
      <QueryError error={list.error} />
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={false}
        locale={{ emptyText: t('patrols.checkpoints.empty') }}
        data-testid="checkpoints-table"
      />
      {creating && (
        <CheckpointModal
          grid={grid}
          onClose={() => setCreating(false)}
          onCreated={() => setCreating(false)}
        />
      )}
    </>
  )
}
