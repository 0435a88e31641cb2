import { Form, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Scope } from '../api/types'
import { DepartmentSelect } from '../departments/DepartmentSelect'
import { GridTreePicker } from './GridTreePicker'

export interface ScopeValues {
  scopeType: Scope['type']
  path?: string
  departmentId?: string
}

export const defaultScope: ScopeValues = { scopeType: 'grid', path: '' }

export function toScope(values: ScopeValues): Scope {
  if (values.scopeType === 'department') return { type: 'department', id: (values.departmentId ?? '').trim() }
  return { type: 'grid', path: (values.path ?? '').trim() }
}

/** Server fields of a scope sent as `body.scope` → the form fields below. */
export const scopeServerFields = (prefix: string) => ({
  [`${prefix}.path`]: 'path',
  [`${prefix}.id`]: 'departmentId',
  [`${prefix}.type`]: 'scopeType',
})

/** Scope as a grid picked from the tree (none: the whole deployment) or a department id. */
export function ScopeFields({ allowDepartment = true }: { allowDepartment?: boolean }) {
  const { t } = useTranslation()
  const scopeType = Form.useWatch<ScopeValues['scopeType']>('scopeType')
  return (
    <>
      {allowDepartment && (
        <Form.Item name="scopeType" label={t('scope.type')}>
          <Radio.Group
            options={[
              { value: 'grid', label: t('scope.typeGrid') },
              { value: 'department', label: t('scope.typeDepartment') },
            ]}
          />
        </Form.Item>
      )}
      {scopeType === 'department' ? (
        <Form.Item
          name="departmentId"
          label={t('scope.departmentId')}
          rules={[{ required: true, message: t('scope.departmentIdRequired') }]}
        >
          <DepartmentSelect testId="scope-department" />
        </Form.Item>
      ) : (
        <Form.Item name="path" label={t('scope.path')} extra={t('scope.pathHelp')}>
          <GridTreePicker placeholder={t('scope.whole')} testId="scope-path" />
        </Form.Item>
      )}
    </>
  )
}
