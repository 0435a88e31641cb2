import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormModal } from '../../../common/FormModal'
import { QueryError } from '../../../common/QueryError'
import { useAction } from '../../../common/useAction'
import { useRequiredRule } from '../../../common/useRequiredRule'
import { useLocalName } from '../../../i18n'
import {
  addCode,
  codesKey,
  type LedgerCode,
  patchCode,
  policiesKey,
  putPolicies,
  useCodeName,
  useCodeTables,
  usePolicies,
  type VisitPolicy,
} from '../groups.api'

/** 配置 › 台账代码: the ledgers' code tables (add, rename, deactivate) and the visit policies 走访周期. */
export function LedgerCodesPage() {
  const { t } = useTranslation()
  return (
    <Card title={t('menu.ledgerCodes')}>
      <Tabs
        items={[
          { key: 'codes', label: t('groups.codes.tables'), children: <CodeTables /> },
          { key: 'policies', label: t('groups.codes.policies'), children: <Policies /> },
        ]}
      />
    </Card>
  )
}

function CodeTables() {
  const { t } = useTranslation()
  const local = useLocalName()
  const tables = useCodeTables()
  const [table, setTable] = useState<string>('special_group')
  const [dialog, setDialog] = useState<{ code?: LedgerCode } | null>(null)
  const current = tables.data?.find((x) => x.table === table)
  const toggle = useAction((c: LedgerCode) => patchCode(c.table, c.code, { active: !c.active }), {
    invalidate: [codesKey],
    success: t('groups.codes.saved'),
  })
  const columns: TableColumnsType<LedgerCode> = [
    { key: 'code', title: t('groups.codes.code'), dataIndex: 'code', width: 200 },
    { key: 'zh', title: t('groups.codes.zh'), dataIndex: 'zh' },
    { key: 'en', title: t('groups.codes.en'), dataIndex: 'en', responsive: ['md'] },
    {
      key: 'parent',
      title: t('groups.codes.parent'),
      render: (_, c) => c.parentCode ?? '—',
      responsive: ['lg'],
    },
    {
      key: 'kind',
      title: '',
      width: 80,
      render: (_, c) => <Tag>{c.shipped ? t('groups.codes.shipped') : t('groups.codes.local')}</Tag>,
      responsive: ['md'],
    },
    {
      key: 'active',
      title: t('groups.codes.active'),
      width: 80,
      render: (_, c) => (
        <Switch
          size="small"
          checked={c.active}
          loading={toggle.isPending && toggle.variables?.code === c.code}
          onChange={() => toggle.mutate(c)}
          data-testid={`code-active-${c.code}`}
        />
      ),
    },
    {
      key: 'edit',
      title: '',
      width: 60,
      render: (_, c) => (
        <Button
          size="small"
          icon={<EditOutlined />}
          aria-label={t('groups.codes.rename')}
          onClick={() => setDialog({ code: c })}
        />
      ),
    },
  ]
  return (
    <>
      <QueryError error={tables.error} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 220 }}
          value={table}
          onChange={setTable}
          options={(tables.data ?? []).map((x) => ({ value: x.table, label: local(x.zh, x.en) }))}
          data-testid="code-table"
        />
        <Button icon={<PlusOutlined />} onClick={() => setDialog({})} data-testid="code-add">
          {t('groups.codes.add')}
        </Button>
      </Flex>
      <Table<LedgerCode>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={current?.codes ?? []}
        loading={tables.isPending}
        pagination={false}
        data-testid="code-rows"
      />
      {dialog && (
        <CodeModal
          table={table}
          code={dialog.code}
          parents={(current?.codes ?? []).filter((c) => !c.parentCode)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  )
}

function CodeModal({
  table,
  code,
  parents,
  onClose,
}: {
  table: string
  code?: LedgerCode
  parents: LedgerCode[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const required = useRequiredRule()
  type Values = { code: string; zh: string; en: string; parentCode?: string }
  return (
    <FormModal<Values, LedgerCode>
      title={code ? t('groups.codes.rename') : t('groups.codes.add')}
      name="ledger-code"
      initialValues={code ? { code: code.code, zh: code.zh, en: code.en } : {}}
      submit={(v) =>
        code
          ? patchCode(table, code.code, { zh: v.zh, en: v.en })
          : addCode({ table, code: v.code, zh: v.zh, en: v.en, parentCode: v.parentCode ?? null })
      }
      invalidate={codesKey}
      success={code ? t('groups.codes.saved') : t('groups.codes.added')}
      onSuccess={onClose}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('groups.codes.code')}
        rules={[required, { pattern: /^[a-z0-9][a-z0-9_]{0,39}$/, message: 'a-z 0-9 _' }]}
      >
        <Input disabled={!!code} data-testid="code-code" />
      </Form.Item>
      <Form.Item name="zh" label={t('groups.codes.zh')} rules={[required]}>
        <Input maxLength={60} data-testid="code-zh" />
      </Form.Item>
      <Form.Item name="en" label={t('groups.codes.en')} rules={[required]}>
        <Input maxLength={60} data-testid="code-en" />
      </Form.Item>
      {!code && (
        <Form.Item name="parentCode" label={t('groups.codes.parent')}>
          <Select allowClear options={parents.map((p) => ({ value: p.code, label: `${p.code} ${p.zh}` }))} />
        </Form.Item>
      )}
    </FormModal>
  )
}

function Policies() {
  const { t } = useTranslation()
  const policies = usePolicies()
  const { codes, name } = useCodeName('special_group')
  const [form] = Form.useForm<{ policies: VisitPolicy[] }>()
  const save = useAction((rows: VisitPolicy[]) => putPolicies(rows), {
    invalidate: [policiesKey],
    success: t('groups.codes.policiesSaved'),
  })
  useEffect(() => {
    if (policies.data) form.setFieldsValue({ policies: policies.data.policies })
  }, [policies.data, form])
  const groups = codes.filter((c) => !c.parentCode).map((c) => ({ value: c.code, label: name(c.code) }))
  return (
    <>
      <Alert type="info" showIcon title={t('groups.codes.policiesIntro')} style={{ marginBottom: 16 }} />
      <QueryError error={policies.error} />
      <Form form={form} name="visit-policies" onFinish={(v) => save.mutate(v.policies ?? [])}>
        <Form.List name="policies">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              <Flex gap={8} style={{ fontWeight: 500 }}>
                <span style={{ width: 200 }}>{t('groups.codes.group')}</span>
                <span style={{ width: 110 }}>{t('groups.codes.minAttention')}</span>
                <span style={{ width: 110 }}>{t('groups.codes.everyDays')}</span>
              </Flex>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline" data-testid="policy-row">
                  <Form.Item
                    name={[f.name, 'groupCode']}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 4 }}
                  >
                    <Select
                      style={{ width: 200 }}
                      options={groups}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'minAttention']}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 4 }}
                  >
                    <InputNumber min={1} max={5} precision={0} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'everyDays']}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 4 }}
                  >
                    <InputNumber min={1} max={366} precision={0} style={{ width: 110 }} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label={t('groups.codes.remove')}
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              <Flex gap={8} style={{ marginTop: 8 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ minAttention: 1, everyDays: 30 })}>
                  {t('groups.codes.addPolicy')}
                </Button>
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policies-save">
                  {t('groups.codes.savePolicies')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Form.List>
      </Form>
    </>
  )
}
