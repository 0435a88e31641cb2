import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryError } from '../../common/QueryError'
import { AttentionTag } from './AttentionTag'
import { GroupsNav } from './GroupsNav'
import { addDays, chinaToday, useCodeName, useDueVisits } from './groups.api'
import { MembershipDrawer } from './MembershipDrawer'

/**
 * 本周走访: the visits due this week across all groups, overdue first; built for a grid worker's phone
 * (one card per member, a tap opens the membership to record the visit).
 */
export function DueVisitsPage() {
  const { t } = useTranslation()
  const [day, setDay] = useState<string | undefined>(undefined)
  const due = useDueVisits(day)
  const groupName = useCodeName('special_group').name
  const [openId, setOpenId] = useState<string | null>(null)
  const week = due.data?.week
  const move = (n: number) => setDay(addDays(day ?? chinaToday(), n))

  return (
    <Card
      title={t('groups.due.title')}
      extra={<GroupsNav current="visits" />}
      styles={{ body: { paddingInline: 12 } }}
      data-testid="due-visits"
    >
      <Flex justify="space-between" align="center" gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<LeftOutlined />} onClick={() => move(-7)} aria-label={t('groups.due.prev')} />
        <Flex vertical align="center">
          <Typography.Text strong>{week ? t('groups.due.week', week) : ' '}</Typography.Text>
          {day && (
            <Button type="link" size="small" onClick={() => setDay(undefined)}>
              {t('groups.due.thisWeek')}
            </Button>
          )}
        </Flex>
        <Button icon={<RightOutlined />} onClick={() => move(7)} aria-label={t('groups.due.next')} />
      </Flex>
      {due.data && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Tag>{t(due.data.reach === 'subtree' ? 'groups.due.subtree' : 'groups.due.mine')}</Tag>
          <Tag>{t('groups.due.count', { count: due.data.items.length })}</Tag>
          {due.data.overdue > 0 && (
            <Tag color="red">{t('groups.due.overdueCount', { count: due.data.overdue })}</Tag>
          )}
        </Flex>
      )}
      <QueryError error={due.error} />
      <List
        loading={due.isPending}
        dataSource={due.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('groups.due.none')} /> }}
        renderItem={(m) => (
          <List.Item
            onClick={() => setOpenId(m.id)}
            style={{ cursor: 'pointer', paddingInline: 4 }}
            data-testid="due-item"
          >
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {m.person.name}
                </Typography.Text>
                <Tag
                  color={m.dueState === 'overdue' ? 'red' : m.dueState === 'due' ? 'orange' : 'default'}
                  style={{ marginInlineEnd: 0 }}
                  data-testid={`due-state-${m.dueState}`}
                >
                  {t(`groups.dueState.${m.dueState}`)}
                </Tag>
              </Flex>
              <Flex gap={6} wrap align="center">
                <span>{groupName(m.groupCode)}</span>
                <AttentionTag level={m.attention} />
              </Flex>
              <Typography.Text type={m.dueState === 'overdue' ? 'danger' : 'secondary'}>
                {t('groups.due.dueOn', { day: m.nextVisitDue })} · {m.grid.name}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {openId && <MembershipDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Card>
  )
}
