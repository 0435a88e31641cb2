import { Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormatTime } from '../common/format'
import type { CaseView, Participant } from './cases.api'

/** The lead first, then the assisting departments as the server listed them. */
const leadFirst = (participants: Participant[]) =>
  [...participants].sort((a, b) => Number(b.role === 'lead') - Number(a.role === 'lead'))

/** 吹哨报到: the departments a whistle summoned, the lead first, each with its report-in deadline and time. */
export function CaseParticipants({ c }: { c: CaseView }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const now = Date.now()
  const reported = (p: Participant) => {
    if (p.reportedAt) {
      const late = Date.parse(p.reportedAt) > Date.parse(p.reportDue)
      return (
        <span>
          {formatTime(p.reportedAt)} {late && <Tag color="orange">{t('cases.participants.late')}</Tag>}
        </span>
      )
    }
    return Date.parse(p.reportDue) < now ? (
      <Tag color="red">{t('cases.participants.overdue')}</Tag>
    ) : (
      <Typography.Text type="secondary">{t('cases.participants.waiting')}</Typography.Text>
    )
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      data-testid="case-participants"
      dataSource={leadFirst(c.participants)}
      columns={[
        {
          key: 'department',
          title: t('cases.department'),
          render: (_, p) => (
            <span>
              {p.name}{' '}
              <Tag color={p.role === 'lead' ? 'blue' : 'default'}>{t(`cases.participants.${p.role}`)}</Tag>
            </span>
          ),
        },
        { key: 'due', title: t('cases.participants.due'), render: (_, p) => formatTime(p.reportDue) },
        { key: 'reported', title: t('cases.participants.reportedAt'), render: (_, p) => reported(p) },
      ]}
    />
  )
}
