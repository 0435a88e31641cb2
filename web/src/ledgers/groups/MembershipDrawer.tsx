import { EditOutlined, EyeOutlined, LockOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Popconfirm,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { FormModal } from '../../common/FormModal'
import { QueryError } from '../../common/QueryError'
import { useAction } from '../../common/useAction'
import { useRequiredRule } from '../../common/useRequiredRule'
import { AttentionTag, DueTag } from './AttentionTag'
import {
  ATTENTION_LEVELS,
  endMembership,
  groupsKey,
  type Membership,
  OUTCOMES,
  type Outcome,
  patchMembership,
  recordVisit,
  unmaskMembership,
  useCodeName,
  useMembership,
  useVisits,
  type Visit,
} from './groups.api'

type Clear = { membership: Membership; visits: Visit[] }

/** One membership: its details (masked), its visits, and what the reader may do: record a visit, edit, end, unmask. */
export function MembershipDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const one = useMembership(id)
  const visits = useVisits(id)
  const groupName = useCodeName('special_group').name
  const classes = useCodeName('correction_class').name
  const [clear, setClear] = useState<Clear | null>(null)
  const [dialog, setDialog] = useState<'unmask' | 'visit' | 'edit' | null>(null)
  const end = useAction(() => endMembership(id, m?.version ?? 1), {
    invalidate: [groupsKey],
    success: t('groups.drawer.ended'),
  })
  const m = clear?.membership ?? one.data
  const may = (a: Membership['abilities'][number]) => one.data?.abilities.includes(a) ?? false
  const shownVisits = clear?.visits ?? visits.data ?? []
  const d = m?.details

  return (
    <Drawer
      open
      size={phone ? '100%' : 520}
      title={
        m && (
          <Flex gap={8} align="center" wrap>
            {m.person.name}
            <Tag color={clear ? 'volcano' : 'default'} icon={clear ? <EyeOutlined /> : <LockOutlined />}>
              {clear ? t('groups.drawer.clear') : t('groups.drawer.masked')}
            </Tag>
          </Flex>
        )
      }
      onClose={onClose}
      data-testid="membership-drawer"
    >
      <QueryError error={one.error} />
      {m && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap>
            {may('visit') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog('visit')}
                data-testid="visit-record"
              >
                {t('groups.visit.record')}
              </Button>
            )}
            {may('unmask') && !clear && (
              <Button
                icon={<EyeOutlined />}
                onClick={() => setDialog('unmask')}
                data-testid="membership-unmask"
              >
                {t('groups.unmask.button')}
              </Button>
            )}
            {may('update') && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('groups.drawer.edit')}
              </Button>
            )}
            {may('end') && (
              <Popconfirm title={t('groups.drawer.endConfirm')} onConfirm={() => end.mutate(undefined)}>
                <Button danger icon={<StopOutlined />} loading={end.isPending}>
                  {t('groups.drawer.end')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('groups.list.name')}>
              <Link to={`/ledgers/people/${m.person.id}`}>{m.person.name}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('groups.list.group')}>
              {groupName(m.groupCode)}
              {m.subKind && ` · ${groupName(m.subKind)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('groups.list.attention')}>
              <AttentionTag level={m.attention} />
            </Descriptions.Item>
            <Descriptions.Item label={t('groups.list.grid')}>{m.grid.name}</Descriptions.Item>
            <Descriptions.Item label={t('groups.drawer.startsOn')}>
              {m.startsOn}
              {m.endsOn && ` — ${m.endsOn}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('groups.list.responsible')}>
              {m.responsible?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('groups.list.nextDue')}>
              <Flex gap={4} wrap>
                <DueTag m={m} />
                {m.escalatedAt && <Tag color="red">{t('groups.drawer.escalated')}</Tag>}
              </Flex>
            </Descriptions.Item>
            {d?.correctionClass && (
              <Descriptions.Item label={t('groups.drawer.correctionClass')}>
                {classes(d.correctionClass)}
              </Descriptions.Item>
            )}
            {d?.riskLevel !== undefined && (
              <Descriptions.Item label={t('groups.drawer.riskLevel')}>{d.riskLevel}</Descriptions.Item>
            )}
            {(d?.guardianName || d?.guardianRelation) && (
              <Descriptions.Item label={t('groups.drawer.guardian')}>
                {[d.guardianName, d.guardianRelation && `(${d.guardianRelation})`].filter(Boolean).join(' ')}
              </Descriptions.Item>
            )}
            {d?.guardianPhone && (
              <Descriptions.Item label={t('groups.drawer.guardianPhone')}>
                {d.guardianPhone}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('groups.drawer.notes')}>
              {!m.hasNotes ? (
                t('groups.drawer.noNotes')
              ) : m.notes !== null ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {m.notes}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">
                  <LockOutlined /> {t('groups.drawer.notesSealed')}
                </Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('groups.drawer.visits')}</Typography.Title>
            <QueryError error={visits.error} />
            <List
              size="small"
              dataSource={shownVisits}
              locale={{ emptyText: t('groups.drawer.noVisits') }}
              renderItem={(v) => (
                <List.Item data-testid="visit-item">
                  <List.Item.Meta
                    title={
                      <Flex gap={8} wrap>
                        <span>{new Date(v.visitedAt).toLocaleString()}</span>
                        <Tag color={v.outcome === 'met' ? 'green' : 'default'}>
                          {t(`groups.outcome.${v.outcome}`)}
                        </Tag>
                      </Flex>
                    }
                    description={
                      <>
                        {t('groups.drawer.visitor')}: {v.visitor.name}
                        {v.hasNotes && (
                          <div style={{ whiteSpace: 'pre-wrap' }}>
                            {v.notes ?? (
                              <Typography.Text type="secondary">
                                <LockOutlined /> {t('groups.drawer.hiddenNotes')}
                              </Typography.Text>
                            )}
                          </div>
                        )}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </div>
        </Flex>
      )}
      {dialog === 'unmask' && (
        <UnmaskModal id={id} onClose={() => setDialog(null)} onShown={(c) => setClear(c)} />
      )}
      {dialog === 'visit' && m && (
        <VisitModal
          id={id}
          onClose={() => setDialog(null)}
          onRecorded={() => {
            setClear(null)
          }}
        />
      )}
      {dialog === 'edit' && one.data && (
        <EditModal m={one.data} onClose={() => setDialog(null)} onSaved={() => setClear(null)} />
      )}
    </Drawer>
  )
}

function UnmaskModal({
  id,
  onClose,
  onShown,
}: {
  id: string
  onClose: () => void
  onShown: (c: Clear) => void
}) {
  const { t } = useTranslation()
  return (
    <FormModal<{ reason: string }, Clear>
      title={t('groups.unmask.title')}
      name="membership-unmask"
      submit={(v) => unmaskMembership(id, v.reason)}
      invalidate={[...groupsKey, 'none']}
      intro={<Alert type="warning" showIcon title={t('groups.unmask.intro')} style={{ marginBottom: 16 }} />}
      onSuccess={(c) => {
        onShown(c)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item
        name="reason"
        label={t('groups.unmask.reason')}
        rules={[{ required: true, min: 4, message: t('groups.unmask.reasonRequired') }]}
      >
        <Input maxLength={200} autoFocus data-testid="unmask-reason" />
      </Form.Item>
    </FormModal>
  )
}

/** `YYYY-MM-DDTHH:mm` of now in the browser's time, for a datetime-local input. */
const localNow = () => {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

function VisitModal({
  id,
  onClose,
  onRecorded,
}: {
  id: string
  onClose: () => void
  onRecorded: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const required = useRequiredRule()
  return (
    <FormModal<{ visitedAt: string; outcome: Outcome; notes?: string }, { membership: Membership }>
      title={t('groups.visit.title')}
      name="visit-record"
      initialValues={{ visitedAt: localNow(), outcome: 'met' }}
      submit={(v) =>
        recordVisit(id, {
          visitedAt: new Date(v.visitedAt).toISOString(),
          outcome: v.outcome,
          notes: v.notes?.trim() || undefined,
        })
      }
      invalidate={groupsKey}
      onSuccess={(r) => {
        void message.success(
          r.membership.nextVisitDue
            ? t('groups.visit.recorded', { due: r.membership.nextVisitDue })
            : t('groups.visit.noneDue'),
        )
        onRecorded()
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item name="visitedAt" label={t('groups.visit.visitedAt')} rules={[required]}>
        <Input type="datetime-local" max={localNow()} data-testid="visit-at" />
      </Form.Item>
      <Form.Item name="outcome" label={t('groups.visit.outcome')} rules={[required]}>
        <Radio.Group
          optionType="button"
          options={OUTCOMES.map((o) => ({ value: o, label: t(`groups.outcome.${o}`) }))}
          data-testid="visit-outcome"
        />
      </Form.Item>
      <Form.Item name="notes" label={t('groups.visit.notes')} extra={t('groups.visit.notesHint')}>
        <Input.TextArea rows={4} maxLength={2000} data-testid="visit-notes" />
      </Form.Item>
    </FormModal>
  )
}

function EditModal({ m, onClose, onSaved }: { m: Membership; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation()
  return (
    <FormModal<{ attention: number; endsOn?: string; notes?: string }, Membership>
      title={t('groups.form.editTitle')}
      name="membership-edit"
      initialValues={{ attention: m.attention, endsOn: m.endsOn ?? undefined }}
      submit={(v) =>
        patchMembership(m.id, {
          version: m.version,
          attention: v.attention,
          endsOn: v.endsOn || null,
          ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        })
      }
      invalidate={groupsKey}
      success={t('groups.drawer.saved')}
      onSuccess={() => {
        onSaved()
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item name="attention" label={t('groups.form.attention')}>
        <Select
          options={ATTENTION_LEVELS.map((l) => ({ value: l, label: `${l} · ${t(`groups.attention.${l}`)}` }))}
        />
      </Form.Item>
      <Form.Item name="endsOn" label={t('groups.form.endsOn')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="notes" label={t('groups.form.notes')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  )
}
