import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Drawer, Flex, Grid, List, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/client'
import { useErrorText } from '../../common/errorText'
import { useFormatTime } from '../../common/format'
import { QueryError } from '../../common/QueryError'
import { useAction } from '../../common/useAction'
import { useLocalName } from '../../i18n'
import { ReasonDialog } from '../privacy/ReasonDialog'
import {
  approveProposal,
  type Proposal,
  type ProposalField,
  proposalsKey,
  rejectProposal,
  useProposal,
} from './proposals.api'

const STATE_COLORS: Record<Proposal['state'], string> = {
  applied: 'green',
  pending: 'blue',
  conflict: 'red',
  approved: 'green',
  rejected: 'default',
}

export function StateTag({ state }: { state: Proposal['state'] }) {
  const { t } = useTranslation()
  return (
    <Tag color={STATE_COLORS[state]} data-testid={`proposal-state-${state}`}>
      {t(`proposals.states.${state}`)}
    </Tag>
  )
}

const blank = (v: unknown) => v === null || v === undefined || v === ''
const asText = (v: unknown) => (blank(v) ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v))

/** Where the record opens on the desk. */
const recordHref = (p: Proposal) =>
  p.kind === 'person' ? `/ledgers/people/${p.targetId}` : `/ledgers/households/${p.targetId}`

/**
 * One correction: field | on the ledger | proposed (masked), the fields that differ highlighted and
 * those both sides changed marked; approve onto the version shown, or return with a reason.
 */
