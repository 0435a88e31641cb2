import { Form, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { useUsers } from '../users/users.api'
import { campaignsKey, reassignTasks } from './campaigns.api'

/** 改派: the chosen doors go to another worker (who must be able to read their grids' ledgers). */
export function ReassignModal({
  campaignId,
  taskIds,
  onClose,
  onDone,
}: {
  campaignId: string
  taskIds: string[]
  onClose: () => void
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const users = useUsers({ q, status: 'active', limit: 20, offset: 0 })
  return (
    <FormModal<{ toUserId: string }, { moved: number }>
      title={t('campaigns.reassignTitle', { count: taskIds.length })}
      name="reassign"
      submit={(v) => reassignTasks(campaignId, { taskIds, toUserId: v.toUserId })}
      invalidate={campaignsKey}
      success={t('campaigns.reassigned', { count: taskIds.length })}
      placement={{ codes: { 'campaign.assignee_out_of_scope': 'toUserId' } }}
      onSuccess={onDone}
      onClose={onClose}
    >
      <Form.Item name="toUserId" label={t('campaigns.reassignTo')} rules={[{ required: true }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          placeholder={t('campaigns.reassignPick')}
          loading={users.isFetching}
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName}（${u.username}）`,
          }))}
          data-testid="reassign-to"
        />
      </Form.Item>
    </FormModal>
  )
}
