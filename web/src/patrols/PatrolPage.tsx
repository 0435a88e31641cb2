import { ArrowLeftOutlined } from '@ant-design/icons'
import { Button, Card, Col, Descriptions, Flex, List, Row, Space, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { useCaseName } from '../cases/caseText'
import { useFormatTime } from '../common/format'
import { QueryError } from '../common/QueryError'
import { FlagTags } from './FlagTags'
import { codeOfPath, type PatrolDetail, useCheckpoints, usePatrol } from './patrols.api'
import { percent, usePatrolText } from './patrolText'
import { TrackMap } from './TrackMap'

function Figures({ p, checkpointNames }: { p: PatrolDetail; checkpointNames: string[] }) {
  const { t } = useTranslation()
  const time = useFormatTime()
  const text = usePatrolText()
  const inGridShare = p.durationS && p.inGridS !== null ? p.inGridS / p.durationS : null
  const unnamed = p.checkpointsReached.length - checkpointNames.length
  const item = (key: string, label: string, children: ReactNode) => ({
    key,
    label,
    children: <span data-testid={`figure-${key}`}>{children}</span>,
  })
  return (
    <Descriptions
      size="small"
      bordered
      column={3}
      data-testid="patrol-figures"
      items={[
        item('startedAt', t('patrols.startedAt'), time(p.startedAt)),
        item('endedAt', t('patrols.endedAt'), time(p.endedAt)),
        item('grid', t('patrols.grid'), p.gridName ?? '—'),
        item('duration', t('patrols.duration'), text.duration(p.durationS)),
        item('distance', t('patrols.distance'), text.distance(p.distanceM)),
        item(
          'inGrid',
          t('patrols.inGrid'),
          `${text.duration(p.inGridS)}${inGridShare === null ? '' : ` · ${percent(inGridShare)}`}`,
        ),
        item(
          'coverage',
          t('patrols.coverage'),
          p.coverage === null
            ? t('patrols.noBuildings')
            : t('patrols.coverageOf', {
                share: percent(p.coverage),
                passed: p.buildingsPassed ?? 0,
                total: p.buildingsTotal ?? 0,
              }),
        ),
        item(
          'gaps',
          t('patrols.gapTime'),
          t('patrols.gapsOf', { time: text.duration(p.gapS), count: p.gaps.length }),
        ),
        item('points', t('patrols.points'), p.pointCount ?? '—'),
        item(
          'checkpoints',
          t('patrols.checkpointsReached'),
          p.checkpointsReached.length === 0 ? (
            t('patrols.noneReached')
          ) : (
            <Space size={[0, 4]} wrap>
              {checkpointNames.map((n) => (
                <Tag key={n} color="orange">
                  {n}
                </Tag>
              ))}
              {unnamed > 0 && <Tag>{t('patrols.retiredCheckpoints', { count: unnamed })}</Tag>}
            </Space>
          ),
        ),
        { key: 'flags', label: t('patrols.flagsTitle'), span: 2, children: <FlagTags flags={p.flags} /> },
      ]}
    />
  )
}

/** One patrol: its figures, its track on the map, the gaps in it and the events reported on the way. */
export function PatrolPage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const time = useFormatTime()
  const text = usePatrolText()
  const caseName = useCaseName()
  const { id = '' } = useParams()
  const patrol = usePatrol(id)
  const p = patrol.data
  const checkpoints = useCheckpoints(p?.gridPath ? codeOfPath(p.gridPath) : undefined)
  const all = checkpoints.data?.items ?? []
  const names = all.filter((c) => p?.checkpointsReached.includes(c.id)).map((c) => c.name)

  if (!p)
    return (
      <Card loading={patrol.isLoading}>
        <QueryError error={patrol.error} />
      </Card>
    )
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('patrols.back')}
              onClick={() => navigate(-1)}
            />
            <span data-testid="patrol-title">{t('patrols.patrolOf', { name: p.userName })}</span>
            <Tag>{t(`patrols.sources.${p.source}`)}</Tag>
            {p.state === 'running' ? (
              <Tag color="processing">{t('patrols.running')}</Tag>
            ) : (
              <Tag>{t('patrols.ended')}</Tag>
            )}
          </Space>
        }
      >
        {p.state === 'running' && (
          <Typography.Paragraph type="secondary">{t('patrols.runningHint')}</Typography.Paragraph>
        )}
        <Figures p={p} checkpointNames={names} />
      </Card>
      <Row gutter={16}>
        <Col span={16}>
          <Card size="small" title={t('patrols.track')}>
            {p.track ? (
              <TrackMap patrol={p} checkpoints={all} height={440} />
            ) : (
              <Typography.Text type="secondary">{t('patrols.noTrack')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Flex vertical gap="middle">
            <Card size="small" title={t('patrols.gaps')}>
              <List
                size="small"
                dataSource={p.gaps}
                locale={{ emptyText: t('patrols.noGaps') }}
                data-testid="patrol-gaps"
                renderItem={(g) => (
                  <List.Item>
                    {time(g.from)} – {time(g.to)}
                    <Typography.Text type="secondary">
                      {text.duration((Date.parse(g.to) - Date.parse(g.from)) / 1000)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('patrols.cases')}>
              <List
                size="small"
                dataSource={p.cases}
                locale={{ emptyText: t('patrols.noCases') }}
                renderItem={(c) => (
                  <List.Item>
                    <Link to={`/cases/${c.id}`}>{c.no}</Link>
                    <Tag>{caseName('states', c.state)}</Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
    </Space>
  )
}
