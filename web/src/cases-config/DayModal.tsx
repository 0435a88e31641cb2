import { Button, Descriptions, Form, Input, Modal, Radio } from 'antd'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../common/errorText'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { useRequiredRule } from '../common/useRequiredRule'
import { type CalendarDay, calendarKey, clearDay, type DayKind, setDay } from './config.api'

interface Values {
  kind: DayKind
  name: string
}

/** Sets a holiday or make-up working day on `date`, or clears the one set here. */
export function DayModal({
  date,
  day,
  onClose,
}: {
  date: string
  day: CalendarDay | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const required = useRequiredRule()
  const [form] = Form.useForm<Values>()
  // A failure shows in the modal (below), not in a toast.
  const done = { invalidate: [calendarKey], onSuccess: onClose, toastErrors: false }
  const save = useAction((values: Values) => setDay(date, { kind: values.kind, name: values.name.trim() }), {
    ...done,
    success: t('caseConfig.calendar.saved'),
  })
  const clear = useAction(() => clearDay(date), { ...done, success: t('caseConfig.calendar.cleared') })
  const underneath = day?.source === 'database' ? day.overrides : day
  const dayText = (d: { kind: DayKind; name: string; source: string } | null | undefined) =>
    d
      ? `${d.name} · ${t(`caseConfig.calendar.kinds.${d.kind}`)} · ${t(`caseConfig.calendar.sources.${d.source}`)}`
      : t('caseConfig.calendar.weekdayRule')
  const error = save.error ?? clear.error

  return (
    <Modal
      open
      title={date}
      onCancel={onClose}
      footer={[
        day?.source === 'database' && (
          <Button
            key="clear"
            danger
            loading={clear.isPending}
            onClick={() => clear.mutate()}
            data-testid="day-clear"
          >
            {t('caseConfig.calendar.clear')}
          </Button>
        ),
        <Button key="cancel" onClick={onClose}>
          {t('caseConfig.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="day-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'now', label: t('caseConfig.calendar.inForce'), children: dayText(day) },
          ...(day?.source === 'database'
            ? [{ key: 'under', label: t('caseConfig.calendar.underneath'), children: dayText(underneath) }]
            : []),
        ]}
      />
      <FormAlert message={error ? errorText(error) : null} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="calendar-day"
        initialValues={{
          kind: day?.kind ?? 'holiday',
          name: day?.name ?? '',
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="kind" label={t('caseConfig.calendar.kind')}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('caseConfig.calendar.kinds.holiday') },
              { value: 'workday', label: t('caseConfig.calendar.kinds.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('caseConfig.calendar.name')}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input maxLength={50} placeholder={t('caseConfig.calendar.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
