import { LeftOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CorrectionForm } from '../corrections/CorrectionForm'
import { CorrectionList } from '../corrections/CorrectionList'
import { cached, type DoorOutcomeRecord, db, type LedgerCopy } from '../db'
import styles from '../field.module.css'
import { HereLine } from '../HereLine'
import { go } from '../nav'
import { PhotoPicker, type Picked } from '../PhotoPicker'
import { householdTitle } from '../screens/householdView'
import { useHere } from '../useHere'
import { useLive } from '../useLive'
import { type Campaign, type Door, type FormField, OUTCOMES } from './doors.types'
import { queueOutcome } from './queue'

type Values = { outcome: DoorOutcomeRecord['outcome']; note?: string; revisitOn?: string } & Record<
  string,
  unknown
>

const answerKey = (key: string) => `answer_${key}`

/** The control Form.Item fills in (it passes the id, value and onChange of the answer). */
interface ControlProps {
  id?: string
  value?: unknown
  onChange?: (value: unknown) => void
}

function FieldInput({
  field,
  photos,
  setPhotos,
  ...control
}: ControlProps & {
  field: FormField
  photos: Picked[]
  setPhotos: (next: Picked[]) => void
}) {
  const { t } = useTranslation()
  const { id, value, onChange } = control
  switch (field.type) {
    case 'number':
      return (
        <InputNumber
          id={id}
          value={value as number | null}
          onChange={(v) => onChange?.(v)}
          style={{ width: '100%' }}
        />
      )
    case 'choice':
      return (
        <Select
          id={id}
          value={value as string | undefined}
          onChange={(v) => onChange?.(v)}
          options={(field.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      )
    case 'yesno':
      return (
        <Radio.Group
          id={id}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: t('field.doors.yes') },
            { value: false, label: t('field.doors.no') },
          ]}
        />
      )
    case 'photo':
      return <PhotoPicker value={photos} onChange={setPhotos} max={1} testId={`door-photo-${field.key}`} />
    default:
      return (
        <Input
          id={id}
          value={value as string | undefined}
          onChange={(e) => onChange?.(e.target.value)}
          maxLength={500}
        />
      )
  }
}

/**
 * 入户: one door of a campaign — the outcome, the campaign's questions (required ones when done), a
 * revisit day when nobody was home, where the phone is. For an information-verification campaign, a
 * wrong detail is corrected here as a proposal the community reviews.
 */
export function DoorScreen({ taskId }: { taskId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const outcome = Form.useWatch('outcome', form)
  const [photos, setPhotos] = useState<Record<string, Picked[]>>({})
  const [correcting, setCorrecting] = useState(false)
  const [saving, setSaving] = useState(false)
  const { here, locating, locate } = useHere()
  const data = useLive(
    async () => {
      const doors = (await cached<{ items?: Door[] }>('doors'))?.value.items ?? []
      const door = doors.find((d) => d.id === taskId)
      const campaigns = (await cached<{ items?: Campaign[] }>('campaigns'))?.value.items ?? []
      const campaign = campaigns.find((c) => c.id === door?.campaignId)
      const household =
        door && campaign?.target === 'household' ? await db.households.get(door.targetId) : undefined
      return { door, campaign, household, loaded: true }
    },
    [taskId],
    { door: undefined, campaign: undefined, household: undefined, loaded: false } as {
      door?: Door
      campaign?: Campaign
      household?: LedgerCopy
      loaded: boolean
    },
  )
  const back = (
    <Button type="link" icon={<LeftOutlined />} onClick={() => go('doors')} style={{ paddingInline: 0 }}>
      {t('field.doors.title')}
    </Button>
  )
  if (!data.loaded) return null
  const { door, campaign, household } = data
  if (!door)
    return (
      <>
        {back}
        <Alert type="warning" showIcon title={t('field.doors.notFound')} />
      </>
    )
  const fields = campaign?.form ?? []

  async function submit(values: Values) {
    if (!door) return
    const missing = fields.find(
      (f) => f.type === 'photo' && f.required && values.outcome === 'done' && !photos[f.key]?.length,
    )
    if (missing) {
      message.error(t('field.doors.required', { field: missing.label }))
      return
    }
    const answers: Record<string, string | number | boolean> = {}
    const photoAnswers: Record<string, { blob: Blob; location: Picked['location'] }> = {}
    for (const field of fields) {
      const value = values[answerKey(field.key)]
      const photo = photos[field.key]?.[0]
      if (field.type === 'photo' && photo)
        photoAnswers[field.key] = { blob: photo.blob, location: photo.location }
      else if (typeof value === 'string' ? value.trim() : value !== undefined && value !== null)
        answers[field.key] = typeof value === 'string' ? value.trim() : (value as number | boolean)
    }
    setSaving(true)
    try {
      await queueOutcome({
        taskId: door.id,
        campaignId: door.campaignId,
        label: door.label,
        outcome: values.outcome,
        answers,
        photoAnswers,
        note: values.note?.trim() || undefined,
        revisitOn: values.outcome === 'revisit' ? values.revisitOn || undefined : undefined,
        point: here ? { lng: here.lng, lat: here.lat } : undefined,
      })
      message.success(t('field.doors.queued'))
      go('doors')
    } finally {
      setSaving(false)
    }
  }

  return (
    <div data-testid="door-screen">
      {back}
      <Card
        size="small"
        className={styles.card}
        title={door.label}
        extra={<span className={styles.muted}>{door.grid.name}</span>}
      >
        <div className={styles.muted} style={{ marginBottom: 8 }}>
          {campaign
            ? t('field.doors.campaign', { title: campaign.title, endsOn: campaign.endsOn })
            : door.campaignTitle}
          {door.attempts ? ` · ${t('field.doors.attempts', { count: door.attempts })}` : ''}
        </div>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'done' }}>
          <Form.Item name="outcome" label={t('field.doors.outcome')}>
            <Radio.Group
              className={styles.choices}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`field.doors.outcomes.${o}`) }))}
            />
          </Form.Item>
          {outcome === 'revisit' && (
            <Form.Item name="revisitOn" label={t('field.doors.revisitOn')}>
              <Input type="date" />
            </Form.Item>
          )}
          {fields.map((field) => (
            <Form.Item
              key={field.key}
              name={field.type === 'photo' ? undefined : answerKey(field.key)}
              label={field.label}
              rules={
                field.required && outcome === 'done' && field.type !== 'photo'
                  ? [{ required: true, message: t('field.doors.required', { field: field.label }) }]
                  : []
              }
            >
              <FieldInput
                field={field}
                photos={photos[field.key] ?? []}
                setPhotos={(next) => setPhotos((all) => ({ ...all, [field.key]: next }))}
              />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('field.doors.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item label={t('field.visit.place')}>
            <HereLine here={here} locating={locating} locate={locate} testId="door-location" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={saving}
            data-testid="door-submit"
          >
            {t('field.doors.submit')}
          </Button>
        </Form>
      </Card>
      {campaign?.kind === 'verification' && household && (
        <Card size="small" className={styles.card}>
          {correcting ? (
            <CorrectionForm
              kind="household"
              copy={household}
              label={householdTitle(household)}
              source={{ campaignId: door.campaignId, taskId: door.id }}
              onDone={() => setCorrecting(false)}
            />
          ) : (
            <Button block onClick={() => setCorrecting(true)} data-testid="door-correct">
              {t('field.doors.correct')}
            </Button>
          )}
          <CorrectionList targetIds={[household.id]} />
        </Card>
      )}
    </div>
  )
}
