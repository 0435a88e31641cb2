import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { type GridPost, type PostUpdate, staffKey, updatePost } from '../grids/staff.api'
import { useLocalName } from '../i18n'

const placement = { fields: { 'body.workPhone': 'workPhone', 'body.duties': 'duties' } }

/**
 * A post's work phone and duties. The phone is shown masked, so it is not filled in: a number typed
 * replaces it, an empty field keeps it. Emptied duties are cleared.
 */
export function EditPostModal({
  code,
  post,
  onClose,
}: {
  code: string
  post: GridPost
  onClose: () => void
}) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const postName = localName(post.postZh, post.postEn)
  const submit = (v: { workPhone?: string; duties?: string }) => {
    const body: PostUpdate = { duties: v.duties?.trim() ? v.duties.trim() : null }
    if (v.workPhone?.trim()) body.workPhone = v.workPhone.trim()
    return updatePost(code, post.id, body)
  }
  return (
    <FormModal
      title={t('staff.editTitle', { holder: post.holder, post: postName })}
      name="edit-post"
      initialValues={{ duties: post.duties ?? undefined }}
      placement={placement}
      submit={submit}
      invalidate={staffKey(code)}
      success={t('staff.updated')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item
        name="workPhone"
        label={t('staff.workPhone')}
        extra={post.workPhone ? t('staff.workPhoneKeep', { phone: post.workPhone }) : undefined}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="duties" label={t('staff.duties')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  )
}
