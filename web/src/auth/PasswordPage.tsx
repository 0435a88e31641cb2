import { Alert, Button, Card, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { changePassword, meKey, useCurrentUser } from './auth.api'

interface PasswordValues {
  currentPassword: string
  newPassword: string
  confirm: string
}

const placement = {
  fields: { 'body.currentPassword': 'currentPassword', 'body.newPassword': 'newPassword' },
  codes: {
    'auth.wrong_current_password': 'currentPassword',
    'auth.password_weak': 'newPassword',
    'auth.password_reused': 'newPassword',
  },
}

export function PasswordPage() {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const navigate = useNavigate()
  const [form] = Form.useForm<PasswordValues>()
  // Here the username is not in question: only the current password can be wrong.
  const errors = useFormErrors(form, {
    ...placement,
    texts: { 'auth.wrong_current_password': t('password.currentWrong') },
  })

  const change = useAction(
    (values: PasswordValues) => changePassword(values.currentPassword, values.newPassword),
    {
      onMutate: errors.clear,
      onError: errors.show,
      success: t('password.changed'),
      invalidate: [meKey],
      onSuccess: () => void navigate('/', { replace: true }),
    },
  )

  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />
      )}
      <FormAlert message={errors.alert} />
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  )
}
