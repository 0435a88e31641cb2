import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormAlert } from '../common/FormAlert'
import { PhotoPicker } from '../common/photos/PhotoPicker'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import { useAction } from '../common/useAction'
import { useLocalName } from '../i18n'
import { PointPicker } from './PointPicker'
import { getPublicCategories, type PublicReportCreated, reportPublicly } from './public.api'
import { ReportDone } from './ReportDone'
import { usePublicErrorText } from './usePublicErrorText'

interface ReportForm {
  bigClass?: string
  categoryCode?: string
  lng?: number
  lat?: number
  address?: string
  description?: string
  name?: string
  phone?: string
  email?: string
  publish?: boolean
  photos?: PreparedPhoto[]
}

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined)

/** 随手拍: a resident reports a problem without an account and gets the private tracking link. */
export function ReportPage() {
  const { t } = useTranslation()
  const name = useLocalName()
  const errorText = usePublicErrorText()
  const [form] = Form.useForm<ReportForm>()
  const [created, setCreated] = useState<{ report: PublicReportCreated; photos: PreparedPhoto[] } | null>(
    null,
  )
  const categories = useQuery({ queryKey: ['public-categories'], queryFn: getPublicCategories })
  const bigClass = Form.useWatch('bigClass', form)
  const lng = Form.useWatch('lng', form)
  const lat = Form.useWatch('lat', form)

  const bigOptions = useMemo(
    () => (categories.data?.classes ?? []).map((c) => ({ value: c.code, label: name(c.zh, c.en) })),
    [categories.data, name],
  )
  const smallOptions = useMemo(
    () =>
      (categories.data?.classes.find((c) => c.code === bigClass)?.children ?? []).map((c) => ({
        value: c.code,
        label: name(c.zh, c.en),
      })),
    [categories.data, bigClass, name],
  )

  const submit = useAction(
    (v: ReportForm) => {
      const contact = {
        name: blankToUndefined(v.name),
        phone: blankToUndefined(v.phone),
        email: blankToUndefined(v.email),
      }
      return reportPublicly({
        categoryCode: v.categoryCode ?? '',
        location: { lng: v.lng ?? 0, lat: v.lat ?? 0 },
        address: blankToUndefined(v.address),
        description: v.description?.trim() ?? '',
        contact: Object.values(contact).some(Boolean) ? contact : undefined,
        publish: v.publish === true,
      })
    },
    {
      // The photos go after the report, with its token: ReportDone sends them.
      onSuccess: (report, v) => {
        setCreated({ report, photos: v.photos ?? [] })
        window.scrollTo({ top: 0 })
      },
      toastErrors: false,
    },
  )

  if (created)
    return (
      <ReportDone
        created={created.report}
        photos={created.photos}
        onAnother={() => {
          form.resetFields()
          submit.reset()
          setCreated(null)
        }}
      />
    )

  const required = (message: string) => [{ required: true, message }]
  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>
          {t('public.report.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('public.report.intro')}</Typography.Text>
      </div>
      {categories.isError && <Alert type="error" showIcon title={errorText(categories.error)} />}
      <Form<ReportForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => submit.mutate(values)}
        data-testid="report-form"
      >
        <Card size="small" title={t('public.report.photos')} style={{ marginBottom: 12 }}>
          <Form.Item name="photos" style={{ marginBottom: 0 }}>
            <PhotoPicker />
          </Form.Item>
        </Card>

        <Card size="small" title={t('public.report.category')} style={{ marginBottom: 12 }}>
          <Form.Item
            name="bigClass"
            label={t('public.report.bigClass')}
            rules={required(t('public.report.categoryRequired'))}
          >
            <Select
              options={bigOptions}
              loading={categories.isPending}
              placeholder={t('public.report.pickBigClass')}
              onChange={() => form.setFieldValue('categoryCode', undefined)}
              data-testid="report-big-class"
            />
          </Form.Item>
          <Form.Item
            name="categoryCode"
            label={t('public.report.smallClass')}
            rules={required(t('public.report.categoryRequired'))}
            style={{ marginBottom: 0 }}
          >
            <Select
              options={smallOptions}
              disabled={!bigClass}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('public.report.pickSmallClass')}
              data-testid="report-small-class"
            />
          </Form.Item>
        </Card>

        <Card size="small" title={t('public.report.location')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('public.report.locationHelp')}
          </Typography.Paragraph>
          <PointPicker
            value={
              lng !== undefined && lng !== null && lat !== undefined && lat !== null
                ? { lng, lat }
                : undefined
            }
            onChange={(point) => form.setFieldsValue(point)}
          />
          <Flex gap={8} style={{ marginTop: 12 }}>
            <Form.Item
              name="lng"
              label={t('public.report.lng')}
              rules={required(t('public.report.locationRequired'))}
              style={{ flex: 1 }}
            >
              <InputNumber min={-180} max={180} precision={6} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="lat"
              label={t('public.report.lat')}
              rules={required(t('public.report.locationRequired'))}
              style={{ flex: 1 }}
            >
              <InputNumber min={-90} max={90} precision={6} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item name="address" label={t('public.report.address')} style={{ marginBottom: 0 }}>
            <Input maxLength={200} placeholder={t('public.report.addressPlaceholder')} />
          </Form.Item>
        </Card>

        <Card size="small" title={t('public.report.description')} style={{ marginBottom: 12 }}>
          <Form.Item
            name="description"
            rules={[{ required: true, whitespace: true, message: t('public.report.descriptionRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={t('public.report.descriptionPlaceholder')}
              aria-label={t('public.report.description')}
            />
          </Form.Item>
        </Card>

        <Card size="small" title={t('public.report.contact')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('public.report.contactHelp')}
          </Typography.Paragraph>
          <Form.Item name="name" label={t('public.report.name')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('public.report.phone')}
            rules={[{ pattern: /^[0-9+\-\s()]{5,20}$/, message: t('public.report.phoneInvalid') }]}
          >
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('public.report.email')}
            rules={[{ type: 'email', message: t('public.report.emailInvalid') }]}
            style={{ marginBottom: 0 }}
          >
            <Input maxLength={254} inputMode="email" autoComplete="email" />
          </Form.Item>
        </Card>

        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="publish" valuePropName="checked" initialValue={false} style={{ marginBottom: 4 }}>
            <Checkbox>{t('public.report.publish')}</Checkbox>
          </Form.Item>
          <Typography.Text type="secondary">{t('public.report.publishHelp')}</Typography.Text>
        </Card>

        <FormAlert message={submit.isError ? errorText(submit.error) : null} />
        <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending}>
          {t('public.report.submit')}
        </Button>
      </Form>
    </Flex>
  )
}
