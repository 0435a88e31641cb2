import { useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Cascader,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { ApiError } from '../api/client'
import type { Me } from '../api/types'
import { useCan, useCurrentUser } from '../auth/auth.api'
import { FormAlert } from '../common/FormAlert'
import { PhotoPicker } from '../common/photos/PhotoPicker'
import type { PreparedPhoto } from '../common/photos/preparePhoto'
import { useAction } from '../common/useAction'
import { useFormErrors } from '../common/useFormErrors'
import { useIdempotencyKeys } from '../common/useIdempotencyKeys'
import { useRequiredRule } from '../common/useRequiredRule'
import { useLevelName } from '../grids/GridDetails'
import { gridsKey, listRoots, useGrid } from '../grids/grids.api'
import { useLocalName } from '../i18n'
import { boundsOf } from '../map/fit'
import { type Caller, CallerFields, callerOf } from './CallerFields'
import { CaseMap } from './CaseMap'
import {
  attachPhoto,
  type CaseCreateBody,
  type Category,
  casesKey,
  type Point,
  reportCase,
  useCategories,
  useLocate,
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

const reportingGrants = (me: Me) =>
  me.grants.filter((g) => g.permissions.includes('case.report') || g.permissions.includes('*'))

/** A grid worker reports what they found on patrol: the source is theirs, not a choice. */
const isGridWorker = (me: Me) => {
  const grants = reportingGrants(me)
  return grants.length > 0 && grants.every((g) => g.roleKey === 'grid_worker')
}

const defaultSource = (me: Me): Source => {
  if (isGridWorker(me)) return 'worker'
  return me.grants.some((g) => g.scope.type === 'department') ? 'department' : 'hotline'
}

/** Where the map opens: the reporter's own grid, else the first district they may see. */
function useHomeBounds(enabled: boolean) {
  const me = useCurrentUser()
  // A code is its ancestors' segments in a row, as its path is the same segments dotted (grids.code.ts).
  const own = reportingGrants(me)
    .map((g) => (g.scope.type === 'grid' ? g.scope.path : ''))
    .find((path) => path !== '')
  const ownCode = own ? own.replaceAll('.', '') : null
  const roots = useQuery({
    queryKey: [...gridsKey, 'roots'],
    queryFn: listRoots,
    enabled: enabled && ownCode === null,
  })
  const grid = useGrid(enabled ? (ownCode ?? roots.data?.items[0]?.code ?? null) : null)
  return useMemo(() => (grid.data ? boundsOf(grid.data.boundary) : null), [grid.data])
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
              <PointPicker />
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

/** A point picked by a click on the map, with its coordinates and the grids that cover it. */
function PointPicker({ value, onChange }: { value?: Point; onChange?: (point: Point) => void }) {
  const { t } = useTranslation()
  const can = useCan()
  const levelName = useLevelName()
  const tiles = can('grid.read')
  const bounds = useHomeBounds(tiles)
  const point = value ?? null
  const located = useLocate(point, tiles)
  const chain = located.data?.chain

  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('cases.create.pickHint')}</Typography.Text>
      <CaseMap point={point} bounds={bounds} onPick={onChange} tiles={tiles} height={360} />
      {point && (
        <Typography.Text data-testid="case-picked">
          {t('cases.lngLat', { longitude: point.lng.toFixed(6), latitude: point.lat.toFixed(6) })}
        </Typography.Text>
      )}
      {point && chain && chain.length > 0 && (
        <Breadcrumb
          data-testid="case-picked-grids"
          items={chain.map((g) => ({
            key: g.code,
            title: <span title={`${levelName(g.level)} ${g.code}`}>{g.name}</span>,
          }))}
        />
      )}
      {point && chain?.length === 0 && (
        <Alert type="warning" showIcon title={t('cases.create.outside')} data-testid="case-picked-outside" />
      )}
    </Flex>
  )
}
