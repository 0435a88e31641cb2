import { Checkbox, Form, Input, InputNumber, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useCurrentUser } from '../../auth/auth.api'
import { FormModal } from '../../common/FormModal'
import { useRequiredRule } from '../../common/useRequiredRule'
import { PersonPicker } from '../people/PersonPicker'
import {
  ATTENTION_LEVELS,
  chinaToday,
  createMembership,
  groupsKey,
  type Membership,
  useCodeName,
} from './groups.api'

interface Values {
  personId: string
  groupCode: string
  subKind?: string
  attention: number
  startsOn: string
  endsOn?: string
  mine: boolean
  riskLevel?: number
  correctionClass?: string
  guardianName?: string
  guardianRelation?: string
  guardianPhone?: string
  notes?: string
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)

/** Registers a person in a special group: group and sub-kind from the code table, the group's own details. */
export function MembershipFormModal({
  personId,
  onClose,
  onCreated,
}: {
  personId?: string
  onClose: () => void
  onCreated?: (m: Membership) => void
}) {
  const { t } = useTranslation()
  const me = useCurrentUser()
  const required = useRequiredRule()
  const { codes, name } = useCodeName('special_group')
  const classes = useCodeName('correction_class')
  return (
    <FormModal<Values, Membership>
      title={t('groups.form.title')}
      name="membership-create"
      width={560}
      initialValues={{ personId, attention: 1, startsOn: chinaToday(), mine: true }}
      submit={(v) =>
        createMembership({
          personId: v.personId,
          groupCode: v.groupCode,
          subKind: v.subKind ?? null,
          attention: v.attention,
          startsOn: v.startsOn,
          endsOn: blank(v.endsOn) ?? null,
          responsibleUserId: v.mine ? me.id : null,
          details: {
            ...(v.riskLevel !== undefined && v.riskLevel !== null ? { riskLevel: v.riskLevel } : {}),
            ...(v.correctionClass ? { correctionClass: v.correctionClass } : {}),
            ...(blank(v.guardianName) ? { guardianName: blank(v.guardianName) } : {}),
            ...(blank(v.guardianRelation) ? { guardianRelation: blank(v.guardianRelation) } : {}),
            ...(blank(v.guardianPhone) ? { guardianPhone: blank(v.guardianPhone) } : {}),
          },
          notes: blank(v.notes) ?? null,
        })
      }
      invalidate={groupsKey}
      success={t('groups.form.created')}
      onSuccess={(m) => {
        onCreated?.(m)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item
        name="personId"
        label={t('groups.form.personId')}
        extra={t('groups.form.personIdHint')}
        rules={[required]}
      >
        {personId ? (
          <Input disabled data-testid="membership-person" />
        ) : (
          <PersonPicker testId="membership-person" />
        )}
      </Form.Item>
      <Form.Item name="groupCode" label={t('groups.form.group')} rules={[required]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={codes
            .filter((c) => !c.parentCode && c.active)
            .map((c) => ({ value: c.code, label: name(c.code) }))}
          data-testid="membership-group"
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['groupCode']}>
        {({ getFieldValue }) => {
          const group = getFieldValue('groupCode') as string | undefined
          const subKinds = codes.filter((c) => c.parentCode === group && c.active)
          return (
            <>
              {subKinds.length > 0 && (
                <Form.Item name="subKind" label={t('groups.form.subKind')}>
                  <Select
                    allowClear
                    options={subKinds.map((c) => ({ value: c.code, label: name(c.code) }))}
                  />
                </Form.Item>
              )}
              {group === 'correction' && (
                <Form.Item name="correctionClass" label={t('groups.form.correctionClass')}>
                  <Select
                    allowClear
                    options={classes.codes.map((c) => ({ value: c.code, label: classes.name(c.code) }))}
                  />
                </Form.Item>
              )}
              {group === 'mental' && (
                <>
                  <Form.Item name="riskLevel" label={t('groups.form.riskLevel')}>
                    <InputNumber min={0} max={5} precision={0} />
                  </Form.Item>
                  <Form.Item name="guardianName" label={t('groups.form.guardianName')}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name="guardianRelation" label={t('groups.form.guardianRelation')}>
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item name="guardianPhone" label={t('groups.form.guardianPhone')}>
                    <Input maxLength={20} inputMode="tel" />
                  </Form.Item>
                </>
              )}
            </>
          )
        }}
      </Form.Item>
      <Form.Item name="attention" label={t('groups.form.attention')}>
        <Select
          options={ATTENTION_LEVELS.map((l) => ({ value: l, label: `${l} · ${t(`groups.attention.${l}`)}` }))}
        />
      </Form.Item>
      <Form.Item name="startsOn" label={t('groups.form.startsOn')} rules={[required]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="endsOn" label={t('groups.form.endsOn')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="mine" valuePropName="checked">
        <Checkbox>{t('groups.form.mine')}</Checkbox>
      </Form.Item>
      <Form.Item name="notes" label={t('groups.form.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  )
}
