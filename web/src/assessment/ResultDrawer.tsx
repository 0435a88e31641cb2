import { QuestionCircleOutlined } from '@ant-design/icons'
import { Descriptions, Drawer, Flex, Grid, Table, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type Indicator, type Run, useRunSubject } from './assessment.api'
import styles from './assessment.module.css'
import { scoreText, useIndicatorName, useValueText } from './format'
import { MarkForm } from './MarkForm'
import { ListTag, Movement, Stars } from './ResultTags'
import { SubsidyBreakdown } from './SubsidyBreakdown'

/**
 * One subject's result: every indicator's value, the weighed ones with their points, the subsidy of a
 * worker scheme, and the 民主评议 / 电话抽查 scores to enter while the period is open.
 */
export function ResultDrawer({
  run,
  subject,
  catalogue,
  onRecompute,
  recomputing,
  onClose,
}: {
  run: Run
  subject: string
  catalogue: readonly Indicator[] | undefined
  onRecompute: () => void
  recomputing: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const valueText = useValueText()
  const indicatorName = useIndicatorName(catalogue)
  const onPage = run.results.find((r) => r.subject.key === subject)
  // A subject opened by its address may be on another page of the ranking.
  const fetched = useRunSubject(onPage ? undefined : run.id, subject)
  const result = onPage ?? fetched.data ?? undefined
  const unitOf = (key: string) => catalogue?.find((i) => i.key === key)?.unit
  const weighed = new Set(run.scheme.items.map((i) => i.indicator))
  const others = (catalogue ?? []).filter((i) => !weighed.has(i.key))

  return (
    <Drawer
      open
      size={phone ? '100%' : 640}
      onClose={onClose}
      title={result?.subject.name}
      data-testid="assessment-drawer"
    >
      {result && (
        <Flex vertical gap={20}>
          <Flex gap={12} align="center" wrap>
            <Typography.Text strong>
              {result.rank === null
                ? t('assessment.drawer.unranked')
                : t('assessment.drawer.rank', { rank: result.rank })}
            </Typography.Text>
            <Movement movement={result.movement} />
            <span className={styles.score} style={{ fontSize: 20 }} data-testid="drawer-score">
              {scoreText(result.score)}
            </span>
            <Stars stars={result.stars} />
            <ListTag list={result.list} />
            <Typography.Text type="secondary">{result.grid.name}</Typography.Text>
          </Flex>

          <section>
            <Typography.Title level={5}>
              {t('assessment.drawer.indicators')}{' '}
              <Tooltip title={t('assessment.drawer.pointsHelp')}>
                <QuestionCircleOutlined style={{ color: 'rgba(0,0,0,0.45)', fontSize: 14 }} />
              </Tooltip>
            </Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="indicator"
              dataSource={run.scheme.items}
              data-testid="drawer-indicators"
              columns={[
                {
                  key: 'name',
                  title: t('assessment.drawer.indicator'),
                  render: (_, i) => indicatorName(i.indicator),
                },
                {
                  key: 'value',
                  title: t('assessment.drawer.value'),
                  align: 'right',
                  render: (_, i) => valueText(unitOf(i.indicator), result.values[i.indicator]),
                },
                {
                  key: 'points',
                  title: t('assessment.drawer.points'),
                  align: 'right',
                  render: (_, i) => scoreText(result.points[i.indicator]),
                },
                { key: 'weight', title: t('assessment.drawer.weight'), align: 'right', dataIndex: 'weight' },
              ]}
              summary={() => (
                <>
                  {result.bonus !== 0 && (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t('assessment.drawer.bonus')}</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} />
                      <Table.Summary.Cell index={2} align="right">
                        {scoreText(result.bonus)}
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={3} />
                    </Table.Summary.Row>
                  )}
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>{t('assessment.drawer.score')}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={1} />
                    <Table.Summary.Cell index={2} align="right">
                      <strong>{scoreText(result.score)}</strong>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} />
                  </Table.Summary.Row>
                </>
              )}
            />
          </section>

          {result.subsidy && <SubsidyBreakdown subsidy={result.subsidy} indicatorName={indicatorName} />}

          <MarkForm run={run} result={result} onRecompute={onRecompute} recomputing={recomputing} />

          {others.length > 0 && (
            <section>
              <Typography.Title level={5}>{t('assessment.drawer.other')}</Typography.Title>
              <Descriptions
                size="small"
                column={phone ? 1 : 2}
                bordered
                data-testid="drawer-other"
                items={others.map((i) => ({
                  key: i.key,
                  label: indicatorName(i.key),
                  children: valueText(i.unit, result.values[i.key]),
                }))}
              />
            </section>
          )}
        </Flex>
      )}
    </Drawer>
  )
}
