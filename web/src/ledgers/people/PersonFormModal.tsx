import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, DatePicker, Form, Grid, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError } from '../../api/client'
import { useErrorText } from '../../common/errorText'
import { GridTreePicker } from '../../common/GridTreePicker'
import { useLocalName } from '../../i18n'
import { createPerson, type PersonField, peopleKey, usePersonFields } from './people.api'

type Values = Record<string, unknown>

/** The fields the form shows for a kind: those of every kind and the kind's own. */
const forKind = (fields: PersonField[], kind: string | undefined) =>
  fields.filter((f) => !f.kinds || (kind !== undefined && f.kinds.includes(kind)))

/** 新增人员: the fields come from the server's one list, so the form and the Excel sheet agree. */
export function PersonFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const name = useLocalName()
  const errorText = useErrorText()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [alert, setAlert] = useState<string | null>(null)
  const fields = usePersonFields()
  const kind = Form.useWatch('kind', form) as string | undefined
  const wide = Boolean(Grid.useBreakpoint().md)

  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined || value === null || value === '') continue
        body[key] =
          typeof value === 'object' && 'format' in value
            ? (value as { format: (f: string) => string }).format('YYYY-MM-DD')
            : value
      }
      return createPerson(body)
    },
    onMutate: () => setAlert(null),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ledger.invalid') {
        const list = (error.extra.errors ?? error.errors) as { field: string; message: string }[]
        form.setFields(list.map((e) => ({ name: e.field, errors: [e.message] })))
        setAlert(t('people.form.fix'))
      } else if (error instanceof ApiError && error.code === 'ledger.person_exists') {
        setAlert(t('people.form.exists'))
      } else setAlert(errorText(error))
    },
    onSuccess: async (person) => {
      await queryClient.invalidateQueries({ queryKey: peopleKey })
      onClose()
      navigate(`/ledgers/people/${person.id}`)
    },
  })

  const shown = forKind(fields.data ?? [], kind)
  return (
    <Modal
      open
      title={t('people.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('people.form.save')}
      confirmLoading={save.isPending}
      width={wide ? 800 : undefined}
      destroyOnHidden
    >
      {alert && (
        <Alert
          type="error"
          showIcon
          title={alert}
          style={{ marginBottom: 12 }}
          data-testid="person-form-alert"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        name="person"
        scrollToFirstError
        style={wide ? { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 } : undefined}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: 'registered' }}
      >
        {shown.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={name(f.zh, f.en)}
            rules={f.required ? [{ required: true, message: t('people.form.required') }] : []}
          >
            {f.type === 'code' ? (
              <Select
                allowClear={!f.required}
                showSearch
                optionFilterProp="label"
                options={(f.options ?? []).map((o) => ({ value: o.code, label: name(o.zh, o.en) }))}
                data-testid={`person-field-${f.key}`}
              />
            ) : f.type === 'grid' ? (
              <GridTreePicker valueKey="code" testId={`person-field-${f.key}`} />
            ) : f.type === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : f.type === 'yes_no' ? (
              <Select
                allowClear
                options={[
                  { value: true, label: t('people.yes') },
                  { value: false, label: t('people.no') },
                ]}
              />
            ) : (
              <Input maxLength={f.max ?? undefined} data-testid={`person-field-${f.key}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  )
}
