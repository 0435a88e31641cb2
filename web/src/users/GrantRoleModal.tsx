import { Form, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '../api/types'
import { FormAlert } from '../common/FormAlert'
import {
  defaultScope,
  ScopeFields,
  type ScopeValues,
  scopeServerFields,
  toScope,
} from '../common/ScopeFields'
import { useSubmit } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { RoleSelect } from '../roles/RoleSelect'
import { grantRole, usersKey } from './users.api'

interface GrantValues extends ScopeValues {
  roleId: string
}

const placement = {
  fields: { 'body.roleId': 'roleId', ...scopeServerFields('body.scope') },
  codes: { 'auth.grant_exceeds_own': 'roleId', 'role.grant_exists': 'roleId', 'role.not_found': 'roleId' },
}

export function GrantRoleModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<GrantValues>()
  const errors = useFormErrors(form, placement)
  const grant = useSubmit((values: GrantValues) => grantRole(user.id, values.roleId, toScope(values)), {
    invalidate: usersKey,
    success: t('users.granted'),
    onMutate: errors.clear,
    onError: errors.show,
    onSuccess: onClose,
  })

  return (
    <Modal
      open
      title={t('users.grantTitle', { name: user.displayName })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={grant.isPending}
    >
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        name="grant-role"
        layout="vertical"
        initialValues={defaultScope}
        onFinish={(values) => grant.mutate(values)}
      >
        <Form.Item
          name="roleId"
          label={t('users.role')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <RoleSelect />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  )
}
