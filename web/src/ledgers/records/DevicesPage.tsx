import { useQuery } from '@tanstack/react-query'
import { Button, Descriptions, Drawer, Form, Input, Select, Space, Tag, Timeline } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../common/FormModal'
import { useFormatTime } from '../../common/format'
import { GridTreePicker } from '../../common/GridTreePicker'
import { useAction } from '../../common/useAction'
import { useRequiredRule } from '../../common/useRequiredRule'
import { RecordList } from './RecordList'
import {
  createDevice,
  type Device,
  getDevice,
  type RecordFilters,
  recordsKey,
  setDeviceStatus,
} from './records.api'
import { useCodeName, useCodeOptions } from './useCodeNames'

const STATUSES: Device['status'][] = ['normal', 'fault', 'offline', 'alarm', 'maintenance', 'removed']
const COLORS: Record<Device['status'], string> = {
  normal: 'green',
  fault: 'red',
  offline: 'default',
  alarm: 'volcano',
  maintenance: 'blue',
  removed: 'default',
}

/** 物: facilities and devices (cameras, sensors, fire equipment) and their status. */
export function DevicesPage() {
  const { t } = useTranslation()
  const kindName = useCodeName('device_kind')
  const kindOptions = useCodeOptions('device_kind')
  const [filters, setFilters] = useState<RecordFilters>({})
  const [creating, setCreating] = useState(false)
  const [openId, setOpenId] = useState<string | null>(null)
  const status = (s: Device['status']) => <Tag color={COLORS[s]}>{t(`records.devices.statuses.${s}`)}</Tag>

  return (
    <>
      <RecordList<Device>
        kind="devices"
        title={t('records.devices.title')}
        filters={filters}
        onFilters={setFilters}
        searchPlaceholder={t('records.devices.search')}
        choices={[
          {
            key: 'kind',
            placeholder: t('records.devices.kind'),
            options: kindOptions,
          },
          {
            key: 'status',
            placeholder: t('records.devices.status'),
            options: STATUSES.map((s) => ({ value: s, label: t(`records.devices.statuses.${s}`) })),
          },
        ]}
        onOpen={(d) => setOpenId(d.id)}
        onCreate={() => setCreating(true)}
        columns={[
          { key: 'code', title: t('records.devices.code'), dataIndex: 'code', width: 140 },
          { key: 'name', title: t('records.devices.name'), dataIndex: 'name' },
          { key: 'kind', title: t('records.devices.kind'), render: (_, d) => kindName(d.kind) },
          { key: 'status', title: t('records.devices.status'), render: (_, d) => status(d.status) },
          { key: 'grid', title: t('records.grid'), render: (_, d) => d.grid.name },
        ]}
        phoneItem={(d) => ({
          title: (
            <Space>
              {d.name}
              {status(d.status)}
            </Space>
          ),
          description: `${d.code} · ${kindName(d.kind)} · ${d.grid.name}`,
        })}
      />
      {creating && <DeviceForm onClose={() => setCreating(false)} onSaved={(d) => setOpenId(d.id)} />}
      {openId && <DeviceDrawer id={openId} onClose={() => setOpenId(null)} />}
    </>
  )
}

interface Values {
  code: string
  kind: string
  name: string
  gridCode: string
  model?: string
}

function DeviceForm({ onClose, onSaved }: { onClose: () => void; onSaved: (d: Device) => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const kindOptions = useCodeOptions('device_kind')
  return (
    <FormModal<Values, Device>
      title={t('records.devices.create')}
      name="device"
      placement={{
        fields: { 'body.code': 'code', 'body.name': 'name' },
        codes: { 'ledger.device_exists': 'code', 'ledger.out_of_scope': 'gridCode' },
      }}
      submit={(v) =>
        createDevice({
          code: v.code,
          kind: v.kind,
          name: v.name,
          gridCode: v.gridCode,
          details: v.model ? { model: v.model } : undefined,
        })
      }
      invalidate={recordsKey('devices')}
      success={t('records.saved')}
      onSuccess={(d) => {
        onSaved(d)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('records.devices.code')}
        rules={[required]}
        extra={t('records.devices.codeHelp')}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="kind" label={t('records.devices.kind')} rules={[required]}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="name" label={t('records.devices.name')} rules={[required]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="gridCode" label={t('records.grid')} rules={[required]}>
        <GridTreePicker valueKey="code" testId="record-grid" />
      </Form.Item>
      <Form.Item name="model" label={t('records.devices.model')}>
        <Input maxLength={100} />
      </Form.Item>
    </FormModal>
  )
}

function DeviceDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const kindName = useCodeName('device_kind')
  const formatTime = useFormatTime()
  const device = useQuery({ queryKey: [...recordsKey('devices'), 'one', id], queryFn: () => getDevice(id) })
  const [next, setNext] = useState<Device['status'] | undefined>()
  const [note, setNote] = useState('')
  const change = useAction(() => setDeviceStatus(id, next as Device['status'], note || undefined), {
    invalidate: [recordsKey('devices')],
    success: t('records.saved'),
    onSuccess: () => {
      setNext(undefined)
      setNote('')
    },
  })
  const d = device.data
  return (
    <Drawer
      open
      title={d?.name}
      onClose={onClose}
      width={Math.min(520, window.innerWidth)}
      loading={device.isPending}
    >
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('records.devices.code')}>{d.code}</Descriptions.Item>
            <Descriptions.Item label={t('records.devices.kind')}>{kindName(d.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('records.devices.status')}>
              <Tag color={COLORS[d.status]}>{t(`records.devices.statuses.${d.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('records.grid')}>{d.grid.name}</Descriptions.Item>
            <Descriptions.Item label={t('records.devices.model')}>{d.details.model ?? '—'}</Descriptions.Item>
          </Descriptions>
          {d.abilities.includes('update') && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Select
                placeholder={t('records.devices.newStatus')}
                value={next}
                onChange={setNext}
                options={STATUSES.filter((s) => s !== d.status).map((s) => ({
                  value: s,
                  label: t(`records.devices.statuses.${s}`),
                }))}
                style={{ width: '100%' }}
                data-testid="device-status"
              />
              <Input
                placeholder={t('records.devices.note')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={500}
              />
              <Button
                type="primary"
                disabled={!next}
                loading={change.isPending}
                onClick={() => change.mutate(undefined)}
              >
                {t('records.devices.setStatus')}
              </Button>
            </Space>
          )}
          <Timeline
            items={(d.history ?? []).map((h) => ({
              color:
                COLORS[h.status as Device['status']] === 'default'
                  ? 'gray'
                  : COLORS[h.status as Device['status']],
              children: `${formatTime(h.at)} · ${t(`records.devices.statuses.${h.status}`)}${h.note ? ` · ${h.note}` : ''}${h.by ? ` · ${h.by}` : ''}`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  )
}
