import { Alert, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { type GridPost, unmaskPosts } from '../grids/staff.api'

/** Asks why the work phones are shown in full; the reason goes into the audit row of the read. */
export function UnmaskPhonesDialog({
  code,
  onDone,
  onClose,
}: {
  code: string
  onDone: (posts: GridPost[]) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const errors = useFormErrors(form, {
    fields: { 'query.reason': 'reason' },
    codes: { 'staff.unmask_reason_required': 'reason' },
  })
  const unmask = useAction((v: { reason: string }) => unmaskPosts(code, v.reason.trim()), {
    onMutate: errors.clear,
    onError: errors.show,
    onSuccess: onDone,
  })
  return (
    <Modal
      open
      title={t('staff.unmaskTitle')}
      okText={t('staff.unmaskConfirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={unmask.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('staff.auditWarning')} style={{ marginBottom: 16 }} />
      <FormAlert message={errors.alert} />
      <Form form={form} name="staff-unmask" layout="vertical" onFinish={(v) => unmask.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('staff.reason')}
          rules={[{ required: true, whitespace: true, message: t('staff.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('staff.reasonHint')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
