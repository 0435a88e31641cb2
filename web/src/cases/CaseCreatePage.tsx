import { App, Button, Card, Cascader, Col, Descriptions, Flex, Form, Input, Radio, Row, Select } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useCurrentUser } from '../auth/auth.api'
import { FormAlert } from '../common/FormAlert'
import { PhotoPicker } from '../common/photos/PhotoPicker'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { useIdempotencyKeys } from '../common/useIdempotencyKeys'
import { useRequiredRule } from '../common/useRequiredRule'
import { useLocalName } from '../i18n'
import { type Caller, CallerFields, callerOf } from './CallerFields'
import { CasePointPicker, reportingGrants } from './CasePointPicker'
import {
  attachPhoto,
  type CaseCreateBody,
  type Category,
  casesKey,
  type Point,
  reportCase,
  useCategories,
} from './cases.api'
import { useCaseName } from './caseText'
import { NearbyCases } from './NearbyCases'

type Source = CaseCreateBody['source']
type Urgency = NonNullable<CaseCreateBody['urgency']>

const URGENCIES: readonly Urgency[] = ['normal', 'urgent', 'critical']
/** What staff may say a report came from; residents and integrations have their own channels. */
const STAFF_SOURCES: readonly Source[] = ['worker', 'department', 'hotline']

interface Values {
  category: [string, string]
  urgency: Urgency
  description: string
  address?: string
  location: Point
  source: Source
  photos?: PreparedPhoto[]
  caller?: Caller
}

/** A grid worker reports what they found on patrol: the source is theirs, not a choice. */
const isGridWorker = (me: Me) => {
  const grants = reportingGrants(me)
  return grants.length > 0 && grants.every((g) => g.roleKey === 'grid_worker')
}

const defaultSource = (me: Me): Source => {
  if (isGridWorker(me)) return 'worker'
  return me.grants.some((g) => g.scope.type === 'department') ? 'department' : 'hotline'
}

function useCategoryOptions(categories: Category[]) {
  const localName = useLocalName()
  return useMemo(() => {
    const active = categories.filter((c) => c.active)
    const label = (c: Category) => `${c.code} ${localName(c.zh, c.en)}`
    return active
      .filter((big) => big.parentCode === null)
      .map((big) => ({
        value: big.code,
        label: label(big),
        children: active
          .filter((small) => small.parentCode === big.code)
          .map((small) => ({ value: small.code, label: label(small) })),
      }))
      .filter((big) => big.children.length > 0)
  }, [categories, localName])
}

/** Attaches the photos one after another (a phone's network); answers how many did not go. */
async function attachAll(caseId: string, photos: PreparedPhoto[]): Promise<number> {
  let failed = 0
  for (const photo of photos) {
    try {
      await attachPhoto(caseId, photo.blob, { location: photo.location })
    } catch {
      failed += 1
    }
  }
  return failed
}

export function CaseCreatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { message } = App.useApp()
  const me = useCurrentUser()
  const required = useRequiredRule()
  const name = useCaseName()
  const [form] = Form.useForm<Values>()
  const errors = useFormErrors(form, {
    fields: {
      'body.categoryCode': 'category',
      'body.description': 'description',
      'body.address': 'address',
      'body.location': 'location',
      'body.location.lng': 'location',
      'body.location.lat': 'location',
    },
    codes: { 'case.unknown_category': 'category' },
  })
  const categories = useCategories()
  const options = useCategoryOptions(categories.data?.categories ?? [])
  const chosen = Form.useWatch<Values['category'] | undefined>('category', form)
  const standard = categories.data?.categories.find((c) => c.code === chosen?.[1])?.standard ?? null
  const point = Form.useWatch<Point | undefined>('location', form) ?? null
  const worker = isGridWorker(me)

  const keys = useIdempotencyKeys()
  const submit = useAction(
    (v: Values) => {
      const body = {
        categoryCode: v.category[1],
        location: v.location,
        address: v.address?.trim() || undefined,
        description: v.description.trim(),
        urgency: v.urgency,
        source: worker ? ('worker' as const) : v.source,
        caller: !worker && v.source === 'hotline' ? callerOf(v.caller) : undefined,
      }
      return reportCase(body, keys.for(body))
    },
    {
      // A report lost on a weak phone connection is sent again under its key: never twice filed.
      retry: (failures, error) => failures < 2 && error instanceof ApiError && error.status === 0,
      onMutate: errors.clear,
      onError: errors.show,
      success: (created) => t('cases.create.created', { no: created.no }),
      invalidate: [[...casesKey, 'list']],
      // The photos once the case exists (outside the retried report, so a retry never sends them twice).
      onSuccess: async (created, v) => {
        const failed = await attachAll(created.id, v.photos ?? [])
        if (failed > 0) void message.warning(t('cases.create.photosFailed', { count: failed }))
        await navigate(`/cases/${created.id}`)
      },
    },
  )

  return (
    <Card title={t('cases.create.title')}>
      <FormAlert message={errors.alert} />
      {categories.error && <FormAlert message={t('cases.create.noCategories')} />}
      <Form<Values>
        form={form}
        name="case-create"
        layout="vertical"
        initialValues={{ urgency: 'normal', source: defaultSource(me) }}
        onFinish={(values) => submit.mutate(values)}
      >
        <Row gutter={24}>
          <Col xs={24} lg={11}>
            <Form.Item name="category" label={t('cases.create.category')} rules={[required]}>
              <Cascader
                options={options}
                showSearch
                placeholder={t('cases.create.categoryPlaceholder')}
                loading={categories.isPending}
                data-testid="case-category"
              />
            </Form.Item>
            {standard && (
              <Descriptions
                size="small"
                column={1}
                bordered
                style={{ marginTop: -8, marginBottom: 16 }}
                data-testid="case-standard"
                items={[
                  { key: 'filing', label: t('cases.create.filing'), children: standard.filingCondition },
                  { key: 'closing', label: t('cases.create.closing'), children: standard.closingCondition },
                  { key: 'level', label: t('cases.level'), children: name('levels', standard.level) },
                ]}
              />
            )}
            <Form.Item name="urgency" label={t('cases.urgency')}>
              <Radio.Group
                optionType="button"
                options={URGENCIES.map((u) => ({ value: u, label: name('urgencies', u) }))}
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('cases.description')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="address" label={t('cases.address')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="photos" label={t('cases.create.photos')}>
              <PhotoPicker />
            </Form.Item>
            <Form.Item name="source" label={t('cases.source')}>
              <Select
                disabled={worker}
                options={STAFF_SOURCES.map((s) => ({ value: s, label: name('sources', s) }))}
                data-testid="case-source"
              />
            </Form.Item>
            <CallerFields />
          </Col>
          <Col xs={24} lg={13}>
            <Form.Item
              name="location"
              label={t('cases.location')}
              rules={[{ required: true, message: t('cases.create.pointRequired') }]}
            >
              <CasePointPicker />
            </Form.Item>
          </Col>
        </Row>
        <NearbyCases categoryCode={chosen?.[1] ?? null} point={point} />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="case-submit">
            {t('cases.create.submit')}
          </Button>
          <Button onClick={() => void navigate('/cases')}>{t('cases.create.cancel')}</Button>
        </Flex>
      </Form>
    </Card>
  )
}
