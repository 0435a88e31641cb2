import { Form, Input, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { useUsers } from '../users/users.api'
import { bindTracker, createTracker, type Tracker, trackersKey } from './patrols.api'

/** 登记定位终端: a device by its serial or IMEI; it starts unbound. */
export function TrackerCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <FormModal<{ code: string; name: string }, Tracker>
      title={t('patrols.trackers.create')}
      name="tracker"
      submit={createTracker}
      invalidate={trackersKey}
      success={t('patrols.trackers.created')}
      placement={{ codes: { 'tracker.code_taken': 'code' } }}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('patrols.trackers.code')}
        extra={t('patrols.trackers.codeHint')}
        rules={[
          { required: true },
          { pattern: /^[A-Za-z0-9_.:-]{1,64}$/, message: t('patrols.trackers.codeRule') },
        ]}
      >
        <Input maxLength={64} data-testid="tracker-code" />
      </Form.Item>
      <Form.Item name="name" label={t('patrols.trackers.name')} rules={[{ required: true }]}>
        <Input
          maxLength={100}
          placeholder={t('patrols.trackers.namePlaceholder')}
          data-testid="tracker-name"
        />
      </Form.Item>
    </FormModal>
  )
}

/** 绑定: the worker whose patrols the tracker's points join from now on (a worker who records patrols). */
export function TrackerBindModal({ tracker, onClose }: { tracker: Tracker; onClose: () => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const users = useUsers({ q, status: 'active', limit: 20, offset: 0 })
  const workers = (users.data?.items ?? []).filter((u) =>
    u.grants.some((g) => g.permissions.includes('patrol.record')),
  )
  return (
    <FormModal<{ userId: string }, Tracker>
      title={t('patrols.trackers.bindTitle', { name: tracker.name })}
      name="tracker-bind"
      submit={(v) => bindTracker(tracker.id, v.userId, tracker.version)}
      invalidate={trackersKey}
      success={t('patrols.trackers.bound')}
      placement={{ codes: { 'tracker.worker_out_of_scope': 'userId' } }}
      intro={tracker.runningPatrolId ? <p>{t('patrols.trackers.bindEndsPatrol')}</p> : null}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="userId" label={t('patrols.trackers.worker')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          placeholder={t('patrols.trackers.workerPick')}
          loading={users.isFetching}
          options={workers.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          data-testid="tracker-worker"
        />
      </Form.Item>
    </FormModal>
  )
}
