import { Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CreatedApiKey } from '../api/types'
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
import { apiKeysKey, createApiKey } from './apikeys.api'

interface ApiKeyValues extends ScopeValues {
  name: string
  roleId: string
}

const placement = {
  fields: { 'body.name': 'name', 'body.roleId': 'roleId', ...scopeServerFields('body.scope') },
  codes: { 'auth.grant_exceeds_own': 'roleId', 'role.not_found': 'roleId' },
}

interface CreateApiKeyModalProps {
  onClose: () => void
  onCreated: (key: CreatedApiKey) => void
}

export function CreateApiKeyModal({ onClose, onCreated }: CreateApiKeyModalProps) {
  const { t } = useTranslation()
  const [form] = Form.useForm<ApiKeyValues>()
  const errors = useFormErrors(form, placement)
  const create = useSubmit(
    (values: ApiKeyValues) =>
      createApiKey({ name: values.name.trim(), roleId: values.roleId, scope: toScope(values) }),
    { invalidate: apiKeysKey, onMutate: errors.clear, onError: errors.show, onSuccess: onCreated },
  )
  const required = { required: true, message: t('common.required') }

  return (
    <Modal
      open
      title={t('apikeys.create')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        name="create-api-key"
        layout="vertical"
        initialValues={defaultScope}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="name" label={t('apikeys.name')} extra={t('apikeys.nameHelp')} rules={[required]}>
          <Input />
        </Form.Item>
        <Form.Item name="roleId" label={t('apikeys.role')} rules={[required]}>
          <RoleSelect />
        </Form.Item>
        <ScopeFields />
      </Form>
    </Modal>
  )
}
