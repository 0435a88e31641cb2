import { ExportOutlined } from '@ant-design/icons'
import { Button, Checkbox, Form, Input, Modal, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCan } from '../../auth/auth.api'
import { useAction } from '../../common/useAction'
import { saveFile } from '../../stats/stats.api'
import { type ExportKind, fetchRecordWorkbook } from './records.api'

/**
 * Exports what a list shows under its current filter as an .xlsx: masked unless the reader may show
 * personal data in clear and says why. Shown only to a reader holding ledger.export.
 */
export function ExportButton({
  kind,
  filters,
  compact,
}: {
  kind: ExportKind
  filters: Record<string, string | undefined>
  compact?: boolean
}) {
  const { t } = useTranslation()
  const can = useCan()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<{ unmask: boolean; reason?: string }>()
  const unmask = Form.useWatch('unmask', form)
  const run = useAction(
    async () => {
      const v = await form.validateFields()
      const query = {
        ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)),
        ...(v.unmask ? { unmask: 'true', reason: v.reason } : {}),
      }
      saveFile(
        await fetchRecordWorkbook(kind, query),
        `${t(`records.export.stems.${kind}`)}_${new Date().toISOString().slice(0, 10)}.xlsx`,
      )
    },
    { success: t('records.export.started'), onSuccess: () => setOpen(false) },
  )
  if (!can('ledger.export')) return null
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)} data-testid={`${kind}-export`}>
        {compact ? null : t('records.export.button')}
      </Button>
      <Modal
        open={open}
        title={t('records.export.title')}
        okText={t('records.export.ok')}
        onOk={() => run.mutate(undefined)}
        confirmLoading={run.isPending}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': `${kind}-export-ok` }}
      >
        <Typography.Paragraph type="secondary">{t('records.export.help')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ unmask: false }}>
          {can('ledger.unmask') && (
            <Form.Item name="unmask" valuePropName="checked">
              <Checkbox>{t('records.export.unmask')}</Checkbox>
            </Form.Item>
          )}
          {unmask && (
            <Form.Item
              name="reason"
              label={t('records.export.reason')}
              rules={[
                { required: true, whitespace: true, message: t('records.export.reasonRequired') },
                { min: 4, message: t('records.export.reasonRequired') },
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  )
}
