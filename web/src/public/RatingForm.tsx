import { Alert, Button, Card, Form, Input, Rate } from 'antd'
import { useTranslation } from 'react-i18next'
import { FormAlert } from '../common/FormAlert'
import { useAction } from '../common/useAction'
import { type PublicCase, rateCase } from './public.api'
import { usePublicErrorText } from './usePublicErrorText'

interface RatingValues {
  rating?: number
  text?: string
}

/** The reporter rates the result of a closed case; 1–2 stars send it back to be handled again. */
export function RatingForm({
  c,
  token,
  onRated,
}: {
  c: PublicCase
  token: string
  onRated: (c: PublicCase) => void
}) {
  const { t } = useTranslation()
  const errorText = usePublicErrorText()
  const [form] = Form.useForm<RatingValues>()
  const rating = Form.useWatch('rating', form)
  const submit = useAction(
    (v: RatingValues) =>
      rateCase(c.no, token, { version: c.version, rating: v.rating ?? 0, text: v.text?.trim() || undefined }),
    { success: t('public.rating.thanks'), onSuccess: onRated, toastErrors: false },
  )
  const levels = [1, 2, 3, 4, 5].map((n) => t(`public.rating.level${n}`))
  return (
    <Card size="small" title={t('public.rating.title')} data-testid="rating-form">
      <Form<RatingValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item
          name="rating"
          label={t('public.rating.score')}
          rules={[{ required: true, message: t('public.rating.scoreRequired') }]}
        >
          <Rate tooltips={levels} style={{ fontSize: 32 }} />
        </Form.Item>
        {rating !== undefined && rating <= 2 && (
          <Alert type="info" showIcon title={t('public.rating.lowHint')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="text" label={t('public.rating.text')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <FormAlert message={submit.isError ? errorText(submit.error) : null} />
        <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending}>
          {t('public.rating.submit')}
        </Button>
      </Form>
    </Card>
  )
}
