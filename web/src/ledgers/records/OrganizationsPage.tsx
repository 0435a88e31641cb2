import { Button, Descriptions, Drawer, Form, Input, InputNumber, Select, Switch, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../common/FormModal'
import { GridTreePicker } from '../../common/GridTreePicker'
import { useRequiredRule } from '../../common/useRequiredRule'
import { ReasonDialog } from '../privacy/ReasonDialog'
import { RecordList } from './RecordList'
import {
  createOrganization,
  type Organization,
  type RecordFilters,
  recordsKey,
  unmaskOrganization,
} from './records.api'
import { useCodeName, useCodeOptions } from './useCodeNames'

const placement = {
  fields: {
    'body.name': 'name',
    'body.creditCode': 'creditCode',
    'body.contactPhone': 'contactPhone',
    'body.gridCode': 'gridCode',
  },
  codes: {
    'ledger.credit_code.check': 'creditCode',
    'ledger.credit_code.format': 'creditCode',
    'ledger.organization_exists': 'creditCode',
    'ledger.phone.format': 'contactPhone',
    'ledger.out_of_scope': 'gridCode',
    'ledger.grid_not_found': 'gridCode',
  },
}

/** 组织: enterprises, shops, key places, party organisations … in the reader's grids. */
export function OrganizationsPage() {
  const { t } = useTranslation()
  const kindName = useCodeName('organization_kind')
  const kindOptions = useCodeOptions('organization_kind')
  const [filters, setFilters] = useState<RecordFilters>({})
  const [creating, setCreating] = useState(false)
  const [open, setOpen] = useState<Organization | null>(null)
  const kinds = kindOptions

  return (
    <>
      <RecordList<Organization>
        kind="organizations"
        title={t('records.organizations.title')}
        filters={filters}
        onFilters={setFilters}
        searchPlaceholder={t('records.organizations.search')}
        choices={[{ key: 'kind', placeholder: t('records.organizations.kind'), options: kinds }]}
        onOpen={setOpen}
        onCreate={() => setCreating(true)}
        columns={[
          { key: 'name', title: t('records.organizations.name'), dataIndex: 'name' },
          { key: 'kind', title: t('records.organizations.kind'), render: (_, o) => kindName(o.kind) },
          {
            key: 'credit',
            title: t('records.organizations.creditCode'),
            render: (_, o) => o.creditCode ?? '—',
          },
          {
            key: 'phone',
            title: t('records.organizations.contactPhone'),
            render: (_, o) => o.contactPhone ?? '—',
          },
          { key: 'grid', title: t('records.grid'), render: (_, o) => o.grid.name },
        ]}
        phoneItem={(o) => ({ title: o.name, description: `${kindName(o.kind)} · ${o.grid.name}` })}
      />
      {creating && <OrganizationForm onClose={() => setCreating(false)} onSaved={setOpen} />}
      {open && <OrganizationDrawer organization={open} onClose={() => setOpen(null)} />}
    </>
  )
}

interface Values {
  kind: string
  name: string
  gridCode: string
  creditCode?: string
  legalRepresentative?: string
  contactPhone?: string
  address?: string
  staffCount?: number
  hazardousChemicals?: boolean
  partyOrganization?: boolean
}

function OrganizationForm({ onClose, onSaved }: { onClose: () => void; onSaved: (o: Organization) => void }) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  const kindOptions = useCodeOptions('organization_kind')
  const blank = (v?: string) => (v?.trim() ? v.trim() : undefined)
  const submit = (v: Values) =>
    createOrganization({
      kind: v.kind,
      name: v.name,
      gridCode: v.gridCode,
      creditCode: blank(v.creditCode),
      legalRepresentative: blank(v.legalRepresentative),
      contactPhone: blank(v.contactPhone),
      address: blank(v.address),
      staffCount: v.staffCount ?? undefined,
      details: { hazardousChemicals: !!v.hazardousChemicals, partyOrganization: !!v.partyOrganization },
    })
  return (
    <FormModal<Values, Organization>
      title={t('records.organizations.create')}
      name="organization"
      placement={placement}
      submit={submit}
      invalidate={recordsKey('organizations')}
      success={t('records.saved')}
      onSuccess={(o) => {
        onSaved(o)
        onClose()
      }}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('records.organizations.kind')} rules={[required]}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="name" label={t('records.organizations.name')} rules={[required]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="gridCode" label={t('records.grid')} rules={[required]}>
        <GridTreePicker valueKey="code" testId="record-grid" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('records.organizations.creditCode')}
        extra={t('records.organizations.creditHelp')}
      >
        <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
      </Form.Item>
      <Form.Item name="legalRepresentative" label={t('records.organizations.legalRepresentative')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('records.organizations.contactPhone')}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t('records.organizations.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="staffCount" label={t('records.organizations.staffCount')}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="hazardousChemicals"
        label={t('records.organizations.hazardousChemicals')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="partyOrganization"
        label={t('records.organizations.partyOrganization')}
        valuePropName="checked"
      >
        <Switch />
      </Form.Item>
    </FormModal>
  )
}

function OrganizationDrawer({ organization, onClose }: { organization: Organization; onClose: () => void }) {
  const { t } = useTranslation()
  const kindName = useCodeName('organization_kind')
  const [shown, setShown] = useState<Organization | null>(null)
  const [asking, setAsking] = useState(false)
  const o = shown ?? organization
  const yes = (v: unknown) => (v === true ? t('records.yes') : v === false ? t('records.no') : '—')
  return (
    <Drawer open title={o.name} onClose={onClose} width={Math.min(520, window.innerWidth)}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('records.organizations.kind')}>{kindName(o.kind)}</Descriptions.Item>
        <Descriptions.Item label={t('records.grid')}>{o.grid.name}</Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.creditCode')}>
          {o.creditCode ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.legalRepresentative')}>
          {o.legalRepresentative ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.contactPhone')}>
          {o.contactPhone ?? '—'} {shown && <Tag color="orange">{t('records.inClear')}</Tag>}
          {!shown && o.contactPhone && o.abilities.includes('unmask') && (
            <Button size="small" type="link" onClick={() => setAsking(true)} data-testid="unmask">
              {t('records.showInClear')}
            </Button>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.address')}>{o.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.staffCount')}>
          {o.staffCount ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.hazardousChemicals')}>
          {yes(o.details.hazardousChemicals)}
        </Descriptions.Item>
        <Descriptions.Item label={t('records.organizations.partyOrganization')}>
          {yes(o.details.partyOrganization)}
        </Descriptions.Item>
      </Descriptions>
      {asking && (
        <ReasonDialog
          title={t('records.unmaskTitle')}
          hint={t('records.unmaskHelp')}
          okText={t('records.showInClear')}
          testId="unmask"
          onOk={async (why) => {
            setShown(await unmaskOrganization(organization.id, why))
            // Shown for two minutes, then masked again.
            setTimeout(() => setShown(null), 120_000)
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </Drawer>
  )
}
