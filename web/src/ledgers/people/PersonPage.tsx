import { EyeOutlined, LeftOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  List,
  Modal,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { useErrorText } from '../../common/errorText'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { useLocalName } from '../../i18n'
import { PersonEvents } from './PersonEvents'
import { PersonFormModal } from './PersonFormModal'
import { PersonTags } from './PersonTags'
import {
  erasePerson,
  type PersonClear,
  type PersonView,
  peopleKey,
  unmaskPerson,
  useAccessLog,
  usePerson,
} from './people.api'

/** Seconds left until `until`, ticking; 0 once past. */
function useCountdown(until: string | null) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!until) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return until ? Math.max(0, Math.ceil((new Date(until).getTime() - now) / 1000)) : 0
}

/** A reason asked before something is done with personal data (unmask, erase). */
function ReasonDialog(props: {
  title: string
  hint: string
  okText: string
  danger?: boolean
  testId: string
  onOk: (reason: string) => Promise<unknown>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [reason, setReason] = useState('')
  const run = useMutation({ mutationFn: () => props.onOk(reason.trim()), onSuccess: props.onClose })
  const short = [...reason.trim()].length < 4
  return (
    <Modal
      open
      title={props.title}
      onCancel={props.onClose}
      onOk={() => run.mutate()}
      okText={props.okText}
      okButtonProps={{ disabled: short, danger: props.danger, id: `${props.testId}-ok` }}
      confirmLoading={run.isPending}
    >
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      {run.error && <Alert type="error" showIcon title={errorText(run.error)} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('people.reasonPlaceholder')}
        data-testid={`${props.testId}-reason`}
      />
    </Modal>
  )
}

function Basics({ person, clear }: { person: PersonView; clear: PersonClear | null }) {
  const { t } = useTranslation()
  const name = useLocalName()
  const codeName = (key: string) => {
    const c = person.codes[key]
    return c ? name(c.zh, c.en) : '—'
  }
  const shown = (key: 'name' | 'idNumber' | 'phone' | 'registeredAddress' | 'currentAddress') => (
    <span data-testid={`person-${key}`} style={clear ? { color: '#cf1322', fontWeight: 600 } : undefined}>
      {(clear ? clear[key] : person[key]) ?? '—'}
    </span>
  )
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
      <Descriptions.Item label={t('people.col.name')}>{shown('name')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.kind')}>
        {person.kindName ? name(person.kindName.zh, person.kindName.en) : person.kind}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.col.idNumber')}>{shown('idNumber')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.sex')}>
        {person.sexName ? name(person.sexName.zh, person.sexName.en) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.birthDate')}>{person.birthDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.phone')}>{shown('phone')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.ethnicity')}>{codeName('ethnicity')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.education')}>{codeName('education')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.maritalStatus')}>{codeName('maritalStatus')}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.politicalStatus')}>
        {codeName('politicalStatus')}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.occupation')}>{person.occupation ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.workplace')}>{person.workplace ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('people.f.registeredAddress')}>
        {shown('registeredAddress')}
      </Descriptions.Item>
      <Descriptions.Item label={t('people.f.currentAddress')}>{shown('currentAddress')}</Descriptions.Item>
      <Descriptions.Item label={t('people.col.grid')}>
        {person.grid.name} <Typography.Text type="secondary">{person.grid.code}</Typography.Text>
      </Descriptions.Item>
      {Object.entries(person.details).map(([key, value]) => (
        <Descriptions.Item key={key} label={t(`people.f.${key}`, { defaultValue: key })}>
          {key === 'englishName' && clear ? (
            <span style={{ color: '#cf1322', fontWeight: 600 }}>{clear.englishName ?? value}</span>
          ) : (
            value
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  )
}

function AccessLogCard({ id }: { id: string }) {
  const { t } = useTranslation()
  const formatTime = useFormatTime()
  const log = useAccessLog(id, true)
  const purpose = (p: string) => t(`people.purposes.${p}`, { defaultValue: p })
  return (
    <Card size="small" title={t('people.sections.accessLog')} data-testid="person-access-log">
      <QueryError error={log.error} />
      <List
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('people.none') }}
        renderItem={(e) => (
          <List.Item data-testid="access-entry">
            <Space direction="vertical" size={0}>
              <span>
                <strong>{e.actorName ?? '—'}</strong> · {formatTime(e.at)}{' '}
                <Tag color={e.masked ? 'default' : e.purpose === 'ledger.break_glass' ? 'red' : 'orange'}>
                  {purpose(e.purpose)}
                </Tag>
              </span>
              {e.reason && (
                <Typography.Text type="secondary" data-testid="access-reason">
                  {t('people.reason')}：{e.reason}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  )
}

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
          <Basics person={p} clear={clear} />
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
        {can('access_log') && <AccessLogCard id={p.id} />}
      </Space>
      {asking === 'unmask' && (
        <ReasonDialog
          title={t('people.unmaskTitle')}
          hint={p.special ? t('people.unmaskHintSpecial') : t('people.unmaskHint')}
          okText={t('people.unmask')}
          testId="unmask"
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
