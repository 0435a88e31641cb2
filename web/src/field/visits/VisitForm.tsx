import { App, Button, Form, Input, Radio } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { VisitRecord } from '../db'
import { HereLine } from '../HereLine'
import { PhotoPicker, type Picked } from '../PhotoPicker'
import { useHere } from '../useHere'
import { queueVisit } from './queue'

const OUTCOMES: VisitRecord['outcome'][] = ['met', 'not_home', 'by_phone', 'refused']
/** The server keeps up to nine photos of a household visit; group visits take none. */
const MAX_PHOTOS = 9

/**
 * 记录走访: the outcome, notes, photos (household visits) and where the phone is (the server measures
 * the distance to the household's building as the visit's proof). Saved on the phone at once.
 */
export function VisitForm({
  kind,
  targetId,
  label,
  onDone,
}: {
  kind: VisitRecord['kind']
  targetId: string
  label: string
  onDone: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ outcome: VisitRecord['outcome']; notes?: string }>()
  const [photos, setPhotos] = useState<Picked[]>([])
  const { here, locating, locate } = useHere()
  const [saving, setSaving] = useState(false)

  async function submit(values: { outcome: VisitRecord['outcome']; notes?: string }) {
    setSaving(true)
    try {
      await queueVisit({
        kind,
        targetId,
        label,
        outcome: values.outcome,
        notes: values.notes?.trim() || undefined,
        place: here ? { lng: here.lng, lat: here.lat } : undefined,
        photos: photos.map((p) => ({ blob: p.blob, location: p.location })),
      })
      message.success(t('field.visit.queued'))
      form.resetFields()
      setPhotos([])
      onDone()
    } finally {
      setSaving(false)
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ outcome: 'met' }}
      data-testid="visit-form"
    >
      <Form.Item name="outcome" label={t('field.visit.outcome')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={OUTCOMES.map((o) => ({ value: o, label: t(`field.visit.outcomes.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="notes" label={t('field.visit.notes')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('field.visit.notesPlaceholder')} />
      </Form.Item>
      {kind === 'household' && (
        <Form.Item label={t('field.visit.photos')}>
          <PhotoPicker value={photos} onChange={setPhotos} max={MAX_PHOTOS} testId="visit-photo" />
        </Form.Item>
      )}
      <Form.Item label={t('field.visit.place')}>
        <HereLine here={here} locating={locating} locate={locate} testId="visit-location" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="visit-submit">
        {t('field.visit.submit')}
      </Button>
    </Form>
  )
}
