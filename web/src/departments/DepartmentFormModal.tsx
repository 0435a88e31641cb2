import { Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { DEPARTMENT_KINDS as KINDS } from '../cases-config/config.api'
import { FormModal } from '../common/FormModal'
import { useRequiredRule } from '../common/useRequiredRule'
import {
  createDepartment,
  type Department,
  type DepartmentCreate,
  departmentsKey,
  updateDepartment,
} from './departments.api'
import { useKindName } from './useKindName'

const placement = {
  fields: {
    'body.code': 'code',
    'body.name': 'name',
    'body.contactPhone': 'contactPhone',
    'body.parentCode': 'parentCode',
    'body.kind': 'kind',
  },
  codes: {
    'department.code_taken': 'code',
    'department.parent_not_found': 'parentCode',
    'department.parent_cycle': 'parentCode',
  },
}

interface Values {
  code: string
  name: string
  contactPhone?: string
  parentCode?: string
  kind?: DepartmentCreate['kind']
}

/** A new department, or the fields of one to change (its code stays: routing rules quote it). */
export function DepartmentFormModal({
  department,
  departments,
  onSaved,
  onClose,
}: {
  department?: Department
  departments: Department[]
  onSaved: (d: Department) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const kindName = useKindName()
  const editing = department !== undefined
  const blank = (v?: string | null) => (v?.trim() ? v.trim() : undefined)

  const submit = (v: Values) =>
    department
      ? updateDepartment(department.code, {
          name: v.name,
          contactPhone: blank(v.contactPhone) ?? null,
          parentCode: v.parentCode ?? null,
          kind: v.kind ?? null,
        })
      : createDepartment({ ...v, contactPhone: blank(v.contactPhone) })

  return (
    <FormModal
      title={editing ? t('departments.editTitle', { name: department.name }) : t('departments.create')}
      name="department"
      initialValues={{
        code: department?.code,
        name: department?.name,
        contactPhone: department?.contactPhone ?? undefined,
        parentCode: department?.parentCode ?? undefined,
        kind: (department?.kind ?? undefined) as Values['kind'],
      }}
      placement={placement}
      submit={submit}
      invalidate={departmentsKey}
      success={editing ? t('departments.updated') : t('departments.created')}
      onSuccess={(d) => {
        onSaved(d)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('departments.code')}
        extra={t('departments.codeHelp')}
        rules={[required]}
      >
        <Input disabled={editing} maxLength={32} />
      </Form.Item>
      <Form.Item name="name" label={t('departments.name')} rules={[required]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label={t('departments.kind')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={KINDS.map((k) => ({ value: k, label: kindName(k) }))}
        />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('departments.contactPhone')}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="parentCode" label={t('departments.parent')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={departments
            .filter((d) => d.code !== department?.code)
            .map((d) => ({ value: d.code, label: `${d.name} ${d.code}` }))}
        />
      </Form.Item>
    </FormModal>
  )
}
