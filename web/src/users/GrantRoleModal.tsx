import { Form } from 'antd'
import { useTranslation } from 'react-i18next'
import type { User } from '../api/types'
import { FormModal } from '../common/FormModal'
import {
  defaultScope,
  ScopeFields,
  type ScopeValues,
  scopeServerFields,
  toScope,
} from '../common/ScopeFields'
import { useRequiredRule } from '../common/useRequiredRule'
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
  const required = useRequiredRule()
  return (
    <FormModal
      title={t('users.grantTitle', { name: user.displayName })}
      name="grant-role"
      initialValues={defaultScope}
      placement={placement}
      submit={(values: GrantValues) => grantRole(user.id, values.roleId, toScope(values))}
      invalidate={usersKey}
      success={t('users.granted')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="roleId" label={t('users.role')} rules={[required]}>
        <RoleSelect />
      </Form.Item>
      <ScopeFields />
    </FormModal>
  )
}
