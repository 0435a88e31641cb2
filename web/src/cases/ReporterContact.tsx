import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Spin, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import type { paths } from '../api/openapi'
import type { JsonOf } from '../api/types'
import { FormAlert } from '../common/FormAlert'
import { QueryError } from '../common/QueryError'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { caseKey } from './cases.api'

type Contact = NonNullable<JsonOf<paths['/api/cases/{id}/reporter']['get']['responses'][200]>['contact']>

const readContact = (id: string, query: { unmask?: 'true'; reason?: string } = {}) =>
  api.get('/api/cases/{id}/reporter', { params: { path: { id }, query } })

/**
 * The reporter's contact, for a return visit 回访: masked by default; those who accept or supervise the
 * case may unmask it, saying why (the reason goes into the audit row). The clear contact is kept in
 * this component only, never in the query cache, and is gone when the page is left.
 */
export function ReporterContact({ caseId }: { caseId: string }) {
  const { t } = useTranslation()
  const masked = useQuery({
    queryKey: [...caseKey(caseId), 'reporter'],
    queryFn: () => readContact(caseId),
  })
  const [clear, setClear] = useState<Contact | null>(null)
  const [asking, setAsking] = useState(false)

  if (masked.error) return <QueryError error={masked.error} />
  if (!masked.data) return <Spin />
  const view = masked.data
  if (!view.contact) return <Typography.Text type="secondary">{t('cases.reporter.none')}</Typography.Text>
  const shown = clear ?? view.contact
  return (
    <Flex vertical gap={8} data-testid="reporter-contact">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('cases.reporter.name'), children: shown.name ?? '—' },
          {
            key: 'phone',
            label: t('cases.reporter.phone'),
            children: <span data-testid="reporter-phone">{shown.phone ?? '—'}</span>,
          },
          ...(shown.email ? [{ key: 'email', label: t('cases.reporter.email'), children: shown.email }] : []),
        ]}
      />
      {clear ? (
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="warning">{t('cases.reporter.unmaskedNote')}</Typography.Text>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setClear(null)}>
            {t('cases.reporter.hide')}
          </Button>
        </Flex>
      ) : (
        view.mayUnmask && (
          <Button
            icon={<EyeOutlined />}
            onClick={() => setAsking(true)}
            style={{ alignSelf: 'flex-start' }}
            data-testid="reporter-unmask"
          >
            {t('cases.reporter.unmask')}
          </Button>
        )
      )}
      {asking && (
        <UnmaskDialog
          caseId={caseId}
          onDone={(contact) => {
            setClear(contact)
            setAsking(false)
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </Flex>
  )
}

/** Asks why the contact is unmasked; the reason is required and kept in the audit log. */
function UnmaskDialog({
  caseId,
  onDone,
  onClose,
}: {
  caseId: string
  onDone: (contact: Contact) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ reason: string }>()
  const errors = useFormErrors(form, {
    fields: { 'query.reason': 'reason' },
    codes: { 'case.unmask_reason_required': 'reason' },
  })
  const unmask = useAction(
    (v: { reason: string }) => readContact(caseId, { unmask: 'true', reason: v.reason.trim() }),
    {
      onMutate: errors.clear,
      onError: errors.show,
      onSuccess: (view) => {
        if (view.contact) onDone(view.contact)
      },
    },
  )
  return (
    <Modal
      open
      title={t('cases.reporter.unmaskTitle')}
      okText={t('cases.reporter.unmaskConfirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={unmask.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('cases.reporter.auditWarning')} style={{ marginBottom: 16 }} />
      <FormAlert message={errors.alert} />
      <Form form={form} name="reporter-unmask" layout="vertical" onFinish={(v) => unmask.mutate(v)}>
        <Form.Item
          name="reason"
          label={t('cases.reporter.reason')}
          rules={[{ required: true, whitespace: true, message: t('cases.reporter.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('cases.reporter.reasonHint')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