export function ProposalDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().md
  const formatTime = useFormatTime()
  const local = useLocalName()
  const one = useProposal(id)
  const [rejecting, setRejecting] = useState(false)
  const [stale, setStale] = useState(false)
  const p = one.data
  const may = (a: Proposal['abilities'][number]) => p?.abilities.includes(a) ?? false
  const queryClient = useQueryClient()
  const { message } = App.useApp()
  const errorText = useErrorText()
  const approve = useAction(() => approveProposal(id, p?.currentVersion ?? 0), {
    invalidate: [proposalsKey],
    success: t('proposals.approved'),
    onError: (error) => {
      // The ledger moved since the drawer was read: show the new values and say so.
      if (error instanceof ApiError && error.code === 'ledger.version_conflict') {
        setStale(true)
        void one.refetch()
      } else void message.error(errorText(error))
    },
  })

  const label = (f: ProposalField) => (
    <Flex vertical gap={2}>
      <span>{local(f.zh, f.en)}</span>
      {f.hard ? (
        <Tag color="red" style={{ width: 'fit-content' }}>
          {t('proposals.drawer.hard')}
        </Tag>
      ) : f.server ? (
        <Tag color="orange" style={{ width: 'fit-content' }}>
          {t('proposals.drawer.serverChanged')}
        </Tag>
      ) : null}
    </Flex>
  )
  // A code field by its name in the reader's language (已婚, not 20).
  const shown = (v: unknown, name: ProposalField['currentName']) =>
    name ? local(name.zh, name.en) : asText(v)
  const current = (f: ProposalField) => shown(f.current, f.currentName)
  const proposed = (f: ProposalField) => shown(f.proposed, f.proposedName)
  const highlight = (f: ProposalField) => (f.hard ? '#fff1f0' : f.differs ? '#fffbe6' : undefined)

  return (
    <Drawer
      open
      size={phone ? '100%' : 640}
      title={
        p && (
          <Flex gap={8} align="center" wrap>
            <Tag>{t(`proposals.kinds.${p.kind}`)}</Tag>
            {p.targetLabel ?? '—'}
            <StateTag state={p.state} />
          </Flex>
        )
      }
      onClose={onClose}
      data-testid="proposal-drawer"
      footer={
        p && (may('approve') || may('reject')) ? (
          <Flex gap={8} justify="end">
            {may('reject') && (
              <Button danger onClick={() => setRejecting(true)} data-testid="proposal-reject">
                {t('proposals.reject')}
              </Button>
            )}
            {may('approve') && (
              <Button
                type="primary"
                loading={approve.isPending}
                disabled={p.currentVersion === null}
                onClick={() => {
                  setStale(false)
                  approve.mutate(undefined)
                }}
                data-testid="proposal-approve"
              >
                {t('proposals.approve')}
              </Button>
            )}
          </Flex>
        ) : null
      }
    >
      <QueryError error={one.error} />
      {p && (
        <Flex vertical gap={12}>
          {p.state === 'conflict' && (
            <Alert type="warning" showIcon title={t('proposals.drawer.conflictHint')} />
          )}
          {stale && <Alert type="error" showIcon title={t('proposals.stale')} />}
          <Typography.Text type="secondary">
            {p.currentVersion === null
              ? t('proposals.drawer.gone')
              : t('proposals.drawer.versions', { base: p.baseVersion, current: p.currentVersion })}
            {' · '}
            {p.proposedBy.name} · {formatTime(p.proposedAt)}
            {p.source.campaignId && (
              <Tag color="purple" style={{ marginLeft: 8 }}>
                {t('proposals.campaign')}
              </Tag>
            )}
          </Typography.Text>
          {phone ? (
            <List
              dataSource={p.fields}
              renderItem={(f) => (
                <List.Item
                  style={{ background: highlight(f), padding: 8 }}
                  data-testid={`proposal-field-${f.field}`}
                >
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    {label(f)}
                    <Typography.Text type="secondary">
                      {t('proposals.drawer.current')}: {current(f)}
                    </Typography.Text>
                    <Typography.Text strong={f.differs}>
                      {t('proposals.drawer.proposed')}: {proposed(f)}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Table<ProposalField>
              rowKey="field"
              size="small"
              pagination={false}
              dataSource={p.fields}
              onRow={(f) =>
                ({ style: { background: highlight(f) }, 'data-testid': `proposal-field-${f.field}` }) as never
              }
              columns={[
                { key: 'field', title: t('proposals.drawer.field'), render: (_, f) => label(f), width: 180 },
                { key: 'current', title: t('proposals.drawer.current'), render: (_, f) => current(f) },
                {
                  key: 'proposed',
                  title: t('proposals.drawer.proposed'),
                  render: (_, f) => (f.differs ? <strong>{proposed(f)}</strong> : proposed(f)),
                },
              ]}
              data-testid="proposal-fields"
            />
          )}
          {p.alsoChanged.length > 0 && (
            <Typography.Text type="secondary" data-testid="proposal-also-changed">
              {t('proposals.drawer.alsoChanged', {
                fields: p.alsoChanged.map((f) => local(f.zh, f.en)).join('、'),
              })}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('proposals.drawer.masked')}
          </Typography.Text>
          {p.decidedAt && (
            <Alert
              type={p.state === 'rejected' ? 'info' : 'success'}
              title={t('proposals.drawer.decided', {
                who: p.decidedBy?.name ?? '—',
                at: formatTime(p.decidedAt),
                state: t(`proposals.states.${p.state}`),
              })}
              description={p.reason ? `${t('proposals.drawer.reason')}: ${p.reason}` : undefined}
            />
          )}
          {p.currentVersion !== null && <Link to={recordHref(p)}>{t('proposals.drawer.openRecord')}</Link>}
        </Flex>
      )}
      {rejecting && (
        <ReasonDialog
          title={t('proposals.rejectTitle')}
          hint={t('proposals.rejectHint')}
          okText={t('proposals.reject')}
          danger
          testId="proposal-reject-dialog"
          placeholder={t('proposals.rejectPlaceholder')}
          onOk={async (reason) => {
            await rejectProposal(id, reason)
            void message.success(t('proposals.rejected'))
            await queryClient.invalidateQueries({ queryKey: proposalsKey })
          }}
          onClose={() => setRejecting(false)}
        />
      )}
    </Drawer>
  )
}
