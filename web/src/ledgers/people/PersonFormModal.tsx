import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, Form, Grid, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError } from '../../api/client'
import { useErrorText } from '../../common/errorText'
import { GridTreePicker } from '../../common/GridTreePicker'
import { useLocalName } from '../../i18n'
import {
  createPerson,
  type PersonClear,
  type PersonField,
  type PersonView,
  peopleKey,
  updatePerson,
  usePersonFields,
} from './people.api'

type Values = Record<string, unknown>

/** The fields the form shows for a kind: those of every kind and the kind's own. */
const forKind = (fields: PersonField[], kind: string | undefined) =>
  fields.filter((f) => !f.kinds || (kind !== undefined && f.kinds.includes(kind)))

/** Personal fields a masked view cannot fill in: left empty, they are not changed. */
const SEALED = new Set(['name', 'idNumber', 'phone', 'registeredAddress', 'currentAddress', 'englishName'])

/** What the form starts with when it changes a person: the values in clear, the masked ones left out. */
function startingValues(person: PersonView, clear: PersonClear | null): Values {
  const values: Values = {
    kind: person.kind,
    gridCode: person.grid.code,
    sex: person.sex ?? undefined,
    birthDate: person.birthDate ?? undefined,
    formerName: undefined,
    ethnicity: person.ethnicity ?? undefined,
    nativePlace: person.nativePlace ?? undefined,
    maritalStatus: person.maritalStatus ?? undefined,
    politicalStatus: person.politicalStatus ?? undefined,
    education: person.education ?? undefined,
    occupation: person.occupation ?? undefined,
    workplace: person.workplace ?? undefined,
    livesWhereRegistered: person.livesWhereRegistered ?? undefined,
    ...Object.fromEntries(Object.entries(person.details).filter(([k]) => !SEALED.has(k))),
  }
  if (clear)
    Object.assign(values, {
      name: clear.name,
      idNumber: clear.idNumber ?? undefined,
      phone: clear.phone ?? undefined,
      registeredAddress: clear.registeredAddress ?? undefined,
      currentAddress: clear.currentAddress ?? undefined,
      englishName: clear.englishName ?? undefined,
    })
  return values
}

/**
 * 新增人员, or 修改 a person: the fields come from the server's one list, so the form and the Excel
 * sheet agree. A change sends the fields filled in; personal fields still masked are left as they are.
 */
export function PersonFormModal({
  onClose,
  person,
  clear = null,
}: {
  onClose: () => void
  person?: PersonView
  clear?: PersonClear | null
}) {
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
        body[key] = value
      }
      return person ? updatePerson(person.id, { ...body, version: person.version }) : createPerson(body)
    },
    onMutate: () => setAlert(null),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'ledger.invalid') {
        const list = (error.extra.errors ?? error.errors) as { field: string; message: string }[]
        form.setFields(list.map((e) => ({ name: e.field, errors: [e.message] })))
        setAlert(t('people.form.fix'))
      } else if (error instanceof ApiError && error.code === 'ledger.version_conflict') {
        setAlert(errorText(error))
      } else if (error instanceof ApiError && error.code === 'ledger.person_exists') {
        setAlert(t('people.form.exists'))
      } else setAlert(errorText(error))
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: peopleKey })
      onClose()
      if (!person) navigate(`/ledgers/people/${saved.id}`)
    },
  })

  const shown = forKind(fields.data ?? [], kind)
  return (
    <Modal
      open
      title={person ? t('people.form.editTitle') : t('people.form.title')}
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
        initialValues={person ? startingValues(person, clear) : { kind: 'registered' }}
      >
        {shown.map((f) => (
          <Form.Item
            key={f.key}
            name={f.key}
            label={name(f.zh, f.en)}
            rules={
              f.required && !(person && SEALED.has(f.key))
                ? [{ required: true, message: t('people.form.required') }]
                : []
            }
            extra={person && !clear && SEALED.has(f.key) ? t('people.form.keepMasked') : undefined}
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
              <Input type="date" data-testid={`person-field-${f.key}`} />
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
