import { Alert, App, Button, Card, Checkbox, Form, Input, Select } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { cached, db } from '../db'
import styles from '../field.module.css'
import { HereLine } from '../HereLine'
import { go } from '../nav'
import { queueReport } from '../outbox'
import { PhotoPicker, type Picked } from '../PhotoPicker'
import { useHere } from '../useHere'
import { useLive } from '../useLive'

interface Category {
  code: string
  parentCode: string | null
  zh: string
  en: string
  active: boolean
  standard: unknown
}

/** The most photos a report takes (the server's limit for a reporter). */
const MAX_PHOTOS = 6

/**
 * 上报事件: category (cached list), description, photos from the camera (shrunk on the phone to a
 * ≤ 1600 px JPEG before they are queued), the current position, and the running patrol. Saved on the
 * phone at once; sent by the outbox.
 */
export function ReportScreen() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{
    categoryCode: string
    description: string
    selfHandle?: boolean
    handled?: string
  }>()
  const selfHandle = Form.useWatch('selfHandle', form)
  const categories = useLive(
    () => cached<{ categories: Category[] } | { unavailable: true }>('categories'),
    [],
    undefined,
  )
  const running = useLive(() => db.patrols.where('state').equals('running').first(), [], undefined)
  const [photos, setPhotos] = useState<Picked[]>([])
  const { here, locating, locate } = useHere()
  const [saving, setSaving] = useState(false)

  const options = useMemo(() => {
    const list = categories?.value && 'categories' in categories.value ? categories.value.categories : []
    return list
      .filter((c) => c.active && c.standard !== null)
      .map((c) => ({ value: c.code, label: `${c.code} ${i18n.language === 'en-US' ? c.en : c.zh}` }))
  }, [categories, i18n.language])

  async function submit(values: {
    categoryCode: string
    description: string
    selfHandle?: boolean
    handled?: string
  }) {
    if (!here) return
    setSaving(true)
    try {
      const label = options.find((o) => o.value === values.categoryCode)?.label ?? values.categoryCode
      await queueReport({
        categoryCode: values.categoryCode,
        categoryName: label.replace(/^\d+ /, ''),
        description: values.description.trim(),
        location: { lng: here.lng, lat: here.lat },
        accuracy: here.acc,
        patrolId: running?.id,
        photos: photos.map((p) => ({ blob: p.blob, location: p.location })),
        handled: values.selfHandle ? values.handled?.trim() : undefined,
      })
      message.success(t('field.report.queued'))
      form.resetFields()
      setPhotos([])
      go('today')
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title={t('field.report.title')} data-testid="report-screen">
      {categories?.value && !('categories' in categories.value) ? null : options.length === 0 ? (
        <Alert type="info" showIcon title={t('field.report.noCategories')} className={styles.banner} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="categoryCode"
          label={t('field.report.category')}
          rules={[
            { required: true, message: t('field.report.required', { field: t('field.report.category') }) },
          ]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={options}
            placeholder={t('field.report.categoryPlaceholder')}
            data-testid="report-category"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('field.report.description')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('field.report.required', { field: t('field.report.description') }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('field.report.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('field.report.photos')}>
          <PhotoPicker value={photos} onChange={setPhotos} max={MAX_PHOTOS} testId="report-photo" />
        </Form.Item>
        <Form.Item
          name="selfHandle"
          valuePropName="checked"
          style={{ marginBottom: selfHandle ? 8 : undefined }}
        >
          <Checkbox data-testid="report-self-handle">{t('field.report.handled')}</Checkbox>
        </Form.Item>
        {selfHandle && (
          <Form.Item
            name="handled"
            label={t('field.report.handledText')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('field.report.required', { field: t('field.report.handledText') }),
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('field.report.handledPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item label={t('field.report.location')}>
          <HereLine here={here} locating={locating} locate={locate} testId="report-location" />
          {running && <div className={styles.muted}>{t('field.report.linked')}</div>}
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          disabled={!here}
          loading={saving}
          data-testid="report-submit"
        >
          {t('field.report.submit')}
        </Button>
      </Form>
    </Card>
  )
}
