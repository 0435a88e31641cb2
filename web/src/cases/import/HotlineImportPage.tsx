import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Breadcrumb, Button, Card, Flex, Space, Typography, Upload } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useAction } from '../../common/useAction'
import { saveFile } from '../../stats/stats.api'
import { casesKey } from '../cases.api'
import { ImportRows, type ResultRow } from './ImportRows'
import { csvBlob, type ImportResult, importSheet, templateCsv } from './importApi'
import { useReasonText } from './reasonText'

/**
 * 导入热线工单: a 12345 sheet (CSV or .xlsx) uploaded for intake staff, each row's result listed (errors
 * first), the bad rows downloadable as an error report (a CSV made here from the answer), and a
 * template to start from.
 */
export function HotlineImportPage() {
  const { t } = useTranslation()
  const reasonText = useReasonText()
  const upload = useAction(importSheet, { invalidate: [casesKey] })
  const result = upload.data
  const rows: ResultRow[] = result
    ? [
        ...result.failures.map((f) => ({ ...f, outcome: 'failed' as const, no: null, ...reasonText(f) })),
        ...result.taken.map((r) => ({ ...r, reason: null, detail: null })),
      ]
    : []

  const downloadErrors = (r: ImportResult) => {
    const lines = r.failures.map((f) => {
      const { reason, detail } = reasonText(f)
      return [String(f.row), f.ticket ?? '', reason, detail]
    })
    const header = ['row', 'ticket', 'reason', 'detail'].map((k) => t(`cases.import.${k}`))
    saveFile(csvBlob([header, ...lines]), t('cases.import.errorReportName'))
  }

  return (
    <Card
      title={
        <Breadcrumb
          items={[{ title: <Link to="/cases">{t('menu.cases')}</Link> }, { title: t('cases.import.title') }]}
        />
      }
      data-testid="hotline-import"
    >
      <Typography.Paragraph>{t('cases.import.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('cases.import.columnsHint')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Upload
          accept=".csv,.xlsx,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file)
            return false
          }}
        >
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            data-testid="import-pick"
          >
            {upload.isPending ? t('cases.import.importing') : t('cases.import.pick')}
          </Button>
        </Upload>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => saveFile(templateCsv(), t('cases.import.templateName'))}
          data-testid="import-template"
        >
          {t('cases.import.template')}
        </Button>
      </Space>
      {result && (
        <>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Alert
              type={result.failures.length ? 'warning' : 'success'}
              showIcon
              style={{ flex: '1 1 260px' }}
              title={t('cases.import.summary', {
                rows: result.rows,
                created: result.created,
                skipped: result.skipped,
                failed: result.failures.length,
              })}
              data-testid="import-summary"
            />
            {result.failures.length > 0 && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => downloadErrors(result)}
                data-testid="import-errors"
              >
                {t('cases.import.errorReport')}
              </Button>
            )}
          </Flex>
          <ImportRows rows={rows} />
        </>
      )}
    </Card>
  )
}
