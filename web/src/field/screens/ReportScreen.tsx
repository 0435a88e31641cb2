import { CameraOutlined, CloseCircleFilled, EnvironmentOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, Select } from 'antd'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { preparePhoto } from '../../common/photos/preparePhoto'
import { cached, db } from '../db'
import styles from '../field.module.css'
import { go } from '../nav'
import { queueReport } from '../outbox'
import { trackerState } from '../patrol/tracker'
import { useLive } from '../useLive'

interface Category {
  code: string
  parentCode: string | null
  zh: string
  en: string
  active: boolean
  standard: unknown
}

interface Picked {
  uid: string
  blob: Blob
  location: { lng: number; lat: number } | null
  preview: string
}

interface Here {
  lng: number
  lat: number
  acc?: number
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
  const [form] = Form.useForm<{ categoryCode: string; description: string }>()
  const categories = useLive(
    () => cached<{ categories: Category[] } | { unavailable: true }>('categories'),
    [],
    undefined,
  )
  const running = useLive(() => db.patrols.where('state').equals('running').first(), [], undefined)
  const [photos, setPhotos] = useState<Picked[]>([])
  const [here, setHere] = useState<Here | null>(null)
  const [locating, setLocating] = useState(false)
  const [photoError, setPhotoError] = useState(false)
  const [saving, setSaving] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)

  const options = useMemo(() => {
    const list = categories?.value && 'categories' in categories.value ? categories.value.categories : []
    return list
      .filter((c) => c.active && c.standard !== null)
      .map((c) => ({ value: c.code, label: `${c.code} ${i18n.language === 'en-US' ? c.en : c.zh}` }))
  }, [categories, i18n.language])

  function locate() {
    const fix = trackerState().fix
    if (fix) {
      setHere({ lng: fix.lon, lat: fix.lat, acc: fix.acc })
      return
    }
    if (!('geolocation' in navigator)) return
    setLocating(true)
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setHere({ lng: p.coords.longitude, lat: p.coords.latitude, acc: Math.round(p.coords.accuracy) })
        setLocating(false)
      },
      () => setLocating(false),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    )
  }
  useEffect(locate, [])
  useEffect(
    () => () => {
      for (const p of photos) URL.revokeObjectURL(p.preview)
    },
    [photos],
  )

  async function addPhotos(files: FileList | null) {
    setPhotoError(false)
    for (const file of Array.from(files ?? []).slice(0, MAX_PHOTOS - photos.length)) {
      try {
        const prepared = await preparePhoto(file)
        setPhotos((list) => [...list, prepared])
      } catch {
        setPhotoError(true)
      }
    }
    if (fileInput.current) fileInput.current.value = ''
  }

  async function submit(values: { categoryCode: string; description: string }) {
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
          <div className={styles.photos}>
            {photos.map((p) => (
              <div key={p.uid} style={{ position: 'relative' }}>
                <img src={p.preview} alt="" className={styles.thumb} data-testid="report-photo" />
                <CloseCircleFilled
                  style={{ position: 'absolute', top: -6, right: -6, fontSize: 20, color: '#595959' }}
                  onClick={() => setPhotos((list) => list.filter((q) => q.uid !== p.uid))}
                />
              </div>
            ))}
            {photos.length < MAX_PHOTOS && (
              <button type="button" className={styles.addPhoto} onClick={() => fileInput.current?.click()}>
                <CameraOutlined style={{ fontSize: 22 }} />
                {t('field.report.addPhoto')}
              </button>
            )}
          </div>
          <input
            ref={fileInput}
            style={{ display: 'none' }}
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="report-photo-input"
            onChange={(e) => void addPhotos(e.target.files)}
          />
          {photoError && <div style={{ color: '#ff4d4f' }}>{t('field.report.photoUnreadable')}</div>}
        </Form.Item>
        <Form.Item label={t('field.report.location')}>
          <div className={styles.row}>
            <span data-testid="report-location">
              <EnvironmentOutlined />{' '}
              {here
                ? t('field.report.located', {
                    lng: here.lng.toFixed(6),
                    lat: here.lat.toFixed(6),
                    acc: here.acc ?? '?',
                  })
                : locating
                  ? t('field.report.locating')
                  : t('field.report.noLocation')}
            </span>
            <Button size="small" onClick={locate}>
              {t('field.report.relocate')}
            </Button>
          </div>
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
