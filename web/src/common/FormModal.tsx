import type { QueryKey } from '@tanstack/react-query'
import { Form, Modal } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { FormAlert } from './FormAlert'
import { useAction } from './useAction'
import { type Placement, useFormErrors } from './useFormErrors'

interface FormModalProps<TValues, TResult> {
  title: ReactNode
  name: string
  submit: (values: TValues) => Promise<TResult>
  invalidate: QueryKey
  success?: string
  placement?: Placement
  initialValues?: NoInfer<Partial<TValues>>
  width?: number
  intro?: ReactNode
  onSuccess: (result: TResult) => void
  onClose: () => void
  children: ReactNode
}

/** A form in a modal that saves on OK: failures go to the form, the lists reload on success. */
export function FormModal<TValues, TResult>({
  title,
  name,
  submit,
  invalidate,
  success,
  placement,
  initialValues,
  width,
  intro,
  onSuccess,
  onClose,
  children,
}: FormModalProps<TValues, TResult>) {
  const { t } = useTranslation()
  const [form] = Form.useForm<TValues>()
  const errors = useFormErrors(form, placement)
  const save = useAction(submit, {
    invalidate: [invalidate],
    success,
    onMutate: errors.clear,
    onError: errors.show,
    onSuccess,
  })

  return (
    <Modal
      open
      width={width}
      title={title}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
    >
      {intro}
      <FormAlert message={errors.alert} />
      <Form
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
      >
        {children}
      </Form>
    </Modal>
  )
}
