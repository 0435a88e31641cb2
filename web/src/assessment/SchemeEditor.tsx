import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Divider, Flex, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/client'
import { FormAlert } from '../common/FormAlert'
import { useFormatTime } from '../common/format'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { useLocalName } from '../i18n'
import { assessmentKey, type Indicator, type Scheme, saveScheme } from './assessment.api'
import { SchemeBonuses } from './SchemeBonuses'
import { SchemeItemsTable } from './SchemeItemsTable'
import { StarsAndLists, SubsidyFields } from './SchemeRules'
import { fromForm, type SchemeFormValues, toForm } from './schemeForm'

/**
 * One scheme's form. Saving sends the version read; a change made meanwhile is refused (409
 * assessment.version_conflict) and the editor offers to load the scheme again.
 */
export function SchemeEditor({
  scheme,
  catalogue,
  editable,
}: {
  scheme: Scheme
  catalogue: readonly Indicator[]
  editable: boolean
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const local = useLocalName()
  const formatTime = useFormatTime()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<SchemeFormValues>()
  const errors = useFormErrors(form)
  const [conflict, setConflict] = useState<string | null>(null)
  const schemesKey = [...assessmentKey, 'schemes']

  const save = useAction(
    (values: SchemeFormValues) =>
      saveScheme(scheme.id, { version: scheme.version, ...fromForm(values, catalogue) }),
    {
      onMutate: () => {
        errors.clear()
        setConflict(null)
      },
      success: (s) =>
        t('assessment.schemes.saved', { name: local(s.name.zh, s.name.en), version: s.version }),
      invalidate: [schemesKey],
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'assessment.version_conflict')
          return setConflict(t('errors.assessment.version_conflict'))
        errors.show(error)
      },
    },
  )

  return (
    <Form<SchemeFormValues>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={toForm(scheme, catalogue)}
      onFinish={(v) => save.mutate(v)}
      onFinishFailed={() => void message.error(t('assessment.schemes.required'))}
      data-testid={`scheme-${scheme.code}`}
    >
      <Typography.Paragraph type="secondary">
        {t(`assessment.schemes.subject.${scheme.subject}`)} ·{' '}
        <span data-testid="scheme-version">
          {t('assessment.schemes.version', { version: scheme.version, at: formatTime(scheme.updatedAt) })}
        </span>
      </Typography.Paragraph>
      <Flex gap={16} wrap>
        <Form.Item
          name="nameZh"
          label={t('assessment.schemes.nameZh')}
          style={{ width: 280 }}
          rules={[{ required: true, whitespace: true, max: 60, message: t('assessment.schemes.required') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('assessment.schemes.nameEn')}
          style={{ width: 320 }}
          rules={[{ required: true, whitespace: true, max: 80, message: t('assessment.schemes.required') }]}
        >
          <Input maxLength={80} />
        </Form.Item>
      </Flex>
      <Typography.Title level={5}>{t('assessment.schemes.items')}</Typography.Title>
      <SchemeItemsTable catalogue={catalogue} editable={editable} />
      <Divider />
      <SchemeBonuses catalogue={catalogue} editable={editable} />
      <Divider />
      <StarsAndLists editable={editable} />
      {scheme.subject === 'worker' && scheme.body.subsidy && (
        <>
          <Divider />
          <SubsidyFields catalogue={catalogue} editable={editable} />
        </>
      )}
      <Divider />
      <FormAlert message={errors.alert} />
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('assessment.schemes.conflictTitle')}
          description={conflict}
          data-testid="scheme-conflict"
          action={
            <Button size="small" onClick={() => void queryClient.invalidateQueries({ queryKey: schemesKey })}>
              {t('assessment.schemes.reload')}
            </Button>
          }
        />
      )}
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="scheme-save">
          {t('assessment.schemes.save')}
        </Button>
      )}
    </Form>
  )
}
