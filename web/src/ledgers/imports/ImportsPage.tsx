import { DownloadOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Progress,
  Radio,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/client'
import { GridPicker } from '../../cases/inbox/GridPicker'
import { useErrorText } from '../../common/errorText'
import { useAction } from '../../common/useAction'
import { saveFile } from '../../stats/stats.api'
import {
  fetchErrorReport,
  fetchPeopleWorkbook,
  fetchTemplate,
  type ImportMode,
  type ImportView,
  importsKey,
  myImports,
  type PeopleExportQuery,
  type RecordType,
  readImport,
  uploadSheet,
} from './imports.api'

const STATUS_COLOURS = { queued: 'default', running: 'processing', done: 'success', failed: 'error' } as const
const running = (v?: ImportView) => v?.status === 'queued' || v?.status === 'running'

/** The record types with an import sheet (the API's list). */
const RECORD_TYPES: RecordType[] = [
  'people',
  'organizations',
  'devices',
  'buildings',
  'rooms',
  'disputes',
  'memberships',
]

/**
 * 台账导入导出: the import wizard (type → template → upload with a mode and a default grid → progress,
 * polled → result with counts and the error report → fix and upload again), the reader's recent
 * imports, and the people export (masked unless asked in clear with a reason).
 */
export function ImportsPage() {
  return (
    <Flex vertical gap={16}>
      <ImportWizard />
      <RecentImports />
      <PeopleExport />
    </Flex>
  )
}

function ImportWizard() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const screens = Grid.useBreakpoint()
  const [type, setType] = useState<RecordType>('people')
  const [mode, setMode] = useState<ImportMode>('valid_only')
  const [grid, setGrid] = useState<string | undefined>()
  const [jobId, setJobId] = useState<string | null>(null)
  const upload = useAction(uploadSheet, {
    invalidate: [importsKey],
    onSuccess: (r) => setJobId(r.id),
  })
  const job = useQuery({
    queryKey: [...importsKey, jobId],
    queryFn: () => readImport(jobId as string),
    enabled: jobId !== null,
    refetchInterval: (q) => (running(q.state.data) ? 1000 : false),
  })
  const template = useAction(async () =>
    saveFile(await fetchTemplate(type, grid), `${t(`imports.types.${type}`)}导入模板.xlsx`),
  )
  const view = job.data
  const step = !jobId ? (upload.isPending ? 1 : 0) : running(view) ? 2 : 3
  // On a phone the result lands below the form: bring it into view once it is there.
  useEffect(() => {
    if (step >= 2)
      document
        .querySelector('[data-testid="import-outcome"]')
        ?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  }, [step])

  const picker = (label: string) => (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        setJobId(null)
        upload.mutate({ type, mode, grid, file })
        return false
      }}
    >
      <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-pick">
        {upload.isPending ? t('imports.uploading') : label}
      </Button>
    </Upload>
  )

  return (
    <Card title={t('imports.title')} data-testid="ledger-import">
      <Typography.Paragraph>{t('imports.intro')}</Typography.Paragraph>
      <Steps
        size="small"
        responsive={false}
        labelPlacement={screens.md ? 'horizontal' : 'vertical'}
        current={step}
        style={{ marginBottom: 16 }}
        items={[
          { title: t('imports.steps.template') },
          { title: t('imports.steps.upload') },
          { title: t('imports.steps.progress') },
          { title: t('imports.steps.result') },
        ]}
      />
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item
          label={t('imports.type')}
          extra={
            <>
              <div data-testid="import-key-hint">{t(`imports.keyHints.${type}`)}</div>
              <div>{t('imports.templateHint')}</div>
            </>
          }
        >
          <Space wrap>
            <Select<RecordType>
              value={type}
              onChange={setType}
              style={{ minWidth: 160 }}
              options={RECORD_TYPES.map((value) => ({ value, label: t(`imports.types.${value}`) }))}
              data-testid="import-type"
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => template.mutate(undefined)}
              loading={template.isPending}
              data-testid="import-template"
            >
              {t('imports.template')}
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label={t('imports.mode')} extra={t(`imports.modeHints.${mode}`)}>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            optionType="button"
            options={(['valid_only', 'all_or_nothing'] as const).map((m) => ({
              value: m,
              label: t(`imports.modes.${m}`),
            }))}
            data-testid="import-mode"
          />
        </Form.Item>
        <Form.Item label={t('imports.grid')} extra={t('imports.gridHint')}>
          <GridPicker value={grid} onChange={setGrid} />
        </Form.Item>
        <Form.Item>{picker(t('imports.pick'))}</Form.Item>
      </Form>
      <div data-testid="import-outcome">
        {view && <ImportResult view={view} onError={errorText} reupload={picker(t('imports.reupload'))} />}
      </div>
    </Card>
  )
}

