import { Alert, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '../api/types'
import { FormModal } from '../common/FormModal'
import { useRequiredRule } from '../common/useRequiredRule'
import { resetPassword, usersKey } from './users.api'

const placement = { fields: { 'body.password': 'password' }, codes: { 'auth.password_weak': 'password' } }

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  return (
    <FormModal
      title={t('users.resetTitle', { name: user.displayName })}
      name="reset-password"
      intro={<Alert type="info" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />}
      placement={placement}
      submit={({ password }: { password: string }) => resetPassword(user.id, password)}
      invalidate={usersKey}
      success={t('users.passwordReset')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="password" label={t('password.new')} extra={t('password.rule')} rules={[required]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  )
}
