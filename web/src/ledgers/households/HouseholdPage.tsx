import { LeftOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons'
import {
  Button,
  Card,
  Descriptions,
  Grid,
  List,
  Popconfirm,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { QueryError } from '../../common/QueryError'
import { useAction } from '../../common/useAction'
import { useCodeName } from '../groups/groups.api'
import { peopleKey } from '../people/people.api'
import { HeadFormModal, MemberFormModal } from './HouseholdFormModal'
import { headName } from './HouseholdsPage'
import { HEAD, type HouseholdMember, householdsKey, removeMember, useHousehold } from './households.api'

/** 户: a household's number, grid, room (masked) and head, its members by relation to the head. */
export function HouseholdPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const household = useHousehold(id)
  const relation = useCodeName('relation').name
  const [dialog, setDialog] = useState<'member' | 'head' | null>(null)
  const remove = useAction((personId: string) => removeMember(id, personId), {
    invalidate: [householdsKey, peopleKey],
    success: t('households.memberRemoved'),
  })

  if (household.isLoading) return <Spin />
  const h = household.data
  if (household.error || !h) return <QueryError error={household.error} />
  const mayWrite = h.abilities.includes('update')
  const onlyHead = h.members.every((m) => m.personId === h.headPersonId)

  const personLink = (m: HouseholdMember) => (
    <Link to={`/ledgers/people/${m.personId}`} data-testid="household-member-link">
      {m.name}
    </Link>
  )
  const relationTag = (m: HouseholdMember) => (
    <Tag color={m.relation === HEAD ? 'blue' : undefined} data-testid="household-member-relation">
      {relation(m.relation)}
    </Tag>
  )
  const leave = (m: HouseholdMember) =>
    mayWrite &&
    m.personId !== h.headPersonId && (
      <Popconfirm title={t('households.removeConfirm')} onConfirm={() => remove.mutateAsync(m.personId)}>
        <Button size="small" danger data-testid="household-member-remove">
          {t('households.removeMember')}
        </Button>
      </Popconfirm>
    )

  const columns: TableColumnsType<HouseholdMember> = [
    { key: 'name', title: t('households.name'), render: (_, m) => personLink(m) },
    { key: 'relation', title: t('households.relation'), width: 140, render: (_, m) => relationTag(m) },
    {
      key: 'idNumber',
      title: t('households.idNumber'),
      width: 220,
      render: (_, m) => <code>{m.idNumber ?? '—'}</code>,
    },
    { key: 'since', title: t('households.since'), width: 120, dataIndex: 'since' },
    ...(mayWrite
      ? [{ key: 'actions', width: 90, render: (_: unknown, m: HouseholdMember) => leave(m) }]
      : []),
  ]

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="household-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Link to="/ledgers/households">
            <LeftOutlined /> {t('households.back')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="household-title">
            {h.number ?? '—'}
          </Typography.Title>
        </Space>
        {mayWrite && (
          <Space wrap>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setDialog('member')}
              data-testid="household-add-member"
            >
              {t('households.addMember')}
            </Button>
            <Tooltip title={onlyHead ? t('households.onlyHead') : undefined}>
              <Button
                icon={<SwapOutlined />}
                disabled={onlyHead}
                onClick={() => setDialog('head')}
                data-testid="household-change-head"
              >
                {t('households.changeHead')}
              </Button>
            </Tooltip>
          </Space>
        )}
      </Space>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('households.number')}>{h.number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('households.head')}>
            <span data-testid="household-head">{headName(h)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('households.grid')}>
            {h.grid.name} {!phone && <Typography.Text type="secondary">{h.grid.code}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('households.room')}>
            {h.room ? (
              <Link to={`/ledgers/buildings/${h.room.buildingId}`} title={t('households.openBuilding')}>
                {h.room.place}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('households.noRoom')}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={`${t('households.members')} (${h.members.length})`}>
        {phone ? (
          <List
            dataSource={h.members}
            renderItem={(m) => (
              <List.Item data-testid="household-member" extra={leave(m)}>
                <List.Item.Meta
                  title={
                    <Space>
                      {personLink(m)}
                      {relationTag(m)}
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary">
                      <code>{m.idNumber ?? '—'}</code> · {m.since}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<HouseholdMember>
            rowKey="personId"
            size="small"
            columns={columns}
            dataSource={h.members}
            pagination={false}
            onRow={() => ({ 'data-testid': 'household-member' }) as React.HTMLAttributes<HTMLElement>}
          />
        )}
      </Card>
      {dialog === 'member' && <MemberFormModal household={h} onClose={() => setDialog(null)} />}
      {dialog === 'head' && <HeadFormModal household={h} onClose={() => setDialog(null)} />}
    </Space>
  )
}
