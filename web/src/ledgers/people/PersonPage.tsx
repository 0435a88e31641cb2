import { EyeOutlined, LeftOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag, Timeline, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { useLocalName } from '../../i18n'
import { ReasonDialog, useCountdown } from '../privacy/ReasonDialog'
import { PersonAccessLog } from './PersonAccessLog'
import { PersonBasics } from './PersonBasics'
import { PersonEvents } from './PersonEvents'
import { PersonFormModal } from './PersonFormModal'
import { PersonTags } from './PersonTags'
import {
  erasePerson,
  type PersonClear,
  type PersonView,
  peopleKey,
  unmaskPerson,
  usePerson,
} from './people.api'

/** 一人一档: one person's file, masked; unmask with a reason for two minutes; erase on request. */
export function PersonPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const name = useLocalName()
  const formatTime = useFormatTime()
  const queryClient = useQueryClient()
  const person = usePerson(id)
  const [clear, setClear] = useState<PersonClear | null>(null)
  const [asking, setAsking] = useState<'unmask' | 'erase' | 'edit' | null>(null)
  const left = useCountdown(clear?.until ?? null)
  useEffect(() => {
    if (clear && left === 0) setClear(null)
  }, [clear, left])

  if (person.isLoading) return <Spin />
  if (person.error || !person.data)
    return (
      <div>
        <QueryError error={person.error} />
      </div>
    )
  const p = person.data
  const can = (a: PersonView['abilities'][number]) => p.abilities.includes(a)
  const section = (key: string, body: React.ReactNode, empty: boolean) => (
    <Card size="small" title={t(`people.sections.${key}`)} data-testid={`person-${key}`}>
      {empty ? <Typography.Text type="secondary">{t('people.none')}</Typography.Text> : body}
    </Card>
  )

  return (
    <div data-testid="person-page">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap>
            <Link to="/ledgers/people">
              <LeftOutlined /> {t('people.back')}
            </Link>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {clear ? clear.name : p.name}
            </Typography.Title>
            {p.special && <Tag color="red">{t('people.special')}</Tag>}
            {p.erasedAt && <Tag>{t('people.erased')}</Tag>}
          </Space>
          <Space wrap>
            {can('unmask') &&
              (clear ? (
                <Button onClick={() => setClear(null)} data-testid="person-mask">
                  {t('people.maskAgain', { seconds: left })}
                </Button>
              ) : (
                <Button
                  icon={<EyeOutlined />}
                  onClick={() => setAsking('unmask')}
                  data-testid="person-unmask"
                >
                  {t('people.unmask')}
                </Button>
              ))}
            {can('update') && (
              <Button onClick={() => setAsking('edit')} data-testid="person-edit">
                {t('people.edit')}
              </Button>
            )}
            {can('delete') && (
              <Button danger onClick={() => setAsking('erase')} data-testid="person-erase">
                {t('people.erase')}
              </Button>
            )}
          </Space>
        </Space>
        {clear && (
          <Alert
            type="warning"
            showIcon
            title={t('people.clearFor', { seconds: left })}
            data-testid="person-clear-alert"
          />
        )}
        {p.erasedAt && (
          <Alert type="info" showIcon title={t('people.erasedAt', { at: formatTime(p.erasedAt) })} />
        )}
        <Card size="small" title={t('people.sections.basics')}>
          <PersonBasics person={p} clear={clear} />
        </Card>
        <Card size="small" title={t('people.col.tags')}>
          <PersonTags person={p} editable={can('update')} />
        </Card>
        {section(
          'residences',
          <Timeline
            items={p.residences.map((r) => ({
              children: `${r.place} · ${t(`people.relations.${r.relation}`, { defaultValue: r.relation })} · ${r.fromDate} – ${r.toDate ?? t('people.now')}`,
            }))}
          />,
          p.residences.length === 0,
        )}
        {section(
          'household',
          p.household && (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('people.householdNumber')}>
                <Link to={`/ledgers/households/${p.household.id}`} data-testid="person-household-link">
                  {p.household.number ?? '—'}
                </Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('people.relation')}>{p.household.relation}</Descriptions.Item>
              <Descriptions.Item label={t('people.members')}>
                {p.household.members.map((m) => (
                  <Tag key={m.id}>
                    <Link to={`/ledgers/people/${m.id}`}>{m.name}</Link> {m.relation}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          ),
          !p.household,
        )}
        {p.groups !== null &&
          section(
            'groups',
            <Space wrap>
              {p.groups.map((g) => (
                <Tag key={`${g.groupCode}${g.startsOn}`} color="volcano">
                  {name(g.zh, g.en)} · {t('people.attention', { level: g.attention })} · {g.startsOn}
                </Tag>
              ))}
              <Typography.Text type="secondary">{t('people.visits', { count: p.visits })}</Typography.Text>
            </Space>,
            p.groups.length === 0,
          )}
        {section('events', <PersonEvents personId={p.id} events={p.events} mayLink={can('update')} />, false)}
        {section(
          'changes',
          <Table
            size="small"
            rowKey={(c) => `${c.at}${c.actor}`}
            pagination={false}
            scroll={{ x: true }}
            dataSource={p.changes}
            columns={[
              {
                key: 'at',
                title: t('people.at'),
                width: 170,
                render: (_, c) => (
                  <>
                    <div>{formatTime(c.at)}</div>
                    <Typography.Text type="secondary">{c.actor}</Typography.Text>
                  </>
                ),
              },
              {
                key: 'changes',
                title: t('people.sections.changes'),
                render: (_, c) =>
                  Object.entries(c.changes).map(([field, value]) => {
                    const [before, after] = Array.isArray(value) ? value : [null, value]
                    const text = (v: unknown) =>
                      v === null || v === undefined
                        ? '—'
                        : Array.isArray(v)
                          ? v.join('、') || '—'
                          : typeof v === 'object'
                            ? JSON.stringify(v)
                            : String(v)
                    return (
                      <div key={field}>
                        {t(`people.f.${field}`, { defaultValue: field })}: {text(before)} → {text(after)}
                      </div>
                    )
                  }),
              },
            ]}
          />,
          p.changes.length === 0,
        )}
        {can('access_log') && <PersonAccessLog id={p.id} />}
      </Space>
      {asking === 'unmask' && (
        <ReasonDialog
          title={t('people.unmaskTitle')}
          hint={p.special ? t('people.unmaskHintSpecial') : t('people.unmaskHint')}
          okText={t('people.unmask')}
          testId="unmask"
          placeholder={t('people.reasonPlaceholder')}
          onOk={async (reason) => setClear(await unmaskPerson(p.id, reason))}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'edit' && <PersonFormModal person={p} clear={clear} onClose={() => setAsking(null)} />}
      {asking === 'erase' && (
        <ReasonDialog
          title={t('people.eraseTitle')}
          hint={t('people.eraseHint')}
          okText={t('people.eraseConfirm')}
          danger
          testId="erase"
          placeholder={t('people.reasonPlaceholder')}
          onOk={async (reason) => {
            await erasePerson(p.id, reason)
            setClear(null)
            await queryClient.invalidateQueries({ queryKey: peopleKey })
          }}
          onClose={() => setAsking(null)}
        />
      )}
    </div>
  )
}
