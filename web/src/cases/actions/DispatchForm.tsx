import { useQuery } from '@tanstack/react-query'
import { Alert, Form, Radio, Select, Spin } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { components } from '../../api/openapi'
import { QueryError } from '../../common/QueryError'
import { useRequiredRule } from '../../common/useRequiredRule'
import { useLevelName } from '../../grids/GridDetails'
import { caseKey } from '../cases.api'
import type { ActionForm, ActionValues, FieldsProps } from './actionForm'
import { NoteField, PublicTextField } from './fields'

type DispatchOptions = components['schemas']['DispatchOptions']

/** Where the server would accept a dispatch of the case now (per version: a dispatch changes them). */
function useDispatchOptions(id: string, version: number) {
  return useQuery({
    queryKey: [...caseKey(id), 'dispatch-options', version],
    queryFn: () => api.get('/api/cases/{id}/dispatch-options', { params: { path: { id } } }),
  })
}

/**
 * 派遣: by the rules, to a department chosen by hand, or to one of the case's grids. Only what the
 * server would accept is offered: a way it would refuse is shown disabled, with its reason.
 */
function DispatchFields({ c, departments }: FieldsProps) {
  const { t } = useTranslation()
  const options = useDispatchOptions(c.id, c.version)
  const form = Form.useFormInstance<ActionValues>()
  const mode = Form.useWatch<ActionValues['mode']>('mode')
  const offered = options.data
  // The rules find no handler: start on the department, the way that remains.
  useEffect(() => {
    if (offered && !offered.byRule && form.getFieldValue('mode') === 'rule')
      form.setFieldValue('mode', 'department')
  }, [offered, form])

  if (options.error) return <QueryError error={options.error} />
  if (!offered) return <Spin />
  return (
    <>
      <Form.Item name="mode" label={t('cases.form.dispatchTo')}>
        <Radio.Group
          data-testid="dispatch-mode"
          options={[
            { value: 'rule', label: t('cases.form.byRule'), disabled: !offered.byRule },
            { value: 'department', label: t('cases.form.toDepartment') },
            { value: 'grid', label: t('cases.form.toGrid'), disabled: offered.grids.length === 0 },
          ]}
        />
      </Form.Item>
      <Refusals offered={offered} />
      {mode === 'rule' && offered.byRule && <RuleTarget target={offered.byRule} />}
      {mode === 'department' && <DepartmentField departments={departments} />}
      {mode === 'grid' && <GridField grids={offered.grids} />}
      <PublicTextField />
      <NoteField />
    </>
  )
}

/** Why a way to dispatch is not offered, in the words the server's refusal would have. */
function Refusals({ offered }: { offered: DispatchOptions }) {
  const { t } = useTranslation()
  const reasons = [offered.byRuleRefused, offered.gridsRefused].filter((r): r is string => r !== null)
  if (reasons.length === 0) return null
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: -8, marginBottom: 16 }}
      data-testid="dispatch-refusals"
      title={reasons.map((code) => <div key={code}>{t(`errors.${code}`)}</div>)}
    />
  )
}

/** Where the rules send the case: the department, or the grid, named before it is sent. */
function RuleTarget({ target }: { target: NonNullable<DispatchOptions['byRule']> }) {
  const { t } = useTranslation()
  const levelName = useLevelName()
  const name = target.department
    ? target.department.name
    : target.grid && `${target.grid.name} · ${levelName(target.grid.level)}`
  return (
    <p style={{ marginTop: -12, color: 'rgba(0,0,0,0.45)' }} data-testid="dispatch-rule-target">
      {t('cases.form.byRuleTo', { name })}
    </p>
  )
}

function DepartmentField({ departments }: { departments: FieldsProps['departments'] }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  return (
    <Form.Item name="department" label={t('cases.form.department')} rules={[required]}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={departments.map((d) => ({ value: d.code, label: d.name }))}
        data-testid="dispatch-department"
      />
    </Form.Item>
  )
}

function GridField({ grids }: { grids: DispatchOptions['grids'] }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const levelName = useLevelName()
  return (
    <Form.Item name="grid" label={t('cases.form.grid')} extra={t('cases.form.gridHelp')} rules={[required]}>
      <Select
        options={grids.map((g) => ({ value: g.code, label: `${g.name} · ${levelName(g.level)} ${g.code}` }))}
        data-testid="dispatch-grid"
      />
    </Form.Item>
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
