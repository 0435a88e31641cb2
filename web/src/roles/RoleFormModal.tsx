import { Checkbox, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Role } from '../api/types'
import { FormAlert } from '../common/FormAlert'
import { useSubmit } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
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
  const [form] = Form.useForm<RoleInput>()
  const errors = useFormErrors(form, placement)
  const save = useSubmit(
    ({ key, ...rest }: RoleInput) =>
      role ? updateRole(role.id, rest) : createRole({ key: key.trim(), ...rest }),
    {
      invalidate: rolesKey,
      success: t('roles.saved'),
      onMutate: errors.clear,
      onError: errors.show,
      onSuccess: onClose,
    },
  )
  const required = { required: true, message: t('common.required') }

  return (
    <Modal
      open
      width={640}
      title={role ? t('roles.edit') : t('roles.create')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        name="role"
        layout="vertical"
        initialValues={role ?? { permissions: [] }}
        onFinish={(values) => save.mutate(values)}
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
      </Form>
    </Modal>
  )
}
