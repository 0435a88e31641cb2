import { Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../common/FormModal'
import { GridTreePicker } from '../common/GridTreePicker'
import { useRequiredRule } from '../common/useRequiredRule'
import { RoleSelect } from '../roles/RoleSelect'
import { createUser, usersKey } from './users.api'

interface CreateUserValues {
  username: string
  displayName: string
  password: string
  roleId?: string
  path?: string
}

const placement = {
  fields: {
    'body.username': 'username',
    'body.displayName': 'displayName',
    'body.password': 'password',
    'body.grants.0.roleId': 'roleId',
    'body.grants.0.scope.path': 'path',
  },
  codes: {
    'user.username_taken': 'username',
    'auth.password_weak': 'password',
    'auth.grant_exceeds_own': 'roleId',
  },
}

function toNewUser({ roleId, path, ...user }: CreateUserValues) {
  const grants = roleId ? [{ roleId, scope: { type: 'grid' as const, path: (path ?? '').trim() } }] : []
  return { ...user, username: user.username.trim(), grants }
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()

  return (
    <FormModal
      title={t('users.create')}
      name="create-user"
      placement={placement}
      submit={(values: CreateUserValues) => createUser(toNewUser(values))}
      invalidate={usersKey}
      success={t('users.created')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item name="username" label={t('users.username')} rules={[required]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t('users.displayName')} rules={[required]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('users.initialPassword')}
        extra={t('password.rule')}
        rules={[required]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="roleId" label={t('users.role')}>
        <RoleSelect allowClear placeholder={t('users.noRole')} />
      </Form.Item>
      <Form.Item name="path" label={t('scope.path')} extra={t('scope.pathHelp')}>
        <GridTreePicker placeholder={t('scope.whole')} testId="scope-path" />
      </Form.Item>
    </FormModal>
  )
}
