import { Form, Input, Radio, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { useRequiredRule } from '../common/useRequiredRule'
import { appointPost, type GridStaffing, type PostCreate, staffKey, useUserSearch } from '../grids/staff.api'
import { useLocalName } from '../i18n'

const placement = {
  fields: {
    'body.post': 'post',
    'body.userId': 'userId',
    'body.personName': 'personName',
    'body.workPhone': 'workPhone',
    'body.duties': 'duties',
  },
  codes: { 'auth.grant_exceeds_own': 'userId', 'user.not_found': 'userId' },
}

interface Values {
  post: PostCreate['post']
  holder: 'person' | 'user'
  personName?: string
  userId?: string
  workPhone?: string
  duties?: string
}

/** Fills a post the reader may fill here, with a person without an account or with a user. */
export function AppointPostModal({ staffing, onClose }: { staffing: GridStaffing; onClose: () => void }) {
  const { t } = useTranslation()
  const first = staffing.appointable[0]
  const blank = (v?: string) => (v?.trim() ? v.trim() : undefined)

  const submit = (v: Values) =>
    appointPost(staffing.grid.code, {
      post: v.post,
      ...(v.holder === 'user' ? { userId: v.userId } : { personName: v.personName }),
      workPhone: blank(v.workPhone),
      duties: blank(v.duties),
    })

  return (
    <FormModal
      title={t('staff.appointTitle', { name: staffing.grid.name })}
      name="appoint-post"
      initialValues={{ post: first?.post, holder: first?.person === false ? 'user' : 'person' }}
      placement={placement}
      submit={submit}
      invalidate={staffKey(staffing.grid.code)}
      success={t('staff.appointed')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <PostFields staffing={staffing} />
    </FormModal>
  )
}

/** Inside the form: the holder's fields follow the post chosen and who may hold it. */
function PostFields({ staffing }: { staffing: GridStaffing }) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const required = useRequiredRule()
  const post = Form.useWatch<Values['post']>('post')
  const holder = Form.useWatch<Values['holder']>('holder')
  const [q, setQ] = useState('')
  const users = useUserSearch(q.trim())
  const rule = staffing.appointable.find((a) => a.post === post)
  return (
    <>
      <Form.Item name="post" label={t('staff.post')} rules={[required]}>
        <Select
          options={staffing.appointable.map((a) => ({ value: a.post, label: localName(a.postZh, a.postEn) }))}
          data-testid="post-kind"
        />
      </Form.Item>
      <Form.Item name="holder" label={t('staff.holderType')}>
        <Radio.Group
          options={[
            { value: 'person', label: t('staff.person'), disabled: rule?.person === false },
            { value: 'user', label: t('staff.user'), disabled: rule?.user === false },
          ]}
        />
      </Form.Item>
      {holder === 'user' ? (
        <Form.Item name="userId" label={t('staff.userId')} rules={[required]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('staff.userSearch')}
            loading={users.isFetching}
            options={(users.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
      ) : (
        <Form.Item name="personName" label={t('staff.personName')} rules={[required]}>
          <Input maxLength={64} />
        </Form.Item>
      )}
      <Form.Item name="workPhone" label={t('staff.workPhone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="duties" label={t('staff.duties')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </>
  )
}
