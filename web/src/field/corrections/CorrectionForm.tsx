import { App, Button, Form, Input } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LedgerCopy } from '../db'
import styles from '../field.module.css'
import { queueCorrection } from './queue'

/** What a worker at the door may correct: the fields a visit verifies (others are changed at the desk). */
const FIELDS = {
  household: ['number'],
  person: ['phone', 'currentAddress', 'occupation', 'workplace'],
} as const

/**
 * 更正: the fields the worker fills in, sent as a proposal on the version of the local copy. The
 * current (masked) values are the placeholders; empty fields are left alone.
 */
export function CorrectionForm({
  kind,
  copy,
  label,
  source,
  onDone,
}: {
  kind: 'household' | 'person'
  copy: LedgerCopy
  label: string
  source?: { campaignId: string; taskId: string }
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Record<string, string | undefined>>()
  const [saving, setSaving] = useState(false)

  async function submit(values: Record<string, string | undefined>) {
    const changes = Object.fromEntries(
      Object.entries(values)
        .map(([key, value]) => [key, value?.trim()] as const)
        .filter(([, value]) => value),
    )
    if (Object.keys(changes).length === 0) {
      message.warning(t('field.correction.nothing'))
      return
    }
    setSaving(true)
    try {
      await queueCorrection({ kind, targetId: copy.id, label, baseVersion: copy.version, changes, source })
      message.success(t('field.correction.queued'))
      form.resetFields()
      onDone()
    } finally {
      setSaving(false)
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="correction-form">
      <div className={styles.muted} style={{ marginBottom: 8 }}>
        {t('field.correction.hint')}
      </div>
      {FIELDS[kind].map((key) => (
        <Form.Item key={key} name={key} label={t(`field.correction.fields.${key}`)}>
          <Input maxLength={key === 'currentAddress' ? 200 : 50} placeholder={String(copy.view[key] ?? '')} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" block loading={saving} data-testid="correction-submit">
        {t('field.correction.submit')}
      </Button>
    </Form>
  )
}
