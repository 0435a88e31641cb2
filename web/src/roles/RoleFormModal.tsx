import { Checkbox, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Role } from '../api/types'
import { FormModal } from '../common/FormModal'
import { useRequiredRule } from '../common/useRequiredRule'
import { useLocalName } from '../i18n'
import { createRole, type RoleInput, rolesKey, updateRole, usePermissions } from './roles.api'

const placement = {
  fields: {
    'body.key': 'key',
    'body.nameZh': 'nameZh',
    'body.nameEn': 'nameEn',
    'body.permissions': 'permissions',
  },
  codes: { 'role.key_taken': 'key', 'role.unknown_permission': 'permissions' },
}

/** Creates a custom role, or edits one when `role` is given (its key stays). */
export function RoleFormModal({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation()
  const localName = useLocalName()
  const permissions = usePermissions()
  const required = useRequiredRule()

  return (
    <FormModal
      width={640}
      title={role ? t('roles.edit') : t('roles.create')}
      name="role"
      initialValues={role ?? { permissions: [] }}
      placement={placement}
      submit={({ key, ...rest }: RoleInput) =>
        role ? updateRole(role.id, rest) : createRole({ key: key.trim(), ...rest })
      }
      invalidate={rolesKey}
      success={t('roles.saved')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="key" label={t('roles.key')} extra={t('roles.keyHelp')} rules={[required]}>
        <Input disabled={Boolean(role)} />
      </Form.Item>
      <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[required]}>
        <Input />
      </Form.Item>
      <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[required]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="permissions"
        label={t('roles.permissions')}
        rules={[{ ...required, type: 'array', min: 1 }]}
      >
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 8 }}
          options={(permissions.data ?? []).map((p) => ({ value: p.key, label: localName(p.zh, p.en) }))}
        />
      </Form.Item>
    </FormModal>
  )
}
