import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CreatedApiKey } from '../api/types'
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
  const required = useRequiredRule()

  return (
    <FormModal
      title={t('apikeys.create')}
      name="create-api-key"
      initialValues={defaultScope}
      placement={placement}
      submit={(values: ApiKeyValues) =>
        createApiKey({ name: values.name.trim(), roleId: values.roleId, scope: toScope(values) })
      }
      invalidate={apiKeysKey}
      onSuccess={onCreated}
      onClose={onClose}
    >
      <Form.Item name="name" label={t('apikeys.name')} extra={t('apikeys.nameHelp')} rules={[required]}>
        <Input />
      </Form.Item>
      <Form.Item name="roleId" label={t('apikeys.role')} rules={[required]}>
        <RoleSelect />
      </Form.Item>
      <ScopeFields />
    </FormModal>
  )
}
