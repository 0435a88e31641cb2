import { Form, Radio, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useRequiredRule } from '../../common/useRequiredRule'
import { useLevelName } from '../../grids/GridDetails'
import type { ActionForm, ActionValues, FieldsProps } from './actionForm'
import { NoteField, PublicTextField } from './fields'

/** 派遣: by the routing rules, to a department chosen by hand, or to one of the case's grids. */
function DispatchFields({ c, departments }: FieldsProps) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const levelName = useLevelName()
  const mode = Form.useWatch<ActionValues['mode']>('mode')
  return (
    <>
      <Form.Item name="mode" label={t('cases.form.dispatchTo')}>
        <Radio.Group
          options={[
            { value: 'rule', label: t('cases.form.byRule') },
            { value: 'department', label: t('cases.form.toDepartment') },
            { value: 'grid', label: t('cases.form.toGrid') },
          ]}
        />
      </Form.Item>
      {mode === 'rule' && (
        <p style={{ marginTop: -12, color: 'rgba(0,0,0,0.45)' }}>{t('cases.form.byRuleHelp')}</p>
      )}
      {mode === 'department' && (
        <Form.Item name="department" label={t('cases.form.department')} rules={[required]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={departments.map((d) => ({ value: d.code, label: d.name }))}
            data-testid="dispatch-department"
          />
        </Form.Item>
      )}
      {mode === 'grid' && (
        <Form.Item
          name="grid"
          label={t('cases.form.grid')}
          extra={t('cases.form.gridHelp')}
          rules={[required]}
        >
          <Select
            options={c.grids.map((g) => ({
              value: g.code,
              label: `${g.name} · ${levelName(g.level)} ${g.code}`,
            }))}
            data-testid="dispatch-grid"
          />
        </Form.Item>
      )}
      <PublicTextField />
      <NoteField />
    </>
  )
}

export const dispatchForm: ActionForm = {
  Fields: DispatchFields,
  body: (_, v) => {
    if (v.mode === 'department') return { department: v.department }
    if (v.mode === 'grid') return { grid: v.grid }
    return {}
  },
}
