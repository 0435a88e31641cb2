import { Descriptions, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Subsidy } from './assessment.api'

const yuan = (n: number) => n.toFixed(2)

/** 补贴核算: pieces × rates, hours × the hourly rate, the quality factor, the total and whether it was capped. */
export function SubsidyBreakdown({
  subsidy: s,
  indicatorName,
}: {
  subsidy: Subsidy
  indicatorName: (key: string) => string
}) {
  const { t } = useTranslation()
  const pieces = s.pieces.reduce((sum, p) => sum + p.amount, 0)
  return (
    <section data-testid="drawer-subsidy">
      <Typography.Title level={5}>{t('assessment.drawer.subsidy')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="indicator"
        dataSource={s.pieces}
        style={{ marginBottom: 12 }}
        columns={[
          {
            key: 'name',
            title: t('assessment.drawer.pieces'),
            render: (_, p) => indicatorName(p.indicator),
          },
          { key: 'count', title: t('assessment.drawer.count'), align: 'right', dataIndex: 'count' },
          { key: 'rate', title: t('assessment.drawer.rate'), align: 'right', render: (_, p) => yuan(p.yuan) },
          {
            key: 'amount',
            title: t('assessment.drawer.amount'),
            align: 'right',
            render: (_, p) => yuan(p.amount),
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'time',
            label: t('assessment.drawer.time'),
            children: t('assessment.drawer.timeLine', {
              hours: s.hours,
              rate: yuan(s.hourly),
              amount: yuan(s.timeAmount),
            }),
          },
          {
            key: 'factor',
            label: t('assessment.drawer.factor'),
            children: t('assessment.drawer.gross', {
              pieces: yuan(pieces),
              time: yuan(s.timeAmount),
              factor: s.factor,
            }),
          },
          {
            key: 'total',
            label: t('assessment.drawer.total'),
            children: (
              <>
                <strong data-testid="drawer-subsidy-total">
                  {t('assessment.drawer.yuan', { value: yuan(s.total) })}
                </strong>
                {s.capped && (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('assessment.drawer.capped')}
                  </Tag>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  )
}
