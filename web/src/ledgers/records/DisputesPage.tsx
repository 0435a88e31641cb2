import { Button, DatePicker, Descriptions, Drawer, Form, Input, Select, Space, Tag } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../common/FormModal'
import { GridTreePicker } from '../../common/GridTreePicker'
import { useRequiredRule } from '../../common/useRequiredRule'
import { RecordList } from './RecordList'
import { createDispute, type Dispute, type RecordFilters, recordsKey, updateDispute } from './records.api'
import { useCodeName, useCodeOptions } from './useCodeNames'

const SCALES: Dispute['scale'][] = ['ordinary', 'major', 'serious']
const METHODS = [
  'people_mediation',
  'administrative',
  'judicial',
  'arbitration',
  'negotiation',
  'other',
] as const
const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)

/** 矛盾纠纷: disputes, their mediation and outcome; the overdue ones first to the eye. */
export function DisputesPage() {
  const { t } = useTranslation()
  const kindName = useCodeName('dispute_kind')
  const kindOptions = useCodeOptions('dispute_kind')
  const [filters, setFilters] = useState<RecordFilters>({ state: 'open' })
  const [creating, setCreating] = useState(false)
  const [open, setOpen] = useState<Dispute | null>(null)
  const state = (d: Dispute) =>
    d.resolvedOn ? (
      <Tag color="green">{t('records.disputes.resolved')}</Tag>
    ) : d.overdue ? (
      <Tag color="red">{t('records.disputes.overdue')}</Tag>
    ) : (
      <Tag color="blue">{t('records.disputes.open')}</Tag>
    )

  return (
    <>
      <RecordList<Dispute>
        kind="disputes"
        title={t('records.disputes.title')}
        filters={filters}
        onFilters={setFilters}
        searchPlaceholder={t('records.disputes.search')}
        choices={[
          {
            key: 'state',
            placeholder: t('records.disputes.state'),
            options: (['open', 'overdue', 'resolved'] as const).map((s) => ({
              value: s,
              label: t(`records.disputes.${s}`),
            })),
          },
          {
            key: 'kind',
            placeholder: t('records.disputes.kind'),
            options: kindOptions,
          },
          {
            key: 'scale',
            placeholder: t('records.disputes.scale'),
            options: SCALES.map((s) => ({ value: s, label: t(`records.disputes.scales.${s}`) })),
          },
        ]}
        onOpen={setOpen}
        onCreate={() => setCreating(true)}
        columns={[
          { key: 'summary', title: t('records.disputes.summary'), dataIndex: 'summary', ellipsis: true },
          { key: 'kind', title: t('records.disputes.kind'), render: (_, d) => kindName(d.kind), width: 120 },
          {
            key: 'parties',
            title: t('records.disputes.parties'),
            render: (_, d) => d.parties.map((p) => p.name).join('、') || '—',
          },
          {
            key: 'deadline',
            title: t('records.disputes.deadline'),
            render: (_, d) => d.deadline ?? '—',
            width: 110,
          },
          { key: 'state', title: t('records.disputes.state'), render: (_, d) => state(d), width: 90 },
          { key: 'grid', title: t('records.grid'), render: (_, d) => d.grid.name },
        ]}
        phoneItem={(d) => ({
          title: (
            <Space>
              {state(d)}
              {kindName(d.kind)}
            </Space>
          ),
          description: `${d.summary} · ${d.grid.name}`,
        })}
      />
      {creating && <DisputeForm onClose={() => setCreating(false)} onSaved={setOpen} />}
      {open && <DisputeDrawer dispute={open} onClose={() => setOpen(null)} onChanged={setOpen} />}
    </>
  )
}

interface Values {
  kind: string
  scale: Dispute['scale']
  summary: string
  gridCode: string
  parties?: string
  caseNo?: string
  mediationMethod?: (typeof METHODS)[number]
  mediator?: string
  deadline?: Dayjs
}

