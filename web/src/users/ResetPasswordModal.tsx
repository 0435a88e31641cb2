import { Alert, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '../api/types'
import { FormAlert } from '../common/FormAlert'
import { useSubmit } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { resetPassword, usersKey } from './users.api'

const placement = { fields: { 'body.password': 'password' }, codes: { 'auth.weak_password': 'password' } }

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ password: string }>()
  const errors = useFormErrors(form, placement)
  const reset = useSubmit(({ password }: { password: string }) => resetPassword(user.id, password), {
    invalidate: usersKey,
    success: t('users.passwordReset'),
    onMutate: errors.clear,
    onError: errors.show,
    onSuccess: onClose,
  })

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reset.isPending}
    >
      <Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <FormAlert message={errors.alert} />
      <Form form={form} name="reset-password" layout="vertical" onFinish={(values) => reset.mutate(values)}>
        <Form.Item
          name="password"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
