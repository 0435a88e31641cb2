import { ArrowLeftOutlined } from '@ant-design/icons'
import { Alert, Breadcrumb, Card, Col, Descriptions, Flex, Row, Spin, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useCan } from '../auth/auth.api'
import { UnknownYearsTag } from '../cases-config/UnknownYearsTag'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { useLevelName } from '../grids/GridDetails'
import { useLocalName } from '../i18n'
import { CaseLedgerLinks } from '../ledgers/links/CaseLedgerLinks'
import { CaseActions } from './CaseActions'
import { CaseDuplicates } from './CaseDuplicates'
import { CaseMap } from './CaseMap'
import { CaseParticipants } from './CaseParticipants'
import { CasePhotos } from './CasePhotos'
import { CaseTimeline } from './CaseTimeline'
import { SupervisionTag, useDurationText } from './caseLoopText'
import { type CaseView, type Department, useCase, useCategories, useDepartments } from './cases.api'
import { currentStage, LightDot, type Stage, StateTag, useCaseName } from './caseText'
import { ReporterContact } from './ReporterContact'

export function CaseDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const one = useCase(id)
  const departments = useDepartments(true)
  const c = one.data

  return (
    <Flex vertical gap={16}>
      <Link to="/cases">
        <ArrowLeftOutlined /> {t('cases.back')}
      </Link>
      <QueryError error={one.error} />
      {one.isPending && !one.error && <Spin />}
      {c && <CaseDetail c={c} departments={departments.data ?? []} />}
    </Flex>
  )
}

function CaseDetail({ c, departments }: { c: CaseView; departments: Department[] }) {
  const { t } = useTranslation()
  const can = useCan()
  const formatTime = useFormatTime()
  const localName = useLocalName()
  const name = useCaseName()
  const levelName = useLevelName()
  const categories = useCategories()
  const evidence =
    categories.data?.categories.find((k) => k.code === c.category.code)?.standard?.evidence ?? null

  return (
    <>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="case-no">{c.no}</span>
            <StateTag state={c.state} />
            {c.urgency !== 'normal' && <Tag color="red">{name('urgencies', c.urgency)}</Tag>}
            <SupervisionTag grade={c.supervision} />
            <UnknownYearsTag years={c.unknownCalendarYears} />
          </Flex>
        }
        data-testid="case-detail"
      >
        <Flex vertical gap={16}>
          <CaseActions c={c} departments={departments} evidence={evidence} />
          <PendingExtension c={c} />
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'category',
                label: t('cases.category'),
                children: localName(c.category.zh, c.category.en),
              },
              { key: 'urgency', label: t('cases.urgency'), children: name('urgencies', c.urgency) },
              { key: 'level', label: t('cases.level'), children: name('levels', c.level) },
              {
                key: 'department',
                label: t('cases.department'),
                children: (
                  <span data-testid="case-department">{c.department?.name ?? t('cases.noDepartment')}</span>
                ),
              },
              { key: 'source', label: t('cases.source'), children: name('sources', c.source) },
              { key: 'reportedAt', label: t('cases.reportedAt'), children: formatTime(c.reportedAt) },
              { key: 'address', label: t('cases.address'), children: c.address ?? '—' },
              ...(c.rating === null ? [] : [{ key: 'rating', label: t('cases.rating'), children: c.rating }]),
              ...(c.followers === 0
                ? []
                : [{ key: 'followers', label: t('cases.followers'), children: c.followers }]),
              {
                key: 'grids',
                label: t('cases.grids'),
                span: 'filled' as const,
                children:
                  c.grids.length === 0 ? (
                    <Typography.Text type="warning">
                      {name('unowned', c.unownedReason ?? 'outside_grids')}
                    </Typography.Text>
                  ) : (
                    <Breadcrumb
                      data-testid="case-grids"
                      items={c.grids.map((g) => ({
                        key: g.code,
                        title: <span title={`${levelName(g.level)} ${g.code}`}>{g.name}</span>,
                      }))}
                    />
                  ),
              },
              {
                key: 'description',
                label: t('cases.description'),
                span: 'filled' as const,
                children: (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {c.description}
                  </Typography.Paragraph>
                ),
              },
            ]}
          />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {c.duplicates.length > 0 && (
              <Card title={t('cases.duplicates.title')} size="small">
                <CaseDuplicates c={c} />
              </Card>
            )}
            <Card title={t('cases.timeline.title')} size="small">
              <CaseTimeline c={c} departments={departments} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card title={t('cases.deadlines')} size="small">
              <Deadlines c={c} />
            </Card>
            <Card title={t('cases.reporter.title')} size="small">
              <ReporterContact caseId={c.id} />
            </Card>
            {can('ledger.read') && <CaseLedgerLinks no={c.no} />}
            {c.participants.length > 0 && (
              <Card title={t('cases.participants.title')} size="small">
                <CaseParticipants c={c} />
              </Card>
            )}
            <Card title={t('cases.photos.title')} size="small">
              <CasePhotos c={c} />
            </Card>
            <Card title={t('cases.location')} size="small">
              <CaseMap point={c.location} tiles={can('grid.read')} height={280} />
              {c.location && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cases.lngLat', {
                    longitude: c.location.lng.toFixed(6),
                    latitude: c.location.lat.toFixed(6),
                  })}
                </Typography.Text>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  )
}

/** An extension the handler asked for, waiting for a dispatcher's decision 延期审批. */
function PendingExtension({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const durationText = useDurationText()
  if (!c.pendingExtension) return null
  return (
    <Alert
      type="info"
      showIcon
      data-testid="case-pending-extension"
      title={t('cases.extension.pending', { duration: durationText(c.pendingExtension.duration) })}
      description={t('cases.extension.because', { reason: c.pendingExtension.reason })}
    />
  )
}

const STAGES: readonly Stage[] = ['accept', 'handle', 'verify']

/** Each stage's deadline: the running one with its light, the ended ones on time or overdue (frozen when they ended). */
function Deadlines({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const name = useCaseName()
  const running = currentStage(c.state)
  const status = (stage: Stage) => {
    if (stage === running) return <LightDot light={c.light} />
    const overdue = c.overdue[stage]
    if (overdue === null) return '—'
    return overdue ? (
      <Tag color="red">{t('cases.overdueFlag')}</Tag>
    ) : (
      <Tag color="green">{t('cases.onTime')}</Tag>
    )
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="stage"
      data-testid="case-deadlines"
      dataSource={STAGES.map((stage) => ({ stage }))}
      columns={[
        { key: 'stage', title: t('cases.stage'), render: (_, r) => name('stages', r.stage) },
        { key: 'due', title: t('cases.due'), render: (_, r) => formatTime(c.deadlines[r.stage]) },
        { key: 'status', title: t('cases.status'), render: (_, r) => status(r.stage) },
      ]}
    />
  )
}