function DisputeForm({ onClose, onSaved }: { onClose: () => void; onSaved: (d: Dispute) => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const kindOptions = useCodeOptions('dispute_kind')
  const blank = (v?: string) => (v?.trim() ? v.trim() : undefined)
  return (
    <FormModal<Values, Dispute>
      title={t('records.disputes.create')}
      name="dispute"
      placement={{
        fields: { 'body.summary': 'summary' },
        codes: { 'ledger.case_not_found': 'caseNo', 'ledger.out_of_scope': 'gridCode' },
      }}
      submit={(v) =>
        createDispute({
          kind: v.kind,
          scale: v.scale,
          summary: v.summary,
          gridCode: v.gridCode,
          // Names as told, one per line or separated by 、: the people ledger links them later.
          parties: (v.parties ?? '')
            .split(/[\n、,，]/)
            .map((n) => n.trim())
            .filter(Boolean)
            .map((name) => ({ name })),
          caseNo: blank(v.caseNo),
          mediationMethod: v.mediationMethod,
          mediator: blank(v.mediator),
          deadline: day(v.deadline),
        })
      }
      invalidate={recordsKey('disputes')}
      success={t('records.saved')}
      onSuccess={(d) => {
        onSaved(d)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('records.disputes.kind')} rules={[required]}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="scale" label={t('records.disputes.scale')} rules={[required]} initialValue="ordinary">
        <Select options={SCALES.map((s) => ({ value: s, label: t(`records.disputes.scales.${s}`) }))} />
      </Form.Item>
      <Form.Item name="summary" label={t('records.disputes.summary')} rules={[required]}>
        <Input.TextArea maxLength={1000} rows={3} />
      </Form.Item>
      <Form.Item name="gridCode" label={t('records.grid')} rules={[required]}>
        <GridTreePicker valueKey="code" testId="record-grid" />
      </Form.Item>
      <Form.Item
        name="parties"
        label={t('records.disputes.parties')}
        extra={t('records.disputes.partiesHelp')}
      >
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      <Form.Item name="caseNo" label={t('records.disputes.caseNo')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="mediationMethod" label={t('records.disputes.mediationMethod')}>
        <Select
          allowClear
          options={METHODS.map((m) => ({ value: m, label: t(`records.disputes.methods.${m}`) }))}
        />
      </Form.Item>
      <Form.Item name="mediator" label={t('records.disputes.mediator')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="deadline" label={t('records.disputes.deadline')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  )
}

function DisputeDrawer({
  dispute: d,
  onClose,
  onChanged,
}: {
  dispute: Dispute
  onClose: () => void
  onChanged: (d: Dispute) => void
}) {
  const { t } = useTranslation()
  const kindName = useCodeName('dispute_kind')
  const [resolving, setResolving] = useState(false)
  return (
    <Drawer
      open
      title={kindName(d.kind)}
      onClose={onClose}
      width={Math.min(520, window.innerWidth)}
      extra={
        !d.resolvedOn &&
        d.abilities.includes('update') && (
          <Button type="primary" onClick={() => setResolving(true)} data-testid="dispute-resolve">
            {t('records.disputes.resolve')}
          </Button>
        )
      }
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('records.disputes.summary')}>{d.summary}</Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.scale')}>
          {t(`records.disputes.scales.${d.scale}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.parties')}>
          {d.parties.map((p) => `${p.name}${p.role ? `（${p.role}）` : ''}`).join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.caseNo')}>{d.caseNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.mediationMethod')}>
          {d.mediationMethod ? t(`records.disputes.methods.${d.mediationMethod}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.mediator')}>{d.mediator ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.deadline')}>
          {d.deadline ?? '—'} {d.overdue && <Tag color="red">{t('records.disputes.overdue')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.outcome')}>{d.outcome ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('records.disputes.resolvedOn')}>{d.resolvedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('records.grid')}>{d.grid.name}</Descriptions.Item>
      </Descriptions>
      {resolving && (
        <FormModal<{ outcome: string; resolvedOn: Dayjs }, Dispute>
          title={t('records.disputes.resolve')}
          name="resolve"
          submit={(v) =>
            updateDispute(d.id, { version: d.version, outcome: v.outcome, resolvedOn: day(v.resolvedOn) })
          }
          invalidate={recordsKey('disputes')}
          success={t('records.saved')}
          onSuccess={onChanged}
          onClose={() => setResolving(false)}
        >
          <Form.Item
            name="outcome"
            label={t('records.disputes.outcome')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
          <Form.Item
            name="resolvedOn"
            label={t('records.disputes.resolvedOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
    </Drawer>
  )
}