function ImportResult({
  view,
  reupload,
  onError,
}: {
  view: ImportView
  reupload: React.ReactNode
  onError: (e: unknown) => string
}) {
  const { t } = useTranslation()
  const counts = {
    read: view.rowsRead,
    created: view.rowsCreated,
    updated: view.rowsUpdated,
    failed: view.rowsFailed,
  }
  const report = useAction(async () =>
    saveFile(await fetchErrorReport(view.id), `${view.fileName.replace(/\.xlsx$/i, '')}_错误报告.xlsx`),
  )
  if (running(view))
    return (
      <div data-testid="import-progress">
        <Progress percent={99} status="active" showInfo={false} />
        <Typography.Text>{t('imports.progress', counts)}</Typography.Text>
      </div>
    )
  if (view.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('imports.failedJob', {
          reason: onError(new ApiError(0, view.failure ?? 'import.failed', view.failure ?? '')),
        })}
        data-testid="import-summary"
      />
    )
  return (
    <Flex vertical gap={12} data-testid="import-result">
      <Alert
        type={view.rowsFailed ? 'warning' : 'success'}
        showIcon
        title={view.rolledBack ? t('imports.rolledBack', counts) : t('imports.summary', counts)}
        data-testid="import-summary"
      />
      {view.errorReport && (
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => report.mutate(undefined)}
            loading={report.isPending}
            data-testid="import-errors"
          >
            {t('imports.errorReport')}
          </Button>
          {reupload}
        </Space>
      )}
      {view.errorReport && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('imports.errorReportHint')}
        </Typography.Text>
      )}
    </Flex>
  )
}

function RecentImports() {
  const { t, i18n } = useTranslation()
  const screens = Grid.useBreakpoint()
  const list = useQuery({
    queryKey: [...importsKey, 'mine'],
    queryFn: myImports,
    refetchInterval: (q) => (q.state.data?.some((v) => running(v)) ? 2000 : false),
  })
  const report = useAction(async (v: ImportView) =>
    saveFile(await fetchErrorReport(v.id), `${v.fileName.replace(/\.xlsx$/i, '')}_错误报告.xlsx`),
  )
  const rows = list.data ?? []
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language)
  const status = (v: ImportView) => (
    <Tag color={STATUS_COLOURS[v.status]}>{t(`imports.statuses.${v.status}`)}</Tag>
  )
  const counts = (v: ImportView) => `${v.rowsCreated} / ${v.rowsUpdated} / ${v.rowsFailed}`
  const reportLink = (v: ImportView) =>
    v.errorReport ? (
      <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => report.mutate(v)}>
        {t('imports.errorReport')}
      </Button>
    ) : null

  return (
    <Card title={t('imports.recent')} data-testid="import-recent">
      {screens.md ? (
        <Table<ImportView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('imports.none') }}
          columns={[
            { title: t('imports.at'), dataIndex: 'createdAt', render: when, width: 180 },
            { title: t('imports.file'), dataIndex: 'fileName', ellipsis: true },
            {
              title: t('imports.mode'),
              dataIndex: 'mode',
              render: (m: ImportMode) => t(`imports.modes.${m}`),
            },
            { title: t('imports.status'), render: (_, v) => status(v) },
            { title: t('imports.counts'), render: (_, v) => counts(v) },
            { title: '', render: (_, v) => reportLink(v) },
          ]}
        />
      ) : (
        <List<ImportView>
          dataSource={rows}
          loading={list.isLoading}
          locale={{ emptyText: t('imports.none') }}
          renderItem={(v) => (
            <List.Item extra={reportLink(v)}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {status(v)}
                    <Typography.Text ellipsis style={{ maxWidth: 180 }}>
                      {v.fileName}
                    </Typography.Text>
                  </Space>
                }
                description={`${when(v.createdAt)} · ${t('imports.counts')} ${counts(v)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

function PeopleExport() {
  const { t } = useTranslation()
  const [form] = Form.useForm<{
    grid?: string
    kind?: PeopleExportQuery['kind']
    unmask: boolean
    reason?: string
  }>()
  const unmask = Form.useWatch('unmask', form)
  const run = useAction(async () => {
    const v = await form.validateFields()
    const query: PeopleExportQuery = {
      grid: v.grid,
      kind: v.kind,
      ...(v.unmask ? { unmask: 'true' as const, reason: v.reason } : {}),
    }
    saveFile(await fetchPeopleWorkbook(query), `${t('imports.export.fileStem')}.xlsx`)
  })
  return (
    <Card title={t('imports.export.title')} data-testid="people-export">
      <Typography.Paragraph type="secondary">{t('imports.export.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 640 }} initialValues={{ unmask: false }}>
        <Form.Item name="grid" label={t('imports.export.grid')}>
          <GridPicker value={Form.useWatch('grid', form)} onChange={(g) => form.setFieldValue('grid', g)} />
        </Form.Item>
        <Form.Item name="kind" label={t('imports.export.kind')}>
          <Select
            allowClear
            placeholder={t('imports.export.anyKind')}
            options={(['registered', 'floating', 'foreign'] as const).map((k) => ({
              value: k,
              label: t(`imports.export.kinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="unmask" valuePropName="checked">
          <Checkbox>{t('imports.export.unmask')}</Checkbox>
        </Form.Item>
        {unmask && (
          <Form.Item
            name="reason"
            label={t('imports.export.reason')}
            rules={[
              { required: true, whitespace: true, message: t('imports.export.reasonRequired') },
              { min: 4, message: t('imports.export.reasonRequired') },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Button
          icon={<ExportOutlined />}
          onClick={() => run.mutate(undefined)}
          loading={run.isPending}
          data-testid="people-export-button"
        >
          {t('imports.export.button')}
        </Button>
      </Form>
    </Card>
  )
}
